SELECT integration_id, outcome, reason, scheme, bucket, key, version_id, account_id, region,
       delivery_date, notified_at, processed_at
FROM (
    SELECT r.*,
           row_number() OVER (PARTITION BY scheme, bucket, key ORDER BY processed_at DESC, replayable) AS latest
    FROM (
        SELECT o.*,
               outcome IN ('skipped_suspended', 'skipped_disconnected', 'skipped_deleted', 'skipped_licence',
                           'skipped_account', 'skipped_organization', 'unrouted', 'missing', 'fetch_failed',
                           'access_denied') AS replayable
        FROM objects o
        WHERE outcome <> 'duplicate'
    ) AS r
) AS t
WHERE latest = 1
  AND replayable
