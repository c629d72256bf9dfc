package io.trailstream.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Realistic CloudTrail test data for the end-to-end tests: records (synthetic ones and the parser fixtures
 * under {@code src/test/resources/records/}, each with a fresh unique {@code eventID}), log files as CloudTrail
 * writes them ({@code {"Records":[...]}}, gzip), and the keys CloudTrail gives them.
 *
 * <p>Records are kept as the exact compact JSON text delivered, so a test can compare what landed in
 * {@code raw} with what was written, both as text and as JSON. Numbers are read as BigDecimal / BigInteger so
 * that odd fixtures ({@code 1E400}, 30-digit integers) survive unchanged.
 */
final class TrailData {
    /** Reads numbers exactly; used for writing the input and for comparing {@code raw} with it. */
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    static final LocalDate DAY = LocalDate.of(2026, 11, 26);

    private static final String[] FIXTURES = {
        "assumed-role.json",
        "aws-service.json",
        "big-numbers.json",
        "data-event.json",
        "future-fields.json",
        "iam-user.json",
        "identity-types.json",
        "no-user-identity.json",
        "odd-values.json",
        "pretty.json",
        "root.json",
        "unicode.json",
        "web-identity.json"
    };
    private static final String[][] CALLS = {
        {"s3.amazonaws.com", "GetObject", "true"}, {"s3.amazonaws.com", "PutObject", "false"},
        {"ec2.amazonaws.com", "DescribeInstances", "true"}, {"ec2.amazonaws.com", "RunInstances", "false"},
        {"iam.amazonaws.com", "ListRoles", "true"}, {"iam.amazonaws.com", "CreateAccessKey", "false"},
        {"sts.amazonaws.com", "AssumeRole", "true"}, {"kms.amazonaws.com", "Decrypt", "true"},
        {"lambda.amazonaws.com", "Invoke", "false"}, {"cloudtrail.amazonaws.com", "LookupEvents", "true"}
    };
    private static final String[] USER_AGENTS = {
        "aws-cli/2.15.30 Python/3.11.8 Linux/6.1.0",
        "Boto3/1.34.2 md/Botocore#1.34.2 ua/2.0 os/linux",
        "console.amazonaws.com",
        "aws-sdk-java/2.25.1 Linux/5.10 OpenJDK_64-Bit_Server_VM/17",
        "AWS Internal"
    };

    private final Random random;
    private final List<ObjectNode> fixtures;
    private final List<ObjectNode> insightFixtures;
    private final java.util.Set<String> syntheticIds = new java.util.HashSet<>();
    private long nextId;

    TrailData(long seed) {
        this.random = new Random(seed);
        this.fixtures = new ArrayList<>();
        for (String name : FIXTURES) fixtures.addAll(recordsOf(name));
        this.insightFixtures = recordsOf("insight.json");
    }

    Random random() {
        return random;
    }

    // --- records ------------------------------------------------------------------------------------

    /** A record for {@code account}: a synthetic API call, or (one in four) a parser fixture; a unique eventID. */
    String record(String account, String region) {
        boolean fixture = random.nextInt(4) == 0;
        ObjectNode record =
                fixture ? fixtures.get(random.nextInt(fixtures.size())).deepCopy() : synthetic(account, region);
        String eventId = nextEventId();
        record.put("eventID", eventId);
        if (!fixture) syntheticIds.add(eventId);
        return write(record);
    }

    /** Whether the record with this eventID is a synthetic one: every field present and well typed. */
    boolean isSynthetic(String eventId) {
        return syntheticIds.contains(eventId);
    }

    /** An Insights record (from the fixture), with a unique eventID. */
    String insightRecord() {
        ObjectNode record =
                insightFixtures.get(random.nextInt(insightFixtures.size())).deepCopy();
        record.put("eventID", nextEventId());
        return write(record);
    }

