"""A trail bucket rich enough for the notebooks' questions, and the job config that ingests it.

    python3 notebooks/tests/lake_fixture.py --out /tmp/lake      # writes /tmp/lake/bucket and /tmp/lake/job.yaml
    ./trailstream local --input /tmp/lake/bucket --config /tmp/lake/job.yaml --warehouse /tmp/lake/warehouse

Two weeks of CloudTrail from three integrations of two tenants, deterministic (``--seed``), stdlib only:

* ``acme-prod``: a single-account trail (prefix ``acme``), us-east-1 and eu-west-1; eu-west-1 delivers nothing
  for half a day (a gap); one night a brute force of failed console sign-ins; a daily digest; an Insights file.
* ``acme-org``: an Organization trail (prefix ``acme-org``) of three member accounts, of which the integration
  includes two (the third's files are ``skipped_account``); one account stops delivering two days before the end
  (stale); a CI role gets a burst of access denied.
* ``globex``: a single-account trail (prefix ``globex``) whose integration is suspended: every file is
  ``skipped_suspended`` (a backfill candidate).

Every few hours a file per account and region, with a day-and-night rhythm; records of the kinds analysts look
for: console sign-ins (with and without MFA, root, failures), access denied, IAM changes, security-group changes
(some opening port 22 to the world), and the usual reads.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import string
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

START = datetime(2026, 11, 13, tzinfo=timezone.utc)
DAYS = 14
CADENCE_HOURS = 3
ORG = "o-acme123456"


@dataclass(frozen=True)
class Stream:
    """One account and region of one integration's trail: where its files go and when they stop."""
    integration: str
    prefix: str
    account: str
    region: str
    org: str | None = None
    gap: tuple[datetime, datetime] | None = None  # no file delivered in [from, to)
    stops: datetime | None = None  # no file delivered from then on


STREAMS = [
    Stream("acme-prod", "acme", "111122223333", "us-east-1"),
    Stream("acme-prod", "acme", "111122223333", "eu-west-1",
           gap=(datetime(2026, 11, 19, 6, tzinfo=timezone.utc), datetime(2026, 11, 19, 18, tzinfo=timezone.utc))),
    Stream("acme-org", "acme-org", "222233334444", "us-east-1", org=ORG),
    Stream("acme-org", "acme-org", "333344445555", "eu-central-1", org=ORG,
           stops=datetime(2026, 11, 25, 0, tzinfo=timezone.utc)),
    Stream("acme-org", "acme-org", "444455556666", "us-east-1", org=ORG),  # outside the include-list
    Stream("globex", "globex", "555566667777", "us-west-2"),  # integration suspended
]

INTEGRATIONS = [
    {"integration_id": "acme-prod", "tenant_id": "acme", "display_name": "ACME production",
     "bucket": "fixture-bucket", "prefix": "acme"},
    {"integration_id": "acme-org", "tenant_id": "acme", "display_name": "ACME Organization",
     "bucket": "fixture-bucket", "prefix": "acme-org", "organization_id": ORG,
     "included_accounts": ["222233334444", "333344445555"]},
    {"integration_id": "globex", "tenant_id": "globex", "display_name": "Globex",
     "bucket": "fixture-bucket", "prefix": "globex", "status": "suspended"},
]

USERS = ["alice", "bob", "carol", "dave"]
ROLES = ["Admin", "ReadOnly", "ci-deployer", "data-pipeline"]
AGENTS = ["aws-cli/2.15.30 Python/3.11.8 Linux/6.1.0", "Boto3/1.34.2 md/Botocore#1.34.2 os/linux",
          "aws-sdk-java/2.25.1 Linux/5.10 OpenJDK_64-Bit_Server_VM/17", "terraform-provider-aws/5.40.0"]
READS = [("ec2.amazonaws.com", "DescribeInstances"), ("s3.amazonaws.com", "ListBuckets"),
         ("s3.amazonaws.com", "GetObject"), ("sts.amazonaws.com", "GetCallerIdentity"),
         ("kms.amazonaws.com", "Decrypt"), ("sts.amazonaws.com", "AssumeRole"),
         ("lambda.amazonaws.com", "ListFunctions20150331"), ("cloudwatch.amazonaws.com", "GetMetricData"),
         ("dynamodb.amazonaws.com", "DescribeTable"), ("ec2.amazonaws.com", "DescribeSecurityGroups")]
IAM_CHANGES = ["CreateUser", "CreateAccessKey", "AttachUserPolicy", "PutRolePolicy", "CreateRole",
               "DeleteAccessKey", "UpdateAssumeRolePolicy", "DeleteUser", "DetachRolePolicy"]
SG_CHANGES = ["AuthorizeSecurityGroupIngress", "RevokeSecurityGroupIngress", "CreateSecurityGroup",
              "DeleteSecurityGroup", "ModifySecurityGroupRules"]
