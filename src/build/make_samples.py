#!/usr/bin/env python3
"""Writes the bundled sample trail bucket (src/main/resources/samples/): realistic, hand-made CloudTrail
log, Insights and digest files for two accounts and two regions. Deterministic: run it again and the bytes
are the same (gzip mtime 0). Usage: python3 src/build/make_samples.py"""
import gzip, json, os, random, uuid, pathlib

ROOT = pathlib.Path(__file__).resolve().parents[1] / "main" / "resources" / "samples"
rnd = random.Random(20261126)

def uid():
    return str(uuid.UUID(int=rnd.getrandbits(128)))

def iam_user(acct, name):
    return {"type": "IAMUser", "principalId": "AIDA" + "".join(rnd.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(17)),
            "arn": f"arn:aws:iam::{acct}:user/{name}", "accountId": acct,
            "accessKeyId": "AKIA" + "".join(rnd.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(16)), "userName": name}

def assumed_role(acct, role, session, mfa="false"):
    pid = "AROA" + "".join(rnd.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(17))
    return {"type": "AssumedRole", "principalId": f"{pid}:{session}",
            "arn": f"arn:aws:sts::{acct}:assumed-role/{role}/{session}", "accountId": acct,
            "accessKeyId": "ASIA" + "".join(rnd.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(16)),
            "sessionContext": {"sessionIssuer": {"type": "Role", "principalId": pid, "arn": f"arn:aws:iam::{acct}:role/{role}",
                                                 "accountId": acct, "userName": role},
                               "webIdFederationData": {},
                               "attributes": {"creationDate": "2026-11-26T08:55:12Z", "mfaAuthenticated": mfa}}}

def base(acct, region, t, source, name, identity, ip="198.51.100.23", agent="aws-cli/2.22.4 Python/3.12.6 Linux/6.1 exe/x86_64.amzn.2023"):
    r = {"eventVersion": "1.11", "userIdentity": identity, "eventTime": t, "eventSource": source, "eventName": name,
         "awsRegion": region, "sourceIPAddress": ip, "userAgent": agent, "requestParameters": None,
         "responseElements": None, "requestID": uid(), "eventID": uid(), "readOnly": True, "eventType": "AwsApiCall",
         "managementEvent": True, "recipientAccountId": acct, "eventCategory": "Management",
         "tlsDetails": {"tlsVersion": "TLSv1.3", "cipherSuite": "TLS_AES_128_GCM_SHA256",
                        "clientProvidedHostHeader": f"{source.split('.')[0]}.{region}.amazonaws.com"}}
    return r

def records(acct, region, hour, n):
    out = []
    for i in range(n):
        t = f"2026-11-26T{hour:02d}:{(i * 7) % 60:02d}:{(i * 13) % 60:02d}Z"
        k = i % 8
        if k == 0:
            r = base(acct, region, t, "s3.amazonaws.com", "GetObject", assumed_role(acct, "DataReader", "etl-job"))
            r.update({"requestParameters": {"bucketName": "analytics-raw", "key": f"daily/2026-11-26/part-{i:05d}.parquet", "Host": "analytics-raw.s3.amazonaws.com"},
                      "additionalEventData": {"bytesTransferredIn": 0, "bytesTransferredOut": 10485 + i, "x-amz-id-2": "Zm9v"},
                      "resources": [{"type": "AWS::S3::Object", "ARN": f"arn:aws:s3:::analytics-raw/daily/2026-11-26/part-{i:05d}.parquet"},
                                    {"accountId": acct, "type": "AWS::S3::Bucket", "ARN": "arn:aws:s3:::analytics-raw"}],
                      "managementEvent": False, "eventCategory": "Data"})
        elif k == 1:
            r = base(acct, region, t, "ec2.amazonaws.com", "DescribeInstances", iam_user(acct, "alice"))
            r["requestParameters"] = {"instancesSet": {}, "filterSet": {"items": [{"name": "instance-state-name", "valueSet": {"items": [{"value": "running"}]}}]}}
        elif k == 2:
            r = base(acct, region, t, "iam.amazonaws.com", "CreateUser", iam_user(acct, "bob"))
            r.update({"readOnly": False, "errorCode": "AccessDenied",
                      "errorMessage": f"User: arn:aws:iam::{acct}:user/bob is not authorized to perform: iam:CreateUser",
                      "requestParameters": {"userName": "mallory"}})
        elif k == 3:
            r = base(acct, region, t, "sts.amazonaws.com", "AssumeRole", {"type": "AWSService", "invokedBy": "lambda.amazonaws.com"},
                     ip="lambda.amazonaws.com", agent="lambda.amazonaws.com")
            r.update({"requestParameters": {"roleArn": f"arn:aws:iam::{acct}:role/etl-lambda", "roleSessionName": "etl"},
                      "responseElements": {"credentials": {"accessKeyId": "ASIAEXAMPLEEXAMPLE12", "sessionToken": "IQoJb3JpZ2luX2VjE...", "expiration": "Nov 26, 2026, 11:00:00 AM"}},
                      "resources": [{"accountId": acct, "type": "AWS::IAM::Role", "ARN": f"arn:aws:iam::{acct}:role/etl-lambda"}],
                      "sharedEventID": uid()})
            del r["tlsDetails"]
        elif k == 4:
            r = base(acct, "us-east-1", t, "signin.amazonaws.com", "ConsoleLogin", assumed_role(acct, "AdminSSO", "alice@example.com", "true"),
                     agent="Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0 Safari/537.36")
            r.update({"readOnly": False, "eventType": "AwsConsoleSignIn", "responseElements": {"ConsoleLogin": "Success"},
                      "additionalEventData": {"MobileVersion": "No", "MFAUsed": "Yes"}, "sessionCredentialFromConsole": "true"})
        elif k == 5:
            r = base(acct, region, t, "kms.amazonaws.com", "Decrypt", assumed_role(acct, "app-server", "i-0abc123def4567890"),
                     ip="10.0.12.34", agent="aws-sdk-java/2.29.0 Linux/6.1 OpenJDK_64-Bit_Server_VM/21")
            r.update({"requestParameters": {"encryptionAlgorithm": "SYMMETRIC_DEFAULT"},
                      "resources": [{"accountId": acct, "type": "AWS::KMS::Key", "ARN": f"arn:aws:kms:{region}:{acct}:key/{uid()}"}],
                      "vpcEndpointId": "vpce-0a1b2c3d4e5f67890", "vpcEndpointAccountId": acct})
        elif k == 6:
            r = base(acct, region, t, "ec2.amazonaws.com", "RunInstances", iam_user(acct, "ci-deployer"))
            r.update({"readOnly": False,
                      "requestParameters": {"instancesSet": {"items": [{"imageId": "ami-0123456789abcdef0", "minCount": 1, "maxCount": 2}]}, "instanceType": "m7g.large"},
                      "responseElements": {"requestId": uid(), "reservationId": "r-0fedcba9876543210", "instancesSet": {"items": [{"instanceId": "i-0123456789abcdef0", "currentState": {"code": 0, "name": "pending"}}]}}})
        else:
            r = base(acct, region, t, "cloudtrail.amazonaws.com", "LookupEvents",
                     {"type": "Root", "principalId": acct, "arn": f"arn:aws:iam::{acct}:root", "accountId": acct, "accessKeyId": ""},
                     agent="AWS Internal")
        out.append(r)
    return out

