package io.trailstream.record;

import java.util.Random;

/**
 * Plausible CloudTrail records for the benchmark: the field mix of a management-event trail (assumed roles with
 * session context, IAM users, services), request parameters of varying depth, occasional errors, resources and
 * TLS details, so that the parser sees the shapes and sizes real files have.
 */
final class SyntheticRecords {
    private static final String[] SERVICES = {
        "ec2", "s3", "iam", "sts", "kms", "lambda", "dynamodb", "cloudtrail", "ssm", "logs"
    };
    private static final String[] EVENTS = {
        "DescribeInstances",
        "GetObject",
        "ListRoles",
        "AssumeRole",
        "Decrypt",
        "Invoke",
        "PutItem",
        "LookupEvents",
        "GetParameter",
        "PutLogEvents",
        "RunInstances",
        "CreateBucket"
    };
    private static final String[] REGIONS = {"us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"};
    private static final String[] AGENTS = {
        "aws-cli/2.15.30 Python/3.11.8 Linux/6.1.0 exe/x86_64.debian.12 prompt/off",
        "Boto3/1.34.69 md/Botocore#1.34.69 ua/2.0 os/linux#6.1.0 md/arch#x86_64 lang/python#3.11.8",
        "aws-sdk-java/2.25.11 Linux/5.10.213 OpenJDK_64-Bit_Server_VM/17.0.10+7-LTS Java/17.0.10 vendor/Amazon.com_Inc.",
        "console.amazonaws.com",
        "ec2.amazonaws.com"
    };

    private SyntheticRecords() {}

    static void append(StringBuilder out, Random random) {
        String account = String.valueOf(100_000_000_000L + random.nextInt(900_000_000));
        String service = pick(random, SERVICES);
        String region = pick(random, REGIONS);
        boolean assumed = random.nextInt(10) < 7;
        out.append("{\"eventVersion\":\"1.").append(random.nextInt(3) + 8).append('"');
        out.append(",\"userIdentity\":{");
        if (assumed) {
            String role = "Role" + random.nextInt(50);
            out.append("\"type\":\"AssumedRole\",\"principalId\":\"AROA")
                    .append(id(random, 16))
                    .append(":session-")
                    .append(random.nextInt(100000))
                    .append("\",\"arn\":\"arn:aws:sts::")
                    .append(account)
                    .append(":assumed-role/")
                    .append(role)
                    .append("/session\",\"accountId\":\"")
                    .append(account)
                    .append("\",\"accessKeyId\":\"ASIA")
                    .append(id(random, 16))
                    .append("\",\"sessionContext\":{")
                    .append("\"sessionIssuer\":{\"type\":\"Role\",\"principalId\":\"AROA")
                    .append(id(random, 16))
                    .append("\",\"arn\":\"arn:aws:iam::")
                    .append(account)
                    .append(":role/")
                    .append(role)
                    .append("\",\"accountId\":\"")
                    .append(account)
                    .append("\",\"userName\":\"")
                    .append(role)
                    .append("\"},")
                    .append("\"webIdFederationData\":{},\"attributes\":{\"creationDate\":\"2024-05-0")
                    .append(random.nextInt(9) + 1)
                    .append("T1")
                    .append(random.nextInt(10))
                    .append(":2")
                    .append(random.nextInt(10))
                    .append(":00Z\",\"mfaAuthenticated\":\"")
                    .append(random.nextBoolean())
                    .append("\"}}");
        } else {
            String user = "user" + random.nextInt(500);
            out.append("\"type\":\"IAMUser\",\"principalId\":\"AIDA")
                    .append(id(random, 16))
                    .append("\",\"arn\":\"arn:aws:iam::")
                    .append(account)
                    .append(":user/")
                    .append(user)
                    .append("\",\"accountId\":\"")
                    .append(account)
                    .append("\",\"accessKeyId\":\"AKIA")
                    .append(id(random, 16))
                    .append("\",\"userName\":\"")
                    .append(user)
                    .append('"');
        }
        out.append("},\"eventTime\":\"2024-05-06T")
                .append(two(random.nextInt(24)))
                .append(':')
                .append(two(random.nextInt(60)))
                .append(':')
                .append(two(random.nextInt(60)))
                .append("Z\"");
        out.append(",\"eventSource\":\"")
                .append(service)
                .append(".amazonaws.com\",\"eventName\":\"")
                .append(pick(random, EVENTS))
                .append("\",\"awsRegion\":\"")
                .append(region)
                .append("\",\"sourceIPAddress\":\"")
                .append(random.nextInt(223) + 1)
                .append('.')
                .append(random.nextInt(256))
                .append('.')
                .append(random.nextInt(256))
                .append('.')
                .append(random.nextInt(256))
                .append("\",\"userAgent\":\"")
                .append(pick(random, AGENTS))
                .append('"');
        if (random.nextInt(10) == 0) {
            out.append(",\"errorCode\":\"AccessDenied\",\"errorMessage\":\"User: arn:aws:iam::")
                    .append(account)
                    .append(":user/x is not authorized to perform: ")
                    .append(service)
                    .append(":Action on resource\"");
        }
        out.append(",\"requestParameters\":");
        requestParameters(out, random, region);
        out.append(",\"responseElements\":");
        if (random.nextInt(3) == 0) {
            out.append("{\"requestId\":\"")
                    .append(uuid(random))
                    .append("\",\"instancesSet\":{\"items\":[{\"instanceId\":\"i-")
                    .append(id(random, 17).toLowerCase())
                    .append("\",\"currentState\":{\"code\":0,\"name\":\"pending\"}}]}}");
        } else {
            out.append("null");
        }
        out.append(",\"requestID\":\"")
                .append(uuid(random))
                .append("\",\"eventID\":\"")
                .append(uuid(random))
                .append("\",\"readOnly\":")
                .append(random.nextBoolean());
        if (random.nextInt(4) == 0) {
            out.append(",\"resources\":[{\"accountId\":\"")
                    .append(account)
                    .append("\",\"type\":\"AWS::KMS::Key\",\"ARN\":\"arn:aws:kms:")
                    .append(region)
                    .append(':')
                    .append(account)
                    .append(":key/")
                    .append(uuid(random))
                    .append("\"}]");
        }
        out.append(",\"eventType\":\"AwsApiCall\",\"managementEvent\":true,\"recipientAccountId\":\"")
                .append(account)
                .append("\",\"eventCategory\":\"Management\",\"tlsDetails\":{\"tlsVersion\":\"TLSv1.3\",")
                .append("\"cipherSuite\":\"TLS_AES_128_GCM_SHA256\",\"clientProvidedHostHeader\":\"")
                .append(service)
                .append('.')
                .append(region)
                .append(".amazonaws.com\"}}");
    }

