package io.trailstream.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.notification.NotificationResult.Status;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NotificationParserTest {
    private static final long RECEIVED = 1_741_943_142_000L;
    private static final String CT_KEY = "AWSLogs/111122223333/CloudTrail/us-east-2/2025/03/14/"
            + "111122223333_CloudTrail_us-east-2_20250314T0905Z_aBcD1234eFgH5678.json.gz";

    private final NotificationParser parser = new NotificationParser();

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = NotificationParserTest.class.getResourceAsStream("/notifications/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return in.readAllBytes();
        }
    }

    private NotificationResult parse(String fixture) throws IOException {
        return parser.parse(fixture(fixture), RECEIVED);
    }

    private NotificationResult parseText(String payload) {
        return parser.parse(payload.getBytes(StandardCharsets.UTF_8), RECEIVED);
    }

    @Test
    void s3EventPut() throws IOException {
        NotificationResult result = parse("s3-event-put.json");

        assertThat(result.status()).isEqualTo(Status.OBJECTS);
        assertThat(result.shape()).isEqualTo("s3_event");
        assertThat(result.reason()).isNull();
        assertThat(result.ignoredRecords()).isZero();
        assertThat(result.objects()).hasSize(1);
        ObjectRef ref = result.objects().get(0);
        assertThat(ref.scheme).isEqualTo("s3");
        assertThat(ref.bucket).isEqualTo("org-trail-logs");
        assertThat(ref.key).isEqualTo(CT_KEY);
        assertThat(ref.size).isEqualTo(3127);
        assertThat(ref.eTag).isEqualTo("0e1c4d8a6b0f3a9d2c7e5b4a39f8e6d1");
        assertThat(ref.sequencer).isEqualTo("0065D2C3B8A1F2E3C4");
        assertThat(ref.versionId).isNull();
        assertThat(ref.eventTimeMillis)
                .isEqualTo(Instant.parse("2025-03-14T09:05:41.123Z").toEpochMilli());
        assertThat(ref.notifiedAtMillis).isEqualTo(RECEIVED);
        assertThat(ref.shape).isEqualTo("s3_event");
        assertThat(ref.uri()).isEqualTo("s3://org-trail-logs/" + CT_KEY);
        assertThat(ref.versionToken()).isEqualTo("seq:0065D2C3B8A1F2E3C4");
    }

    @Test
    void s3EventKeysAreFormDecoded() throws IOException {
        NotificationResult result = parse("s3-event-encoded-keys.json");

        assertThat(result.status()).isEqualTo(Status.OBJECTS);
        assertThat(result.objects())
                .extracting(r -> r.key)
                .containsExactly("logs/red flower++.json.gz", "café/✓ ok=yes.json", "plain/key-with_no%escape.json.gz");
        assertThat(result.objects()).extracting(r -> r.size).containsExactly(10L, 20L, 30L);
        ObjectRef multipart = result.objects().get(2);
        assertThat(multipart.eTag).isEqualTo("cc33-2");
        assertThat(multipart.versionId).isEqualTo("3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY");
    }

    @Test
    void removedRecordsAreIgnoredAndCounted() throws IOException {
        NotificationResult result = parse("s3-event-mixed.json");

        assertThat(result.status()).isEqualTo(Status.OBJECTS);
        assertThat(result.objects()).singleElement().satisfies(ref -> {
            assertThat(ref.key).isEqualTo(CT_KEY);
            assertThat(ref.eTag).as("quotes stripped").isEqualTo("0e1c4d8a6b0f3a9d2c7e5b4a39f8e6d1");
        });
        assertThat(result.ignoredRecords()).isEqualTo(2);
        assertThat(result.reason())
                .isEqualTo("2 records not ObjectCreated: ObjectRemoved:Delete, ObjectRemoved:DeleteMarkerCreated");
    }

    @Test
    void onlyRemovedRecordsIsIgnored() throws IOException {
        NotificationResult result = parse("s3-event-removed-only.json");

        assertThat(result.status()).isEqualTo(Status.IGNORED);
        assertThat(result.shape()).isEqualTo("s3_event");
        assertThat(result.objects()).isEmpty();
        assertThat(result.ignoredRecords()).isEqualTo(1);
        assertThat(result.reason()).isEqualTo("1 record not ObjectCreated: ObjectRemoved:Delete");
    }

    @Test
    void s3EventInsideSns() throws IOException {
        NotificationResult result = parse("sns-s3-event.json");

        assertThat(result.status()).isEqualTo(Status.OBJECTS);
        assertThat(result.shape()).isEqualTo("sns_s3_event");
        ObjectRef ref = result.objects().get(0);
        assertThat(ref.bucket).isEqualTo("org-trail-logs");
        assertThat(ref.key).isEqualTo(CT_KEY);
        assertThat(ref.shape).isEqualTo("sns_s3_event");
        assertThat(ref.notifiedAtMillis).isEqualTo(RECEIVED);
    }

    @Test
    void cloudTrailSnsNoticeWithSeveralKeysIsNotDecoded() throws IOException {
        NotificationResult result = parse("cloudtrail-sns.json");

        assertThat(result.status()).isEqualTo(Status.OBJECTS);
        assertThat(result.shape()).isEqualTo("cloudtrail_sns");
        List<ObjectRef> objects = result.objects();
        assertThat(objects).hasSize(3);
        assertThat(objects).allSatisfy(ref -> {
            assertThat(ref.bucket).isEqualTo("org-trail-logs");
            assertThat(ref.scheme).isEqualTo("s3");
            assertThat(ref.shape).isEqualTo("cloudtrail_sns");
            assertThat(ref.size).isEqualTo(-1);
            assertThat(ref.notifiedAtMillis).isEqualTo(RECEIVED);
            assertThat(ref.versionToken()).isEmpty();
        });
        assertThat(objects.get(0).key).startsWith("AWSLogs/o-a1b2c3d4e5/111122223333/CloudTrail/us-east-2/");
        assertThat(objects.get(2).key).startsWith("trails/with space+plus%2B/AWSLogs/");
    }

    @Test
    void cloudTrailNoticeWithoutEnvelope() throws IOException {
        NotificationResult result = parse("cloudtrail-raw.json");

        assertThat(result.status()).isEqualTo(Status.OBJECTS);
        assertThat(result.shape()).isEqualTo("cloudtrail_sns");
        assertThat(result.objects()).hasSize(3);
    }

    @Test
    void cloudTrailNoticeWithoutKeysIsDeadLetter() throws IOException {
        NotificationResult result = parse("cloudtrail-sns-no-keys.json");

        assertThat(result.status()).isEqualTo(Status.DEAD_LETTER);
        assertThat(result.shape()).isEqualTo("cloudtrail_sns");
        assertThat(result.reason()).isEqualTo("CloudTrail notice has no s3ObjectKey");
    }

    @Test
    void eventBridgeObjectCreated() throws IOException {
        NotificationResult result = parse("eventbridge-object-created.json");

        assertThat(result.status()).isEqualTo(Status.OBJECTS);
        assertThat(result.shape()).isEqualTo("eventbridge");
        ObjectRef ref = result.objects().get(0);
        assertThat(ref.bucket).isEqualTo("org-trail-logs");
        assertThat(ref.key)
                .isEqualTo("trails/prod eu/AWSLogs/111122223333/CloudTrail/eu-west-1/2025/03/14/"
                        + "111122223333_CloudTrail_eu-west-1_20250314T0905Z_aBcD1234eFgH5678.json.gz");
        assertThat(ref.size).isEqualTo(48213);
        assertThat(ref.eTag).isEqualTo("7d1c0e5a9f3b4e2d8c6a5b4f3e2d1c0b");
        assertThat(ref.versionId).isEqualTo("IYV3p45BhZA9ABzPlmq5GbSbB7NEwt4h");
        assertThat(ref.sequencer).isEqualTo("0065D2C3B8A1F2E3C5");
        assertThat(ref.eventTimeMillis)
                .isEqualTo(Instant.parse("2025-03-14T09:05:41Z").toEpochMilli());
        assertThat(ref.shape).isEqualTo("eventbridge");
    }

    @Test
    void eventBridgeInsideSns() throws IOException {
        NotificationResult result = parse("sns-eventbridge.json");

        assertThat(result.status()).isEqualTo(Status.OBJECTS);
        assertThat(result.shape()).isEqualTo("sns_eventbridge");
        assertThat(result.objects())
                .singleElement()
                .satisfies(ref -> assertThat(ref.key).startsWith("trails/prod eu/"));
    }

    @Test
    void eventBridgeObjectDeletedIsIgnored() throws IOException {
        NotificationResult result = parse("eventbridge-object-deleted.json");

        assertThat(result.status()).isEqualTo(Status.IGNORED);
        assertThat(result.shape()).isEqualTo("eventbridge");
        assertThat(result.reason()).isEqualTo("EventBridge detail-type Object Deleted is not Object Created");
    }

    @Test
    void eventBridgeFromAnotherServiceIsDeadLetter() throws IOException {
        NotificationResult result = parse("eventbridge-other-source.json");

        assertThat(result.status()).isEqualTo(Status.DEAD_LETTER);
        assertThat(result.shape()).isEqualTo("eventbridge");
        assertThat(result.reason()).isEqualTo("EventBridge event from source aws.ec2, not aws.s3");
    }

    @Test
    void s3TestEventIsIgnored() throws IOException {
        NotificationResult raw = parse("s3-test-event.json");
        NotificationResult wrapped = parse("sns-s3-test-event.json");

        assertThat(raw.status()).isEqualTo(Status.IGNORED);
        assertThat(raw.shape()).isEqualTo("s3_test_event");
        assertThat(raw.reason()).isEqualTo("S3 test event for bucket org-trail-logs");
        assertThat(wrapped.status()).isEqualTo(Status.IGNORED);
        assertThat(wrapped.shape()).isEqualTo("sns_s3_test_event");
    }

    @Test
    void snsSubscriptionMessagesAreIgnored() throws IOException {
        NotificationResult subscribe = parse("sns-subscription-confirmation.json");
        NotificationResult unsubscribe = parse("sns-unsubscribe-confirmation.json");

        assertThat(subscribe.status()).isEqualTo(Status.IGNORED);
        assertThat(subscribe.shape()).isEqualTo("sns_subscription");
        assertThat(subscribe.reason()).isEqualTo("SNS SubscriptionConfirmation");
        assertThat(unsubscribe.status()).isEqualTo(Status.IGNORED);
        assertThat(unsubscribe.reason()).isEqualTo("SNS UnsubscribeConfirmation");
    }

    @Test
    void snsMessageThatIsNotJsonIsDeadLetter() throws IOException {
        NotificationResult result = parse("sns-message-not-json.json");

        assertThat(result.status()).isEqualTo(Status.DEAD_LETTER);
        assertThat(result.shape()).isEqualTo("sns_unknown");
        assertThat(result.reason()).startsWith("SNS Message is not JSON: ");
    }

    @Test
    void missingKeyIsDeadLetter() throws IOException {
        NotificationResult result = parse("s3-event-no-key.json");

        assertThat(result.status()).isEqualTo(Status.DEAD_LETTER);
        assertThat(result.shape()).isEqualTo("s3_event");
        assertThat(result.reason()).isEqualTo("record 0 has no s3.object.key");
        assertThat(result.objects()).isEmpty();
    }

    @Test
    void brokenUrlEncodingIsDeadLetter() throws IOException {
        assertThat(parse("s3-event-bad-encoding.json").reason())
                .isEqualTo("record 0 has a key that is not valid URL encoding: bad%ZZescape.json.gz");
        assertThat(parse("s3-event-invalid-utf8.json").status()).isEqualTo(Status.DEAD_LETTER);
    }

    @Test
    void unknownJsonShapeIsDeadLetter() throws IOException {
        NotificationResult result = parse("unknown-shape.json");

        assertThat(result.status()).isEqualTo(Status.DEAD_LETTER);
        assertThat(result.shape()).isEqualTo("unknown");
        assertThat(result.reason()).isEqualTo("no known notification shape (fields alarmName, state, region)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "not json", "{\"Records\":", "{} {}", "[1,2,3]", "42", "null", "\"Records\""})
    void garbageIsDeadLetter(String payload) {
        NotificationResult result = parseText(payload);

        assertThat(result.status()).isEqualTo(Status.DEAD_LETTER);
        assertThat(result.shape()).isEqualTo("unknown");
        assertThat(result.reason()).isNotBlank();
        assertThat(result.objects()).isEmpty();
    }

    @Test
    void nullAndBinaryPayloadsAreDeadLetters() {
        assertThat(parser.parse(null, RECEIVED).reason()).isEqualTo("empty payload");
        assertThat(parser.parse(new byte[0], RECEIVED).reason()).isEqualTo("empty payload");

        byte[] gzipMagic = {0x1f, (byte) 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, (byte) 0xff, 0x01, 0x02};
        NotificationResult binary = parser.parse(gzipMagic, RECEIVED);
        assertThat(binary.status()).isEqualTo(Status.DEAD_LETTER);
        assertThat(binary.reason()).startsWith("not JSON: ");
        assertThat(binary.reason()).doesNotContainPattern("[\\x00-\\x1f]");
    }

    @Test
    void deeplyNestedJsonIsADeadLetterNotAStackOverflow() {
        String nested = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);

        NotificationResult result = parseText(nested);

        assertThat(result.status()).isEqualTo(Status.DEAD_LETTER);
        assertThat(result.reason()).startsWith("not JSON: ");
    }

    @Test
    void structurallyWrongS3EventsAreDeadLetters() {
        assertThat(parseText("{\"Records\":[]}").reason()).isEqualTo("Records is not a non-empty array");
        assertThat(parseText("{\"Records\":{}}").reason()).isEqualTo("Records is not a non-empty array");
        assertThat(parseText("{\"Records\":[1]}").reason()).isEqualTo("record 0 is not an object");
        assertThat(parseText("{\"Records\":[{\"s3\":{}}]}").reason()).isEqualTo("record 0 has no eventName");
        assertThat(parseText(
                                "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"object\":{\"key\":\"k\"}}}]}")
                        .reason())
                .isEqualTo("record 0 has no s3.bucket.name");
        // Records from another service (here DynamoDB Streams) have no s3 section.
        assertThat(parseText("{\"Records\":[{\"eventName\":\"INSERT\",\"eventSource\":\"aws:dynamodb\"}]}")
                        .status())
                .isEqualTo(Status.IGNORED);
    }

    @Test
    void s3CompatibleEventNamesAndTextualSizesAreAccepted() {
        NotificationResult result = parseText(
                "{\"Records\":[{\"eventName\":\"s3:ObjectCreated:Put\","
                        + "\"eventTime\":\"2025-03-14T09:05:41+01:00\","
                        + "\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"a%20b\",\"size\":\"17\",\"versionId\":null}}}]}");

        assertThat(result.status()).isEqualTo(Status.OBJECTS);
        ObjectRef ref = result.objects().get(0);
        assertThat(ref.key).isEqualTo("a b");
        assertThat(ref.size).isEqualTo(17);
        assertThat(ref.versionId).isNull();
        assertThat(ref.eventTimeMillis)
                .isEqualTo(Instant.parse("2025-03-14T08:05:41Z").toEpochMilli());
    }

    @Test
    void unknownSnsTypeAndSnsWithoutMessageAreDeadLetters() {
        assertThat(parseText("{\"Type\":\"Weird\",\"MessageId\":\"1\"}").reason())
                .isEqualTo("unknown SNS message type Weird");
        assertThat(parseText("{\"Type\":\"Notification\",\"MessageId\":\"1\",\"Message\":{}}")
                        .reason())
                .isEqualTo("SNS notification without a Message string");
        assertThat(parseText("{\"Type\":\"Notification\",\"MessageId\":\"1\",\"Message\":\"[1]\"}")
                        .reason())
                .isEqualTo("SNS Message is not a JSON object");
        assertThat(parseText("{\"Type\":\"Notification\",\"MessageId\":\"1\",\"Message\":\"{\\\"a\\\":1}\"}")
                        .shape())
                .isEqualTo("sns_unknown");
    }

    @Test
    void leadingByteOrderMarkIsAccepted() throws IOException {
        byte[] body = fixture("cloudtrail-raw.json");
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);

        assertThat(parser.parse(withBom, RECEIVED).status()).isEqualTo(Status.OBJECTS);
    }
    // ---- trailstream's own replay notification ------------------------------------------------------

    @Test
    void replayNotification() throws IOException {
        NotificationResult result = parse("replay.json");

        assertThat(result.status()).isEqualTo(Status.OBJECTS);
        assertThat(result.shape()).isEqualTo("replay");
        assertThat(result.reason()).isNull();
        assertThat(result.objects()).hasSize(1);
        ObjectRef ref = result.objects().get(0);
        assertThat(ref.replay).isTrue();
        assertThat(ref.shape).isEqualTo("replay");
        assertThat(ref.scheme).isEqualTo("s3");
        assertThat(ref.bucket).isEqualTo("org-trail-logs");
        assertThat(ref.key).as("taken as it is, not URL-decoded").isEqualTo(CT_KEY);
        assertThat(ref.eTag).as("quotes dropped").isEqualTo("0e1c4d8a6b0f3a9d2c7e5b4a39f8e6d1");
        assertThat(ref.sequencer).isEqualTo("0065D2C3B8A1F2E3C4");
        assertThat(ref.versionId).isNull();
        assertThat(ref.size).isEqualTo(-1);
        assertThat(ref.eventTimeMillis)
                .isEqualTo(Instant.parse("2026-11-28T09:00:00Z").toEpochMilli());
        assertThat(ref.notifiedAtMillis).isEqualTo(RECEIVED);
        assertThat(ref.versionToken())
                .as("the ledger's version, remembered as usual once fetched")
                .isEqualTo("seq:0065D2C3B8A1F2E3C4");
        assertThat(ref.toString()).isEqualTo("s3://org-trail-logs/" + CT_KEY + " (seq:0065D2C3B8A1F2E3C4) [replay]");
    }

    @Test
    void whatTheBackfillCommandWritesIsWhatTheParserReads() {
        ReplayNotification sent = new ReplayNotification(
                "file",
                "/data/trail bucket",
                "AWSLogs/a+b%2B.json.gz",
                "v1",
                null,
                null,
                "bob",
                Instant.parse("2026-11-28T09:00:00.250Z"),
                null);
        assertThat(sent.toJson())
                .isEqualTo("{\"trailstream_replay\":{\"version\":1,\"scheme\":\"file\","
                        + "\"bucket\":\"/data/trail bucket\",\"key\":\"AWSLogs/a+b%2B.json.gz\",\"version_id\":\"v1\","
                        + "\"requested_by\":\"bob\",\"requested_at\":\"2026-11-28T09:00:00.250Z\"}}");

        ObjectRef ref = parseText(sent.toJson()).objects().get(0);
        assertThat(ref.uri()).isEqualTo("file:///data/trail bucket/AWSLogs/a+b%2B.json.gz");
        assertThat(ref.versionId).isEqualTo("v1");
        assertThat(ref.versionToken()).isEqualTo("ver:v1");
        assertThat(ref.replay).isTrue();
    }

    @Test
    void aReplayWithAnUnknownFieldIsADeadLetter() throws IOException {
        NotificationResult result = parse("replay-unknown-field.json");
        assertThat(result.status()).isEqualTo(Status.DEAD_LETTER);
        assertThat(result.shape()).isEqualTo("replay");
        assertThat(result.reason()).isEqualTo("replay notification: unknown field reasn");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "{\"trailstream_replay\":[]}|trailstream_replay is not an object",
                "{\"trailstream_replay\":{},\"Records\":[]}|fields besides trailstream_replay (trailstream_replay, Records)",
                "{\"trailstream_replay\":{\"scheme\":\"s3\"}}|missing field version",
                "{\"trailstream_replay\":{\"version\":2}}|unsupported version 2 (expected 1)",
                "{\"trailstream_replay\":{\"version\":\"1\"}}|unsupported version \"1\" (expected 1)",
                "{\"trailstream_replay\":{\"version\":1,\"scheme\":\"s3\",\"bucket\":\"b\",\"requested_by\":\"a\",\"requested_at\":\"2026-11-28T09:00:00Z\"}}|missing field key",
                "{\"trailstream_replay\":{\"version\":1,\"scheme\":\"s3\",\"bucket\":\"b\",\"key\":\"\",\"requested_by\":\"a\",\"requested_at\":\"2026-11-28T09:00:00Z\"}}|key is not a non-empty string",
                "{\"trailstream_replay\":{\"version\":1,\"scheme\":\"gs\",\"bucket\":\"b\",\"key\":\"k\",\"requested_by\":\"a\",\"requested_at\":\"2026-11-28T09:00:00Z\"}}|scheme gs is not one of [s3, file]",
                "{\"trailstream_replay\":{\"version\":1,\"scheme\":\"s3\",\"bucket\":\"b/c\",\"key\":\"k\",\"requested_by\":\"a\",\"requested_at\":\"2026-11-28T09:00:00Z\"}}|bucket b/c is not an S3 bucket name",
                "{\"trailstream_replay\":{\"version\":1,\"scheme\":\"file\",\"bucket\":\"data\",\"key\":\"k\",\"requested_by\":\"a\",\"requested_at\":\"2026-11-28T09:00:00Z\"}}|bucket data is not an absolute folder path",
                "{\"trailstream_replay\":{\"version\":1,\"scheme\":\"s3\",\"bucket\":\"b\",\"key\":\"k\",\"requested_by\":\"a\",\"requested_at\":\"yesterday\"}}|requested_at yesterday is not an ISO-8601 instant such as 2026-11-28T09:00:00Z",
                "{\"trailstream_replay\":{\"version\":1,\"scheme\":\"s3\",\"bucket\":\"b\",\"key\":\"k\",\"requested_by\":\"a\",\"requested_at\":\"2026-11-28T09:00:00Z\",\"etag\":7}}|etag is not a string",
            })
    void invalidReplaysAreDeadLettersWithAReason(String payload, String reason) {
        NotificationResult result = parseText(payload);
        assertThat(result.status()).isEqualTo(Status.DEAD_LETTER);
        assertThat(result.shape()).isEqualTo("replay");
        assertThat(result.reason()).isEqualTo("replay notification: " + reason);
    }
}