def write(key, obj):
    path = ROOT / key
    path.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(obj, separators=(",", ":")).encode()
    with open(path, "wb") as f:
        with gzip.GzipFile(fileobj=f, mode="wb", mtime=0) as g:
            g.write(data)
    return key

def log_key(acct, region, stamp, org=None):
    org_part = f"{org}/" if org else ""
    return (f"AWSLogs/{org_part}{acct}/CloudTrail/{region}/2026/11/26/"
            f"{acct}_CloudTrail_{region}_{stamp}_{''.join(rnd.choice('abcdefghijklmnopqrstuvwxyz0123456789') for _ in range(16))}.json.gz")

keys = []
for acct, region, hour, n in [("111122223333", "us-east-1", 9, 120), ("111122223333", "us-east-1", 10, 80),
                              ("111122223333", "eu-west-1", 9, 60), ("444455556666", "us-east-1", 9, 90),
                              ("444455556666", "eu-central-1", 11, 40)]:
    keys.append(write(log_key(acct, region, f"20261126T{hour:02d}05Z"), {"Records": records(acct, region, hour, n)}))

insight = {"Records": [{"eventVersion": "1.08", "eventTime": "2026-11-26T10:15:00Z", "awsRegion": "us-east-1",
            "eventID": uid(), "eventType": "AwsCloudTrailInsight", "recipientAccountId": "111122223333",
            "sharedEventID": uid(), "eventSource": "iam.amazonaws.com", "eventName": "CreateUser", "eventCategory": "Insight",
            "insightDetails": {"state": state, "eventSource": "iam.amazonaws.com", "eventName": "CreateUser",
                               "insightType": "ApiErrorRateInsight", "errorCode": "AccessDenied",
                               "insightContext": {"statistics": {"baseline": {"average": 0.0}, "insight": {"average": 4.5},
                                                                 "insightDuration": 5}}}}
           for state in ("Start", "End")]}
keys.append(write("AWSLogs/111122223333/CloudTrail-Insight/us-east-1/2026/11/26/"
                  "111122223333_CloudTrail-Insight_us-east-1_20261126T1015Z_q9w8e7r6t5y4u3i2.json.gz", insight))
digest = {"awsAccountId": "111122223333", "digestStartTime": "2026-11-26T09:00:00Z", "digestEndTime": "2026-11-26T10:00:00Z",
          "digestS3Bucket": "example-trail-bucket", "digestS3Object": "AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2026/11/26/...",
          "logFiles": [], "digestSignatureAlgorithm": "SHA256withRSA", "previousDigestSignature": None}
keys.append(write("AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2026/11/26/"
                  "111122223333_CloudTrail-Digest_us-east-1_management-trail_us-east-1_20261126T100512Z.json.gz", digest))
(ROOT / "MANIFEST").write_text("# Files of the bundled sample trail bucket, one key per line.\n" + "\n".join(sorted(keys)) + "\n")
print(f"wrote {len(keys)} files under {ROOT}")