DENIED = ["AccessDenied", "AccessDeniedException", "Client.UnauthorizedOperation"]
BRUTE_FORCE_IP = "203.0.113.66"
BRUTE_FORCE = (datetime(2026, 11, 21, 2, tzinfo=timezone.utc), datetime(2026, 11, 21, 5, tzinfo=timezone.utc))
CI_DENIED = (datetime(2026, 11, 18, 9, tzinfo=timezone.utc), datetime(2026, 11, 18, 15, tzinfo=timezone.utc))


class Trail:
    """Makes records; one random generator for the whole fixture, so the output depends on the seed only."""

    def __init__(self, seed: int):
        self.rnd = random.Random(seed)

    def uid(self) -> str:
        return str(uuid.UUID(int=self.rnd.getrandbits(128), version=4))

    def unique(self) -> str:
        return "".join(self.rnd.choice(string.ascii_lowercase + string.digits) for _ in range(16))

    def ip(self) -> str:
        return f"198.51.100.{self.rnd.randint(1, 254)}"

    def identity(self, s: Stream, kind: str | None = None, name: str | None = None, mfa: bool | None = None) -> dict:
        kind = kind or self.rnd.choice(["IAMUser", "AssumedRole", "AssumedRole"])
        if kind == "Root":
            return {"type": "Root", "principalId": s.account, "arn": f"arn:aws:iam::{s.account}:root",
                    "accountId": s.account}
        if kind == "IAMUser":
            user = name or self.rnd.choice(USERS)
            return {"type": "IAMUser", "principalId": "AIDA" + self.unique().upper()[:16],
                    "arn": f"arn:aws:iam::{s.account}:user/{user}", "accountId": s.account, "userName": user,
                    "accessKeyId": "AKIA" + self.unique().upper()[:16]}
        role = name or self.rnd.choice(ROLES)
        return {"type": "AssumedRole", "principalId": "AROA" + self.unique().upper()[:16] + ":session",
                "arn": f"arn:aws:sts::{s.account}:assumed-role/{role}/session",
                "accountId": s.account, "accessKeyId": "ASIA" + self.unique().upper()[:16],
                "sessionContext": {
                    "sessionIssuer": {"type": "Role", "principalId": "AROA" + self.unique().upper()[:16],
                                      "arn": f"arn:aws:iam::{s.account}:role/{role}", "accountId": s.account,
                                      "userName": role},
                    "attributes": {"creationDate": "2026-11-13T00:00:00Z",
                                   "mfaAuthenticated": "true" if (mfa if mfa is not None else role == "Admin")
                                   else "false"}}}

    def base(self, s: Stream, at: datetime, source: str, name: str, identity: dict, read_only: bool,
             region: str | None = None) -> dict:
        return {
            "eventVersion": "1.10", "userIdentity": identity,
            "eventTime": at.strftime("%Y-%m-%dT%H:%M:%SZ"), "eventSource": source, "eventName": name,
            "awsRegion": region or s.region, "sourceIPAddress": self.ip(), "userAgent": self.rnd.choice(AGENTS),
            "requestParameters": None, "responseElements": None, "requestID": self.uid(), "eventID": self.uid(),
            "readOnly": read_only, "eventType": "AwsApiCall", "managementEvent": True,
            "recipientAccountId": s.account, "eventCategory": "Management",
            "tlsDetails": {"tlsVersion": "TLSv1.3", "cipherSuite": "TLS_AES_128_GCM_SHA256",
                           "clientProvidedHostHeader": source},
        }

    def read(self, s: Stream, at: datetime) -> dict:
        source, name = self.rnd.choice(READS)
        r = self.base(s, at, source, name, self.identity(s), True)
        if name == "GetObject":
            bucket = self.rnd.choice(["acme-data", "acme-logs", "reports"])
            key = f"part-{self.rnd.randint(0, 999):04d}.parquet"
            r["requestParameters"] = {"bucketName": bucket, "key": key}
            r["additionalEventData"] = {"bytesTransferredOut": self.rnd.randint(1_000, 5_000_000)}
            r["resources"] = [{"type": "AWS::S3::Object", "ARN": f"arn:aws:s3:::{bucket}/{key}"},
                              {"accountId": s.account, "type": "AWS::S3::Bucket", "ARN": f"arn:aws:s3:::{bucket}"}]
            r["eventCategory"] = "Data"
            r["managementEvent"] = False
        if self.rnd.random() < 0.02:
            r["errorCode"] = "ThrottlingException"
            r["errorMessage"] = "Rate exceeded"
        return r

    def console_login(self, s: Stream, at: datetime, *, kind: str | None = None, user: str | None = None,
                      ok: bool = True, mfa: bool = True, ip: str | None = None) -> dict:
        kind = kind or self.rnd.choice(["IAMUser", "AssumedRole"])
        if kind == "AssumedRole" and user is None:
            user = self.rnd.choice(["Admin", "ReadOnly"])  # people sign in through SSO roles, CI does not
        identity = self.identity(s, kind, user, mfa=mfa if kind == "AssumedRole" else None)
        r = self.base(s, at, "signin.amazonaws.com", "ConsoleLogin", identity, False, region="us-east-1")
        r["eventType"] = "AwsConsoleSignIn"
        r["userAgent"] = "Mozilla/5.0 (X11; Linux x86_64) Firefox/132.0"
        r["responseElements"] = {"ConsoleLogin": "Success" if ok else "Failure"}
        r["additionalEventData"] = {"LoginTo": "https://console.aws.amazon.com/console/home",
                                    "MobileVersion": "No", "MFAUsed": "Yes" if mfa else "No"}
        if not ok:
            r["errorMessage"] = "Failed authentication"
        if ip:
            r["sourceIPAddress"] = ip
        return r

    def denied(self, s: Stream, at: datetime, role: str | None = None) -> dict:
        role = role or self.rnd.choice(["ReadOnly", "data-pipeline", "Admin"])
        source, name = self.rnd.choice([("s3.amazonaws.com", "PutObject"), ("iam.amazonaws.com", "PassRole"),
                                        ("kms.amazonaws.com", "Decrypt"), ("ec2.amazonaws.com", "RunInstances"),
                                        ("secretsmanager.amazonaws.com", "GetSecretValue")])
        r = self.base(s, at, source, name, self.identity(s, "AssumedRole", role), name == "Decrypt")
        code = "Client.UnauthorizedOperation" if source == "ec2.amazonaws.com" else (
            "AccessDenied" if source in ("s3.amazonaws.com", "iam.amazonaws.com") else "AccessDeniedException")
        r["errorCode"] = code
        r["errorMessage"] = f"User: {r['userIdentity']['arn']} is not authorized to perform: " \
                            f"{source.split('.')[0]}:{name}"
        return r

    def iam_change(self, s: Stream, at: datetime) -> dict:
        name = self.rnd.choice(IAM_CHANGES)
        r = self.base(s, at, "iam.amazonaws.com", name, self.identity(s, "AssumedRole", "Admin"), False,
                      region="us-east-1")
        target = self.rnd.choice(["svc-backup", "contractor-" + str(self.rnd.randint(1, 9)), "etl"])
        if name == "AttachUserPolicy":
            policy = self.rnd.choice(["AdministratorAccess", "ReadOnlyAccess", "AmazonS3FullAccess"])
            r["requestParameters"] = {"userName": target, "policyArn": f"arn:aws:iam::aws:policy/{policy}"}
        elif name in ("PutRolePolicy", "UpdateAssumeRolePolicy", "CreateRole", "DetachRolePolicy"):
            r["requestParameters"] = {"roleName": target + "-role"}
        else:
            r["requestParameters"] = {"userName": target}
        return r

    def sg_change(self, s: Stream, at: datetime) -> dict:
        name = self.rnd.choice(SG_CHANGES)
        r = self.base(s, at, "ec2.amazonaws.com", name, self.identity(s), False)
        group = f"sg-{self.rnd.getrandbits(32):08x}"
        if name in ("AuthorizeSecurityGroupIngress", "RevokeSecurityGroupIngress"):
            port = self.rnd.choice([22, 22, 443, 3389, 5432])
            cidr = "0.0.0.0/0" if self.rnd.random() < 0.3 else "10.0.0.0/8"
            r["requestParameters"] = {"groupId": group, "ipPermissions": {"items": [
                {"ipProtocol": "tcp", "fromPort": port, "toPort": port,
                 "ipRanges": {"items": [{"cidrIp": cidr}]}}]}}
        else:
            r["requestParameters"] = {"groupId": group}
        return r

    def records(self, s: Stream, start: datetime, end: datetime) -> list[dict]:
        """The records of one file covering ``[start, end)``."""
        out = []
        span = int((end - start).total_seconds())
        hour = start.hour
        busy = 2.5 if 8 <= hour < 20 else 1.0
        if s.region == "eu-central-1":
            busy *= 0.6
        for _ in range(int(self.rnd.randint(6, 14) * busy)):
            at = start + timedelta(seconds=self.rnd.randrange(span))
            roll = self.rnd.random()
            if roll < 0.06:
                out.append(self.console_login(s, at, ok=self.rnd.random() > 0.1, mfa=self.rnd.random() > 0.2))
            elif roll < 0.10:
                out.append(self.denied(s, at))
            elif roll < 0.13:
                out.append(self.iam_change(s, at))
            elif roll < 0.16:
                out.append(self.sg_change(s, at))
            else:
                out.append(self.read(s, at))
        if s.integration == "acme-prod" and s.region == "us-east-1":
            if BRUTE_FORCE[0] <= start < BRUTE_FORCE[1]:
                for _ in range(40):
                    at = start + timedelta(seconds=self.rnd.randrange(span))
                    out.append(self.console_login(s, at, kind="IAMUser", user="admin", ok=False, mfa=False,
                                                  ip=BRUTE_FORCE_IP))
            if start.hour == 6 and start.day in (15, 22):  # root signs in now and then, once without MFA
                out.append(self.console_login(s, start + timedelta(minutes=7), kind="Root", mfa=start.day == 15))
        if s.account == "222233334444" and CI_DENIED[0] <= start < CI_DENIED[1]:
            for _ in range(30):
                out.append(self.denied(s, start + timedelta(seconds=self.rnd.randrange(span)), role="ci-deployer"))
        out.sort(key=lambda r: r["eventTime"])
        return out


