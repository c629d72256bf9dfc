package io.trailstream.integrity.logfile;

import io.trailstream.integrity.BucketNames;
import io.trailstream.ledger.LedgerOutcome;
import io.trailstream.ledger.LedgerRow;
import io.trailstream.ledger.ReadFailure;
import io.trailstream.trail.ObjectKind;

/**
 * What the job made of one CloudTrail log file, from its ledger row: the outcome and, when it was read, the
 * SHA-256 of its uncompressed bytes and the bytes after its gzip stream. Keyed by {@link #fileKey}, where it
 * meets what digests list. A Flink POJO.
 */
public class LogFileSeen {
    public String fileKey;
    public String scheme;
    public String bucket;
    public String key;
    /** {@code log} or {@code insight}: CloudTrail lists log files in digests; an Insights file is never unlisted. */
    public ObjectKind kind;

    public String integrationId;
    public String organizationId;
    public String accountId;
    public String region;
    public LedgerOutcome outcome;
    public String reason;
    public ReadFailure readFailure;
    public String sha256;
    public long gzipTrailingBytes = -1;
    public long seenAtMillis;

    public LogFileSeen() {}

    /**
     * The log (or Insights) file of {@code row}, or null for rows that say nothing new about such a file's bytes
     * (other kinds, repeated notifications).
     */
    public static LogFileSeen of(LedgerRow row) {
        boolean trailFile = row.kind == ObjectKind.LOG || row.kind == ObjectKind.INSIGHT;
        if (!trailFile || row.outcome == LedgerOutcome.DUPLICATE) return null;
        LogFileSeen s = new LogFileSeen();
        s.kind = row.kind;
        s.scheme = row.scheme;
        s.bucket = BucketNames.of(row.scheme, row.bucket);
        s.key = row.key;
        s.fileKey = BucketNames.fileKey(s.bucket, row.key);
        s.integrationId = row.integrationId;
        s.organizationId = row.organizationId;
        s.accountId = row.accountId;
        s.region = row.region;
        s.outcome = row.outcome;
        s.reason = row.reason;
        s.readFailure = row.readFailure;
        s.sha256 = row.sha256;
        s.gzipTrailingBytes = row.gzipTrailingBytes;
        s.seenAtMillis = row.processedAtMillis;
        return s;
    }

    /** Whether the file's bytes were read (its hash, if any, says what they were). */
    public boolean wasRead() {
        switch (outcome) {
            case INGESTED:
            case PARTIAL:
            case CORRUPT:
            case NOT_CLOUDTRAIL:
                return true;
            default:
                return false;
        }
    }

    /** Whether the job decided not to fetch it (its integration is suspended, the account excluded, ...). */
    public boolean wasSkipped() {
        return outcome.ledgerName().startsWith("skipped_") || outcome == LedgerOutcome.UNROUTED;
    }

    @Override
    public String toString() {
        return "LogFileSeen{" + fileKey + " " + outcome + "}";
    }
}
