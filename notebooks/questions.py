"""The questions analysts of a CloudTrail lake ask, as DuckDB queries over trailstream's tables.

Each function takes a connection from ``trailstream.duckdb_connection()`` and returns a DuckDB relation
(``.df()`` for pandas, ``.fetchall()`` for tuples), so the notebooks plot them and the tests check them against
the trail files. Times are UTC.
"""

from __future__ import annotations

import duckdb

Con = duckdb.DuckDBPyConnection

#: Error codes AWS answers a call it refused for want of permission with (they differ per service).
ACCESS_DENIED = ("AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "Client.UnauthorizedOperation")

#: Who made a call, readably: the role behind an assumed-role session, else the user or root ARN.
PRINCIPAL = """coalesce(user_identity.session_context.session_issuer.user_name,
                        user_identity.user_name,
                        CASE WHEN user_identity.type = 'Root' THEN 'root' END,
                        user_identity.arn, user_identity.invoked_by, user_identity.principal_id)"""


# --- activity -------------------------------------------------------------------------------------------------

def activity_per_day(con: Con):
    """Records per integration and day."""
    return con.sql("""
        SELECT integration_id, CAST(event_time AS DATE) AS day, count(*) AS events
        FROM events GROUP BY ALL ORDER BY day, integration_id""")


def activity_per_account_region(con: Con):
    """Records per integration, account and region (the region the call was made in)."""
    return con.sql("""
        SELECT integration_id, recipient_account_id AS account, aws_region AS region, count(*) AS events
        FROM events GROUP BY ALL ORDER BY integration_id, account, region""")


def activity_per_hour_of_day(con: Con):
    """Records per integration and hour of the day (UTC), over the whole period."""
    return con.sql("""
        SELECT integration_id, hour(event_time) AS hour, count(*) AS events
        FROM events GROUP BY ALL ORDER BY integration_id, hour""")


def top_services(con: Con, n: int = 10):
    """The services (event sources) called most, per integration, and the share of calls that changed something."""
    return con.sql(f"""
        SELECT integration_id, event_source, count(*) AS events,
               round(avg(CASE WHEN read_only THEN 0 ELSE 1 END), 3) AS write_share
        FROM events GROUP BY integration_id, event_source
        QUALIFY row_number() OVER (PARTITION BY integration_id ORDER BY count(*) DESC, event_source) <= {int(n)}
        ORDER BY integration_id, events DESC""")


# --- console sign-ins ------------------------------------------------------------------------------------------

def console_sign_ins(con: Con):
    """One row per console sign-in: who, from where, whether it worked, with MFA, as root."""
    return con.sql(SIGN_INS)


SIGN_INS = f"""
        SELECT event_time, integration_id, recipient_account_id AS account, {PRINCIPAL} AS principal,
               user_identity.type AS identity_type, source_ip_address AS source_ip,
               (response_elements ->> '$.ConsoleLogin') AS result,
               coalesce((additional_event_data ->> '$.MFAUsed') = 'Yes',
                        user_identity.session_context.attributes.mfa_authenticated, false) AS mfa,
               user_identity.type = 'Root' AS root
        FROM events
        WHERE event_name = 'ConsoleLogin'
        ORDER BY event_time"""


def sign_ins_per_day(con: Con):
    """Console sign-ins per day: succeeded, failed, succeeded without MFA, by root."""
    return con.sql(f"""
        SELECT CAST(event_time AS DATE) AS day,
               count(*) FILTER (WHERE result = 'Success') AS succeeded,
               count(*) FILTER (WHERE result = 'Failure') AS failed,
               count(*) FILTER (WHERE result = 'Success' AND NOT mfa) AS without_mfa,
               count(*) FILTER (WHERE root) AS root
        FROM ({SIGN_INS}) GROUP BY ALL ORDER BY day""")


def failed_sign_ins_by_source(con: Con):
    """Failed console sign-ins per source IP and principal, with when they began and ended."""
    return con.sql(f"""
        SELECT source_ip, principal, account, count(*) AS failures, min(event_time) AS first, max(event_time) AS last
        FROM ({SIGN_INS}) WHERE result = 'Failure'
        GROUP BY ALL ORDER BY failures DESC, source_ip, principal""")


# --- access denied and errors ---------------------------------------------------------------------------------

def access_denied(con: Con):
    """Calls refused for want of permission: principal, the call, the account, how often, first and last seen."""
    codes = ", ".join(f"'{c}'" for c in ACCESS_DENIED)
    return con.sql(f"""
        SELECT {PRINCIPAL} AS principal, event_source || ':' || event_name AS call,
               recipient_account_id AS account, integration_id, count(*) AS denied,
               min(event_time) AS first, max(event_time) AS last
        FROM events WHERE error_code IN ({codes})
        GROUP BY ALL ORDER BY denied DESC, principal, call""")


def errors_per_hour(con: Con):
    """Failed calls per hour and error code."""
    return con.sql("""
        SELECT date_trunc('hour', event_time) AS hour, error_code, count(*) AS errors
        FROM events WHERE error_code IS NOT NULL
        GROUP BY ALL ORDER BY hour, error_code""")


# --- IAM and security-group changes ---------------------------------------------------------------------------

def iam_changes(con: Con):
    """Every IAM call that changed something: who did what to which user, role or policy (refused calls are
    access denied, not changes)."""
    return con.sql(f"""
        SELECT event_time, integration_id, recipient_account_id AS account, event_name, {PRINCIPAL} AS principal,
               coalesce(request_parameters ->> '$.userName', (request_parameters ->> '$.roleName')) AS target,
               (request_parameters ->> '$.policyArn') AS policy
        FROM events
        WHERE event_source = 'iam.amazonaws.com' AND NOT coalesce(read_only, false) AND error_code IS NULL
        ORDER BY event_time""")


def security_group_changes(con: Con):
    """Every security-group change, with the first rule's port and range, and whether it opens to the internet."""
    return con.sql(f"""
        SELECT event_time, integration_id, recipient_account_id AS account, aws_region AS region, event_name,
               {PRINCIPAL} AS principal, (request_parameters ->> '$.groupId') AS group_id,
               CAST(request_parameters ->> '$.ipPermissions.items[0].fromPort' AS INTEGER) AS port,
               (request_parameters ->> '$.ipPermissions.items[0].ipRanges.items[0].cidrIp') AS cidr,
               event_name = 'AuthorizeSecurityGroupIngress'
                   AND request_parameters LIKE '%"0.0.0.0/0"%' AS opens_to_internet
        FROM events
        WHERE event_source = 'ec2.amazonaws.com' AND event_name LIKE '%SecurityGroup%'
              AND NOT coalesce(read_only, false) AND error_code IS NULL
        ORDER BY event_time""")


# --- freshness and gaps, from the ledger ----------------------------------------------------------------------

#: The time CloudTrail wrote a log file, from its name (…_20261126T0905Z_…).
DELIVERED_AT = "strptime(regexp_extract(key, '_(\\d{8}T\\d{4})Z_', 1), '%Y%m%dT%H%M')::TIMESTAMPTZ"


DELIVERIES = f"""
        SELECT integration_id, account_id, region, {DELIVERED_AT} AS delivered_at, outcome, record_count, key
        FROM objects WHERE kind = 'log'"""


def deliveries(con: Con):
    """Every log file the ledger knows of, with the time CloudTrail wrote it and what became of it."""
    return con.sql(DELIVERIES + " ORDER BY integration_id, account_id, region, delivered_at")


def freshness(con: Con, now=None):
    """Per integration, account and region: the newest file, how old it is at ``now`` (default: the newest file
    of all, for a warehouse that is not live), and what the files became."""
    reference = f"(SELECT max(delivered_at) FROM ({DELIVERIES}))" if now is None else "$now::TIMESTAMPTZ"
    return con.sql(f"""
        SELECT integration_id, account_id, region, count(*) AS files,
               count(*) FILTER (WHERE outcome = 'ingested') AS ingested,
               max(delivered_at) AS newest,
               round(epoch({reference} - max(delivered_at)) / 3600, 1) AS hours_behind,
               string_agg(DISTINCT outcome, ', ' ORDER BY outcome) AS outcomes
        FROM ({DELIVERIES}) GROUP BY ALL ORDER BY integration_id, account_id, region""",
                   params=None if now is None else {"now": now})


def delivery_gaps(con: Con, factor: float = 2.0):
    """Stretches without a file: between two files of one account and region, more than ``factor`` times that
    stream's usual interval (its median)."""
    return con.sql(f"""
        WITH spaced AS (
            SELECT integration_id, account_id, region, delivered_at,
                   lag(delivered_at) OVER (PARTITION BY integration_id, account_id, region ORDER BY delivered_at)
                       AS previous
            FROM ({DELIVERIES})
        ), usual AS (
            SELECT integration_id, account_id, region, median(epoch(delivered_at - previous)) AS seconds
            FROM spaced WHERE previous IS NOT NULL GROUP BY ALL
        )
        SELECT s.integration_id, s.account_id, s.region, s.previous AS last_before, s.delivered_at AS first_after,
               round(epoch(s.delivered_at - s.previous) / 3600, 1) AS hours,
               round(epoch(s.delivered_at - s.previous) / u.seconds - 1) AS files_missing
        FROM spaced s JOIN usual u USING (integration_id, account_id, region)
        WHERE epoch(s.delivered_at - s.previous) > {float(factor)} * u.seconds
        ORDER BY s.integration_id, s.account_id, s.region, last_before""")


def outcomes_per_integration(con: Con):
    """Objects per integration and ledger outcome."""
    return con.sql("""
        SELECT coalesce(integration_id, '(none)') AS integration_id, outcome, count(*) AS objects
        FROM objects GROUP BY ALL ORDER BY integration_id, outcome""")


# --- integrity and health -------------------------------------------------------------------------------------

#: The current result of each check: the latest ``integrity`` row per kind and key (a log file notified after its
#: digest, or a check decided again after its grace, has several rows).
INTEGRITY_LATEST = """
        SELECT * EXCLUDE (n) FROM (
            SELECT *, row_number() OVER (PARTITION BY kind, key ORDER BY checked_at DESC) AS n FROM integrity)
        WHERE n = 1"""


def integrity_status(con: Con):
    """Per integration: how many digests and log files stand at each integrity status now."""
    return con.sql(f"""
        SELECT coalesce(integration_id, '(none)') AS integration_id, kind, status, count(*) AS checks
        FROM ({INTEGRITY_LATEST}) GROUP BY ALL ORDER BY integration_id, kind, status""")


def current_health(con: Con):
    """The latest health of every integration, account and region the job has judged."""
    return con.sql("""
        SELECT integration_id, account_id, region, status, since, reason FROM (
            SELECT *, row_number() OVER (PARTITION BY integration_id, account_id, region ORDER BY recorded_at DESC)
                AS n
            FROM integration_health)
        WHERE n = 1 ORDER BY integration_id, account_id, region""")