    private static void requestParameters(StringBuilder out, Random random, String region) {
        switch (random.nextInt(4)) {
            case 0:
                out.append("null");
                break;
            case 1:
                out.append("{\"bucketName\":\"bucket-")
                        .append(random.nextInt(1000))
                        .append("\",\"Host\":\"s3.")
                        .append(region)
                        .append(".amazonaws.com\",\"key\":\"logs/2024/05/06/part-")
                        .append(random.nextInt(100000))
                        .append(".json\"}");
                break;
            case 2:
                out.append("{\"instancesSet\":{\"items\":[");
                int n = 1 + random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    out.append(i > 0 ? "," : "")
                            .append("{\"instanceId\":\"i-")
                            .append(id(random, 17).toLowerCase())
                            .append("\"}");
                }
                out.append("]},\"filterSet\":{},\"maxResults\":")
                        .append(random.nextInt(1000))
                        .append(",\"includeAllInstances\":false}");
                break;
            default:
                out.append("{\"roleArn\":\"arn:aws:iam::123456789012:role/Deploy\",\"roleSessionName\":\"s-")
                        .append(random.nextInt(1 << 20))
                        .append(
                                "\",\"durationSeconds\":3600,\"tags\":[{\"key\":\"team\",\"value\":\"data\"},{\"key\":\"env\",\"value\":\"prod\"}]}");
        }
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String two(int value) {
        return value < 10 ? "0" + value : String.valueOf(value);
    }

    private static String id(Random random, int length) {
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) id.append("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".charAt(random.nextInt(32)));
        return id.toString();
    }

    private static String uuid(Random random) {
        return new java.util.UUID(random.nextLong(), random.nextLong()).toString();
    }
}