    private ObjectNode synthetic(String account, String region) {
        String[] call = CALLS[random.nextInt(CALLS.length)];
        Instant time =
                DAY.atStartOfDay(ZoneOffset.UTC).toInstant().plusMillis(random.nextInt(86_400_000) / 1000 * 1000L);
        ObjectNode r = JSON.createObjectNode();
        r.put("eventVersion", "1.10");
        ObjectNode identity = r.putObject("userIdentity");
        if (random.nextBoolean()) {
            String user = "user-" + random.nextInt(50);
            identity.put("type", "IAMUser");
            identity.put("principalId", "AIDA" + upper(16));
            identity.put("arn", "arn:aws:iam::" + account + ":user/" + user);
            identity.put("accountId", account);
            identity.put("accessKeyId", "AKIA" + upper(16));
            identity.put("userName", user);
        } else {
            String role = "role-" + random.nextInt(20);
            String session = "session-" + random.nextInt(1000);
            identity.put("type", "AssumedRole");
            identity.put("principalId", "AROA" + upper(16) + ":" + session);
            identity.put("arn", "arn:aws:sts::" + account + ":assumed-role/" + role + "/" + session);
            identity.put("accountId", account);
            identity.put("accessKeyId", "ASIA" + upper(16));
            ObjectNode context = identity.putObject("sessionContext");
            ObjectNode issuer = context.putObject("sessionIssuer");
            issuer.put("type", "Role");
            issuer.put("principalId", "AROA" + upper(16));
            issuer.put("arn", "arn:aws:iam::" + account + ":role/" + role);
            issuer.put("accountId", account);
            issuer.put("userName", role);
            ObjectNode attributes = context.putObject("attributes");
            attributes.put("creationDate", DateTimeFormatter.ISO_INSTANT.format(time.minusSeconds(600)));
            attributes.put("mfaAuthenticated", String.valueOf(random.nextBoolean()));
        }
        r.put("eventTime", DateTimeFormatter.ISO_INSTANT.format(time));
        r.put("eventSource", call[0]);
        r.put("eventName", call[1]);
        r.put("awsRegion", region);
        r.put("sourceIPAddress", "198.51.100." + random.nextInt(256));
        r.put("userAgent", USER_AGENTS[random.nextInt(USER_AGENTS.length)]);
        if (random.nextInt(10) == 0) {
            r.put("errorCode", "AccessDenied");
            r.put("errorMessage", "User is not authorized to perform: " + call[1]);
        }
        ObjectNode request = r.putObject("requestParameters");
        request.put("bucketName", "data-" + random.nextInt(10));
        request.put("key", "reports/" + random.nextInt(10_000) + ".csv");
        request.put("maxResults", random.nextInt(1000));
        if (random.nextBoolean()) {
            r.putNull("responseElements");
        } else {
            r.putObject("responseElements").put("requestId", uuid());
        }
        r.put("requestID", uuid());
        r.put("eventID", "placeholder");
        r.put("readOnly", Boolean.parseBoolean(call[2]));
        if (random.nextInt(3) == 0) {
            ArrayNode resources = r.putArray("resources");
            ObjectNode resource = resources.addObject();
            resource.put("accountId", account);
            resource.put("type", "AWS::S3::Object");
            resource.put("ARN", "arn:aws:s3:::data-" + random.nextInt(10) + "/reports/" + random.nextInt(100));
        }
        r.put("eventType", "AwsApiCall");
        r.put("managementEvent", !call[0].equals("s3.amazonaws.com"));
        r.put("recipientAccountId", account);
        r.put("eventCategory", call[0].equals("s3.amazonaws.com") ? "Data" : "Management");
        ObjectNode tls = r.putObject("tlsDetails");
        tls.put("tlsVersion", "TLSv1.3");
        tls.put("cipherSuite", "TLS_AES_128_GCM_SHA256");
        tls.put("clientProvidedHostHeader", call[0]);
        return r;
    }

    private String nextEventId() {
        long n = nextId++;
        return String.format(
                "%08x-%04x-4%03x-8%03x-%012x",
                random.nextInt(), n & 0xffff, random.nextInt(0x1000), random.nextInt(0x1000), n);
    }

    private String uuid() {
        return new java.util.UUID(random.nextLong(), random.nextLong()).toString();
    }

    private String upper(int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) s.append((char) ('A' + random.nextInt(26)));
        return s.toString();
    }

    /** 16 lower-case letters and digits, as the unique part of CloudTrail file names. */
    String unique() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder s = new StringBuilder(16);
        for (int i = 0; i < 16; i++) s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        return s.toString();
    }

    // --- files and keys ------------------------------------------------------------------------------

    /** {@code {"Records":[...]}} of the given record texts, compact as CloudTrail writes it. */
    static String logFile(List<String> records) {
        return "{\"Records\":[" + String.join(",", records) + "]}";
    }

    /** The same file pretty-printed: whitespace that {@code raw} must not keep. */
    static String prettyLogFile(List<String> records) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(logFile(records)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(String text) {
        return gzip(text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** {@code [prefix/]AWSLogs/[org/]ACCOUNT/<service>/REGION/YYYY/MM/DD/} */
    static String folder(String prefix, String org, String account, String service, String region) {
        return (prefix == null ? "" : prefix + "/") + "AWSLogs/" + (org == null ? "" : org + "/") + account + "/"
                + service + "/" + region + "/" + DAY.format(DateTimeFormatter.ofPattern("yyyy/MM/dd")) + "/";
    }

    /** The key of a log file CloudTrail delivers at {@code minute} of the day. */
    String logKey(String prefix, String org, String account, String region, int minute) {
        return folder(prefix, org, account, "CloudTrail", region) + account + "_CloudTrail_" + region + "_"
                + DAY.format(DateTimeFormatter.BASIC_ISO_DATE) + "T" + hhmm(minute) + "Z_" + unique() + ".json.gz";
    }

    String insightKey(String prefix, String org, String account, String region, int minute) {
        return folder(prefix, org, account, "CloudTrail-Insight", region) + account + "_CloudTrail-Insight_" + region
                + "_" + DAY.format(DateTimeFormatter.BASIC_ISO_DATE) + "T" + hhmm(minute) + "Z_" + unique()
                + ".json.gz";
    }

    private static String hhmm(int minute) {
        if (minute < 0 || minute >= 24 * 60) throw new IllegalArgumentException("minute of the day " + minute);
        return String.format("%02d%02d", minute / 60, minute % 60);
    }

    static String digestKey(String prefix, String org, String account, String region, String trail) {
        return folder(prefix, org, account, "CloudTrail-Digest", region) + account + "_CloudTrail-Digest_" + region
                + "_" + trail + "_" + region + "_" + DAY.format(DateTimeFormatter.BASIC_ISO_DATE) + "T100512Z.json.gz";
    }

    // --- reading back --------------------------------------------------------------------------------

    /** The JSON tree of a record text, numbers exact. */
    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<ObjectNode> recordsOf(String resource) {
        try (InputStream in = TrailData.class.getResourceAsStream("/records/" + resource)) {
            if (in == null) throw new IllegalArgumentException("no fixture " + resource);
            List<ObjectNode> records = new ArrayList<>();
            for (JsonNode r : JSON.readTree(in).get("Records")) {
                if (r.isObject()) records.add((ObjectNode) r);
            }
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
