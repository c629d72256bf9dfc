"""The analysts' questions (questions.py, which the notebooks plot) against the trail files they were asked of."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, datetime, timedelta, timezone

import questions as q
from test_notebooks import counted

ACCESS_DENIED = set(q.ACCESS_DENIED)


def principal(r: dict) -> str:
    identity = r["userIdentity"]
    issuer = identity.get("sessionContext", {}).get("sessionIssuer", {})
    return issuer.get("userName") or identity.get("userName") or ("root" if identity["type"] == "Root" else identity["arn"])


def test_activity_per_day_account_region_and_hour(con, trail):
    assert counted(q.activity_per_day(con).fetchall()) == Counter(
        (r["_integration"], date.fromisoformat(r["eventTime"][:10])) for r in trail.events)
    assert counted(q.activity_per_account_region(con).fetchall()) == Counter(
        (r["_integration"], r["recipientAccountId"], r["awsRegion"]) for r in trail.events)
    assert counted(q.activity_per_hour_of_day(con).fetchall()) == Counter(
        (r["_integration"], int(r["eventTime"][11:13])) for r in trail.events)


def test_top_services(con, trail):
    rows = q.top_services(con, 3).fetchall()
    for integration in ("acme-prod", "acme-org"):
        calls = Counter(r["eventSource"] for r in trail.events if r["_integration"] == integration)
        mine = [(source, n) for i, source, n, _ in rows if i == integration]
        assert [n for _, n in mine] == sorted(calls.values(), reverse=True)[:3]
        assert all(calls[source] == n for source, n in mine)


def test_console_sign_ins(con, trail):
    logins = [r for r in trail.events if r["eventName"] == "ConsoleLogin"]
    rows = {r[0]: dict(zip(("succeeded", "failed", "without_mfa", "root"), r[1:]))
            for r in q.sign_ins_per_day(con).fetchall()}
    per_day = defaultdict(Counter)
    for r in logins:
        day = per_day[date.fromisoformat(r["eventTime"][:10])]
        ok = r["responseElements"]["ConsoleLogin"] == "Success"
        mfa = r["additionalEventData"]["MFAUsed"] == "Yes"
        day["succeeded" if ok else "failed"] += 1
        day["without_mfa"] += ok and not mfa
        day["root"] += r["userIdentity"]["type"] == "Root"
    for day, expected in per_day.items():
        assert rows[day] == {
            k: expected[k] for k in ("succeeded", "failed", "without_mfa", "root")}, day
    assert sum(c["root"] for c in per_day.values()) == 2


def test_password_guessing_stands_out(con, trail):
    top = q.failed_sign_ins_by_source(con).fetchall()[0]
    failures = [r for r in trail.events if r["eventName"] == "ConsoleLogin"
                and r["responseElements"]["ConsoleLogin"] == "Failure" and r["sourceIPAddress"] == top[0]]
    assert top[:4] == ("203.0.113.66", "admin", "111122223333", len(failures)) and len(failures) == 40
    assert top[4] == min(datetime.fromisoformat(r["eventTime"].replace("Z", "+00:00")) for r in failures)


def test_access_denied_hot_spots(con, trail):
    expected = Counter((principal(r), f"{r['eventSource']}:{r['eventName']}") for r in trail.events
                       if r.get("errorCode") in ACCESS_DENIED)
    rows = q.access_denied(con).fetchall()
    got = Counter()
    for p, c, _, _, n, _, _ in rows:
        got[(p, c)] += n
    assert got == expected
    burst = [r for r in rows if r[0] == "ci-deployer"]  # the CI role's denials all came in one afternoon
    assert burst and all(datetime(2026, 11, 18, 9, tzinfo=timezone.utc) <= r[5] <= r[6]
                         < datetime(2026, 11, 18, 15, tzinfo=timezone.utc) for r in burst)


def test_errors_per_hour(con, trail):
    expected = Counter((datetime.fromisoformat(r["eventTime"][:13] + ":00:00+00:00"), r["errorCode"])
                       for r in trail.events if r.get("errorCode"))
    assert counted(q.errors_per_hour(con).fetchall()) == expected


def test_iam_and_security_group_changes(con, trail):
    iam = [r for r in trail.events if r["eventSource"] == "iam.amazonaws.com" and not r["readOnly"]
           and not r.get("errorCode")]
    got = q.iam_changes(con).df()
    assert Counter(got["event_name"]) == Counter(r["eventName"] for r in iam)
    admin = [r for r in iam if (r["requestParameters"] or {}).get("policyArn", "").endswith("/AdministratorAccess")]
    assert (got["policy"].fillna("").str.endswith("/AdministratorAccess")).sum() == len(admin) > 0

    sg = [r for r in trail.events if r["eventSource"] == "ec2.amazonaws.com" and "SecurityGroup" in r["eventName"]
          and not r["readOnly"] and not r.get("errorCode")]
    got = q.security_group_changes(con).df()
    assert Counter(got["event_name"]) == Counter(r["eventName"] for r in sg)
    opened = [r for r in sg if r["eventName"] == "AuthorizeSecurityGroupIngress"
              and r["requestParameters"]["ipPermissions"]["items"][0]["ipRanges"]["items"][0]["cidrIp"] == "0.0.0.0/0"]
    assert Counter(got[got["opens_to_internet"]]["port"]) == Counter(
        r["requestParameters"]["ipPermissions"]["items"][0]["fromPort"] for r in opened)
    assert opened


def test_freshness_and_gaps(con, trail):
    logs = [f for f in trail.files if f.kind == "log"]
    newest = defaultdict(lambda: datetime.min.replace(tzinfo=timezone.utc))
    for f in logs:
        newest[(f.integration, f.account, f.region)] = max(newest[(f.integration, f.account, f.region)], f.delivered_at)
    now = max(newest.values())
    got = {(i, a, r): (files, n, behind) for i, a, r, files, _, n, behind, _ in q.freshness(con).fetchall()}
    assert got == {k: (sum(1 for f in logs if (f.integration, f.account, f.region) == k), v,
                       (now - v).total_seconds() / 3600) for k, v in newest.items()}
    assert got[("acme-org", "333344445555", "eu-central-1")][2] == 48.0

    gaps = q.delivery_gaps(con).fetchall()
    assert [(g[0], g[1], g[2], g[5], g[6]) for g in gaps] == [("acme-prod", "111122223333", "eu-west-1", 15.0, 4)]
    times = sorted(f.delivered_at for f in logs if (f.account, f.region) == ("111122223333", "eu-west-1"))
    widest = max(zip(times, times[1:]), key=lambda p: p[1] - p[0])
    assert (gaps[0][3], gaps[0][4]) == widest and widest[1] - widest[0] == timedelta(hours=15)


def test_outcomes_per_integration(con, trail):
    assert counted(q.outcomes_per_integration(con).fetchall()) == Counter(
        (f.integration, f.outcome) for f in trail.files)


def test_integrity_status_has_every_digest_and_none_unsigned_is_valid(con, trail):
    got = q.integrity_status(con).fetchall()
    digests = Counter(f.integration for f in trail.files if f.kind == "digest")
    assert digests, "the lake fixture writes digests"
    per_integration = Counter()
    for integration, kind, _, n in got:
        if kind == "digest":
            per_integration[integration] += n
    assert per_integration == digests
    # The fixture's digests carry no signature metadata: not one of them may pass as valid.
    assert "valid" not in {status for _, kind, status, _ in got if kind == "digest"}


def test_current_health_is_one_row_per_stream(con):
    rows = q.current_health(con).fetchall()
    keys = [(r[0], r[1], r[2]) for r in rows]
    assert len(keys) == len(set(keys))
    assert {r[3] for r in rows} <= {"healthy", "gap", "access_denied", "silent"}