def folder(s: Stream, service: str, at: datetime) -> str:
    org = f"{s.org}/" if s.org else ""
    return f"{s.prefix}/AWSLogs/{org}{s.account}/{service}/{s.region}/{at:%Y/%m/%d}/"


def write(bucket: Path, key: str, document: dict) -> None:
    path = bucket / key
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=6) as f:
        json.dump(document, f, separators=(",", ":"))


def generate(out: Path, seed: int = 20261126) -> dict:
    """Writes ``out/bucket`` and ``out/job.yaml``; returns counts for a quick look."""
    trail = Trail(seed)
    bucket = out / "bucket"
    files = records = 0
    for s in STREAMS:
        t = START
        while t < START + timedelta(days=DAYS):
            delivered = t + timedelta(hours=CADENCE_HOURS)
            in_gap = s.gap is not None and s.gap[0] <= t < s.gap[1]
            stopped = s.stops is not None and t >= s.stops
            if not in_gap and not stopped:
                rows = trail.records(s, t, delivered)
                key = folder(s, "CloudTrail", delivered) + (
                    f"{s.account}_CloudTrail_{s.region}_{delivered:%Y%m%dT%H%M}Z_{trail.unique()}.json.gz")
                write(bucket, key, {"Records": rows})
                files += 1
                records += len(rows)
            t = delivered
    prod = STREAMS[0]
    for day in range(DAYS):
        at = START + timedelta(days=day, hours=23, minutes=59)
        key = folder(prod, "CloudTrail-Digest", at) + (
            f"{prod.account}_CloudTrail-Digest_{prod.region}_management-trail_{prod.region}_{at:%Y%m%dT%H%M%S}Z.json.gz")
        write(bucket, key, {"awsAccountId": prod.account, "digestStartTime": f"{at:%Y-%m-%dT00:00:00Z}",
                            "digestEndTime": f"{at:%Y-%m-%dT23:59:00Z}", "logFiles": [],
                            "digestSignatureAlgorithm": "SHA256withRSA", "previousDigestSignature": None})
        files += 1
    at = datetime(2026, 11, 18, 10, 15, tzinfo=timezone.utc)
    insight = {"eventVersion": "1.08", "eventTime": f"{at:%Y-%m-%dT%H:%M:%SZ}", "awsRegion": prod.region,
               "eventType": "AwsCloudTrailInsight", "recipientAccountId": prod.account,
               "sharedEventID": trail.uid(), "eventSource": "iam.amazonaws.com", "eventName": "PassRole",
               "eventCategory": "Insight"}
    rows = [dict(insight, eventID=trail.uid(), insightDetails={
        "state": state, "eventSource": "iam.amazonaws.com", "eventName": "PassRole",
        "insightType": "ApiErrorRateInsight", "errorCode": "AccessDenied",
        "insightContext": {"statistics": {"baseline": {"average": 0.1}, "insight": {"average": 5.0}}}})
        for state in ("Start", "End")]
    key = folder(prod, "CloudTrail-Insight", at) + (
        f"{prod.account}_CloudTrail-Insight_{prod.region}_{at:%Y%m%dT%H%M}Z_{trail.unique()}.json.gz")
    write(bucket, key, {"Records": rows})
    files += 1
    (out / "job.yaml").write_text(job_yaml(), encoding="utf-8")
    return {"files": files, "records": records}


def job_yaml() -> str:
    """The integrations, in the job's config file format (JSON is YAML)."""
    return "integrations: " + json.dumps(INTEGRATIONS, indent=2) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=20261126)
    args = parser.parse_args()
    print(json.dumps(generate(args.out, args.seed)))


if __name__ == "__main__":
    main()
