package io.trailstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailstream.control.Integration;
import io.trailstream.iceberg.CatalogOptions;
import io.trailstream.job.InputSources;
import io.trailstream.job.JobConfig;
import io.trailstream.job.TrailstreamJob;
import io.trailstream.job.TrailstreamOptions;
import io.trailstream.job.TrailstreamTopology;
import io.trailstream.testing.CompletedCheckpoints;
import io.trailstream.testing.KinesisEmulator;
import io.trailstream.testing.S3Emulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole job against a real Kinesis API server (kinesis-local, a 2-shard notification stream) and a real
 * S3 server (S3Mock): every notification shape AWS sends, every ledger outcome, and the exact contents of the
 * four tables read back from the Iceberg catalog (JDBC on SQLite) once the job has committed.
 */
class IngestionITCase {
    private static final String BUCKET = "trail-bucket";
    private static final String OTHER_BUCKET = "someone-elses-bucket";
    private static final String STREAM = "trail-notifications";
    private static final long SEED = 20261126L;

    @RegisterExtension
    @Order(1)
    static final KinesisEmulator KINESIS = new KinesisEmulator();

    @RegisterExtension
    @Order(2)
    static final S3Emulator S3 = new S3Emulator(BUCKET);

    @RegisterExtension
    @Order(3)
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    /** The integration that owns the bucket's root, and one that owns an Organization trail under a prefix. */
    private static final Integration ACME = Integration.of("acme", BUCKET, null);

    private static final String ORG_PREFIX = "org trail";
    private static final String ORG = "o-a1b2c3d4e5f6";
    private static final Integration ACME_ORG = Integration.of("acme-org", BUCKET, ORG_PREFIX);

    private final TrailData data = new TrailData(SEED);
    private final Random random = data.random();
    private final List<Obj> objects = new ArrayList<>();
    private final List<Map.Entry<String, byte[]>> notifications = new ArrayList<>();
    private final List<String> deadLetterPayloads = new ArrayList<>();
    private int sequencer;

    @Test
    void ingestsEveryShapeAndRecordsEveryOutcome(@InjectMiniCluster MiniCluster cluster, @TempDir Path warehouse)
            throws Exception {
        System.out.println("IngestionITCase seed " + SEED);
        KINESIS.createStream(STREAM, 2);
        buildScenario();
        Collections.shuffle(notifications, random);

        Configuration conf = jobConfiguration(warehouse);
        StreamExecutionEnvironment env = TrailstreamJob.environment(conf);
        env.setParallelism(2);
        new TrailstreamTopology(new JobConfig(conf, List.of(ACME, ACME_ORG))).build(env);

        // Half of the notifications wait on the stream when the job starts, half arrive while it runs.
        int half = notifications.size() / 2;
        KINESIS.putAll(STREAM, notifications.subList(0, half));
        long started = System.nanoTime();
        JobClient job = env.executeAsync("ingestion-it");
        KINESIS.putAll(STREAM, notifications.subList(half, notifications.size()));

        Map<String, Long> expectedCounts = new LinkedHashMap<>();
        expectedCounts.put("objects", (long) expectedLedger().size());
        expectedCounts.put("events", (long) expectedRecords(false).size());
        expectedCounts.put("insights", (long) expectedRecords(true).size());
        expectedCounts.put("dead_letters", (long) deadLetterPayloads.size());
        try (Warehouse tables = new Warehouse(conf)) {
            Map<String, Long> reached = JobRuns.awaitCounts(job, tables, expectedCounts, Duration.ofSeconds(45));
            System.out.printf(
                    "IngestionITCase: %s of %s committed after %.1f s%n",
                    reached, expectedCounts, (System.nanoTime() - started) / 1e9);
            JobRuns.settleAndCancel(job, new CompletedCheckpoints(cluster), tables, expectedCounts.keySet());

            assertEvents(tables.rows("events"), false);
            assertEvents(tables.rows("insights"), true);
            assertLedger(tables.rows("objects"));
            assertDeadLetters(tables.rows("dead_letters"));
        }
        assertFetchedOnlyWhatWasDecided();
    }

    // --- the scenario ---------------------------------------------------------------------------------

    /** Objects in S3 and the notifications that announce them, with what each must become. */
    private void buildScenario() {
        // Log files and Insights files of both integrations, announced in every shape, round robin.
        String[] shapes = {"s3_event", "sns_s3_event", "cloudtrail_sns", "eventbridge", "sns_eventbridge"};
        List<Obj> good = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            boolean org = i % 2 == 1;
            String account = org
                    ? (i % 4 == 1 ? "444455556666" : "555566667777")
                    : (i % 4 == 0 ? "111122223333" : "222233334444");
            String region = new String[] {"us-east-1", "eu-west-1", "eu-central-1"}[i % 3];
            String key = data.logKey(org ? ORG_PREFIX : null, org ? ORG : null, account, region, 9 * 60 + i);
            int n = i == 7 ? 2500 : 5 + random.nextInt(26);
            List<String> records = new ArrayList<>();
            for (int r = 0; r < n; r++) records.add(data.record(account, region));
            Obj o = new Obj(BUCKET, key, org ? "acme-org" : "acme", "log", account, region, org ? ORG : null);
            o.put(i == 3 ? TrailData.prettyLogFile(records) : TrailData.logFile(records), "ingested");
            o.records.addAll(records);
            good.add(o);
        }
        for (int i = 0; i < 2; i++) {
            boolean org = i == 1;
            String account = org ? "444455556666" : "111122223333";
            String key =
                    data.insightKey(org ? ORG_PREFIX : null, org ? ORG : null, account, "us-east-1", 10 * 60 + 15 + i);
            List<String> records = new ArrayList<>();
            for (int r = 0; r < 2 + i; r++) records.add(data.insightRecord());
            Obj o = new Obj(BUCKET, key, org ? "acme-org" : "acme", "insight", account, "us-east-1", org ? ORG : null);
            o.insight = true;
            o.put(TrailData.logFile(records), "ingested");
            o.records.addAll(records);
            good.add(o);
        }
        List<Obj> cloudTrailNoticed = new ArrayList<>();
        for (int i = 0; i < good.size(); i++) {
            Obj o = good.get(i);
            String shape = shapes[i % shapes.length];
            if (shape.equals("cloudtrail_sns")) {
                cloudTrailNoticed.add(o);
            } else {
                announce(o, shape);
            }
        }
        // CloudTrail's notice lists several keys; the first one is delivered raw, the others through SNS.
        for (int from = 0; from < cloudTrailNoticed.size(); from += 3) {
            List<Obj> batch = cloudTrailNoticed.subList(from, Math.min(cloudTrailNoticed.size(), from + 3));
            String notice = Notifications.cloudTrailNotice(
                    BUCKET, batch.stream().map(o -> o.key).collect(Collectors.toList()));
            publish(from == 0 ? notice : Notifications.sns(notice));
            batch.forEach(o -> o.shapes.add("cloudtrail_sns"));
        }

        // Notified again: S3 redelivers the same event; EventBridge and an S3 event name the same version
        // (same sequencer); CloudTrail's notice and an S3 event announce the same file.
        announce(good.get(0), "s3_event");
        announce(good.get(3), "s3_event");
        Obj noticedTwice = good.get(5);
        publish(Notifications.sns(Notifications.cloudTrailNotice(BUCKET, List.of(noticedTwice.key))));
        noticedTwice.shapes.add("cloudtrail_sns");

        // Objects that are not (wholly) ingested, each with its ledger outcome.
        Obj missing = new Obj(
                BUCKET,
                data.logKey(null, null, "111122223333", "us-east-1", 11 * 60),
                "acme",
                "log",
                "111122223333",
                "us-east-1",
                null);
        missing.base = "missing";
        missing.eTag = "0e1c4d8a6b0f3a9d2c7e5b4a39f8e6d1";
        missing.size = 3127;
        announce(missing, "s3_event");

        Obj digest = new Obj(
                BUCKET,
                TrailData.digestKey(null, null, "111122223333", "us-east-1", "management-trail"),
                "acme",
                "digest",
                "111122223333",
                "us-east-1",
                null);
        digest.put(
                "{\"awsAccountId\":\"111122223333\",\"digestStartTime\":\"2026-11-26T09:05:12Z\","
                        + "\"digestEndTime\":\"2026-11-26T10:05:12Z\",\"logFiles\":[]}",
                "recorded");
        // Fetched for verification; it is no signed digest, which the integrity table says (IntegrityITCase checks).
        announce(digest, "eventbridge");

        Obj configCheck = new Obj(
                BUCKET,
                "AWSLogs/111122223333/Config/ConfigWritabilityCheckFile",
                "acme",
                "config_check",
                "111122223333",
                null,
                null);
        configCheck.deliveryDate = null;
        configCheck.putRaw(new byte[0], "recorded");
        configCheck.fetched = false;
        announce(configCheck, "s3_event");

        byte[] garbage = new byte[600];
        random.nextBytes(garbage);
        byte[] corruptGzip = new byte[10 + garbage.length];
        System.arraycopy(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff}, 0, corruptGzip, 0, 10);
        System.arraycopy(garbage, 0, corruptGzip, 10, garbage.length);
        Obj corrupt = new Obj(
                BUCKET,
                data.logKey(null, null, "222233334444", "eu-west-1", 11 * 60 + 10),
                "acme",
                "log",
                "222233334444",
                "eu-west-1",
                null);
        corrupt.putRaw(corruptGzip, "corrupt");
        announce(corrupt, "sns_s3_event");

        List<String> truncatedRecords = new ArrayList<>();
        for (int r = 0; r < 6; r++) truncatedRecords.add(data.record("444455556666", "eu-west-1"));
        String whole = TrailData.logFile(truncatedRecords);
        String cut = whole.substring(
                0,
                whole.indexOf(truncatedRecords.get(3)) + truncatedRecords.get(3).length() / 2);
        Obj truncated = new Obj(
                BUCKET,
                data.logKey(ORG_PREFIX, ORG, "444455556666", "eu-west-1", 11 * 60 + 20),
                "acme-org",
                "log",
                "444455556666",
                "eu-west-1",
                ORG);
        truncated.put(cut, "partial");
        truncated.records.addAll(truncatedRecords.subList(0, 3));
        announce(truncated, "eventbridge");

        Obj notCloudTrail = new Obj(
                BUCKET,
                data.logKey(null, null, "111122223333", "eu-west-1", 11 * 60 + 30),
                "acme",
                "log",
                "111122223333",
                "eu-west-1",
                null);
        notCloudTrail.put("{\"CloudTrailEvent\":\"not a log file\",\"items\":[1,2,3]}", "not_cloudtrail");
        announce(notCloudTrail, "s3_event");

        Obj unrouted = new Obj(
                OTHER_BUCKET,
                data.logKey(null, null, "999988887777", "us-east-1", 11 * 60 + 40),
                null,
                "log",
                "999988887777",
                "us-east-1",
                null);
        unrouted.base = "unrouted";
        unrouted.eTag = "9f2c1d8a6b0f3a9d2c7e5b4a39f8e6d1";
        unrouted.size = 2048;
        unrouted.fetched = false;
        announce(unrouted, "s3_event");

        // Messages that announce nothing: ignored, no ledger row, no dead letter.
        publish(Notifications.s3TestEvent(BUCKET));
        publish(Notifications.sns(Notifications.s3TestEvent(BUCKET)));
        publish(Notifications.snsSubscriptionConfirmation());
        publish(Notifications.s3Removed(BUCKET, good.get(1).key, nextSequencer()));

        // Messages that cannot be used: dead letters, whole, with a reason.
        deadLetter("this is not a notification {\"Records\": [");
        deadLetter("{\"hello\":\"world\",\"Detail\":{\"bucket\":\"" + BUCKET + "\"}}");
    }

    private void announce(Obj o, String shape) {
        switch (shape) {
            case "s3_event":
                publish(Notifications.s3Event(o.bucket, o.key, o.size, o.eTag, o.sequencer));
                break;
            case "sns_s3_event":
                publish(Notifications.sns(Notifications.s3Event(o.bucket, o.key, o.size, o.eTag, o.sequencer)));
                break;
            case "eventbridge":
                publish(Notifications.eventBridge(o.bucket, o.key, o.size, o.eTag, o.sequencer));
                break;
            case "sns_eventbridge":
                publish(Notifications.sns(Notifications.eventBridge(o.bucket, o.key, o.size, o.eTag, o.sequencer)));
                break;
            default:
                throw new IllegalArgumentException(shape);
        }
        o.shapes.add(shape);
    }

    private void publish(String payload) {
        publish(payload.getBytes(StandardCharsets.UTF_8));
    }

    private void publish(byte[] payload) {
        notifications.add(new AbstractMap.SimpleEntry<>("n-" + notifications.size(), payload));
    }

    private void deadLetter(String payload) {
        deadLetterPayloads.add(payload);
        publish(payload);
    }

    private String nextSequencer() {
        return String.format("0065D2C3B8A1%06X", ++sequencer);
    }

    private Configuration jobConfiguration(Path warehouse) {
        Configuration conf = new Configuration();
        conf.addAll(S3.configuration());
        KINESIS.sourceOptions(STREAM)
                .forEach((k, v) -> conf.setString(InputSources.NOTIFICATIONS_KINESIS_PREFIX + k, v));
        conf.setString(InputSources.NOTIFICATIONS_KINESIS_PREFIX + "source.shard.discovery.interval", "1s");
        conf.set(CatalogOptions.WAREHOUSE, warehouse.toString());
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(500));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        // The unrouted object is held this long in case its integration is being added, then recorded.
        conf.set(TrailstreamOptions.UNROUTED_GRACE_PERIOD, Duration.ofSeconds(1));
        conf.set(TrailstreamOptions.UNROUTED_RECHECK_INTERVAL, Duration.ofMillis(250));
        return conf;
    }

    // --- expectations -----------------------------------------------------------------------------------

    private List<String> expectedRecords(boolean insights) {
        List<String> records = new ArrayList<>();
        for (Obj o : objects) {
            if (o.insight == insights) records.addAll(o.records);
        }
        return records;
    }

    /** One line per expected ledger row, without the notification shape (see {@link #assertLedger}). */
    private List<String> expectedLedger() {
        List<String> rows = new ArrayList<>();
        for (Obj o : objects) {
            for (int i = 0; i < o.shapes.size(); i++) {
                String outcome = i == 0 ? o.base : "duplicate";
                rows.add(ledgerLine(
                        o.bucket,
                        o.key,
                        outcome,
                        outcome.equals("duplicate") ? 0 : o.records.size(),
                        o.integration,
                        o.kind,
                        o.org,
                        o.account,
                        o.region,
                        o.deliveryDate));
            }
        }
        return rows;
    }

    private static String ledgerLine(Object... fields) {
        return java.util.Arrays.stream(fields).map(String::valueOf).collect(Collectors.joining(" | "));
    }

    // --- assertions -------------------------------------------------------------------------------------

    private void assertEvents(List<Record> rows, boolean insights) {
        String table = insights ? "insights" : "events";
        List<String> expected = expectedRecords(insights);
        Multisets.assertSame(
                table + ": records read back from raw (as JSON) against the input records",
                rows.stream()
                        .map(r -> TrailData.tree((String) r.getField("raw")))
                        .collect(Collectors.toList()),
                expected.stream().map(TrailData::tree).collect(Collectors.toList()),
                this::describe);
        Multisets.assertSame(
                table + ": raw is each record's compact JSON, byte for byte",
                rows.stream().map(r -> (String) r.getField("raw")).collect(Collectors.toList()),
                expected,
                raw -> describe(TrailData.tree(raw)));

        Map<String, Obj> objectOf = new HashMap<>();
        for (Obj o : objects) {
            for (String record : o.records)
                objectOf.put(TrailData.tree(record).get("eventID").asText(), o);
        }
        int typedChecks = 0;
        for (Record row : rows) {
            JsonNode raw = TrailData.tree((String) row.getField("raw"));
            String eventId = raw.get("eventID").asText();
            Obj from = objectOf.get(eventId);
            assertThat(row.getField("event_id")).as("event_id of %s", eventId).isEqualTo(eventId);
            assertThat(row.getField("source_bucket"))
                    .as("source_bucket of %s", eventId)
                    .isEqualTo(from.bucket);
            assertThat(row.getField("source_key"))
                    .as("source_key of %s", eventId)
                    .isEqualTo(from.key);
            assertThat(row.getField("integration_id"))
                    .as("integration_id of %s", eventId)
                    .isEqualTo(from.integration);
            assertThat(row.getField("ingested_at"))
                    .as("ingested_at of %s", eventId)
                    .isNotNull();
            if (insights) {
                assertThat(row.getField("event_type")).isEqualTo("AwsCloudTrailInsight");
            }
            if (data.isSynthetic(eventId)) { // every field present and well typed
                assertThat(row.getField("event_time"))
                        .as("event_time of %s", eventId)
                        .isEqualTo(OffsetDateTime.ofInstant(
                                Instant.parse(raw.get("eventTime").asText()), java.time.ZoneOffset.UTC));
                assertThat(row.getField("event_source"))
                        .isEqualTo(raw.get("eventSource").asText());
                assertThat(row.getField("event_name"))
                        .isEqualTo(raw.get("eventName").asText());
                assertThat(row.getField("aws_region"))
                        .isEqualTo(raw.get("awsRegion").asText());
                assertThat(row.getField("source_ip_address"))
                        .isEqualTo(raw.get("sourceIPAddress").asText());
                assertThat(row.getField("read_only"))
                        .isEqualTo(raw.get("readOnly").asBoolean());
                assertThat(row.getField("management_event"))
                        .isEqualTo(raw.get("managementEvent").asBoolean());
                assertThat(row.getField("recipient_account_id")).isEqualTo(from.account);
                assertThat(row.getField("event_type")).isEqualTo("AwsApiCall");
                assertThat(row.getField("error_code"))
                        .isEqualTo(raw.has("errorCode") ? raw.get("errorCode").asText() : null);
                Record identity = (Record) row.getField("user_identity");
                assertThat(identity.getField("type"))
                        .isEqualTo(raw.at("/userIdentity/type").asText());
                assertThat(identity.getField("arn"))
                        .isEqualTo(raw.at("/userIdentity/arn").asText());
                assertThat(identity.getField("account_id")).isEqualTo(from.account);
                Record tls = (Record) row.getField("tls_details");
                assertThat(tls.getField("client_provided_host_header"))
                        .isEqualTo(raw.get("eventSource").asText());
                assertThat(TrailData.tree((String) row.getField("request_parameters")))
                        .isEqualTo(raw.get("requestParameters"));
                List<?> resources = (List<?>) row.getField("resources");
                assertThat(resources == null ? 0 : resources.size())
                        .isEqualTo(raw.path("resources").size());
                typedChecks++;
            }
        }
        if (!insights)
            assertThat(typedChecks)
                    .as("synthetic records checked column by column")
                    .isGreaterThan(100);
    }

    private void assertLedger(List<Record> rows) {
        List<String> actual = rows.stream()
                .map(r -> ledgerLine(
                        r.getField("bucket"),
                        r.getField("key"),
                        r.getField("outcome"),
                        r.getField("record_count"),
                        r.getField("integration_id"),
                        r.getField("kind"),
                        r.getField("organization_id"),
                        r.getField("account_id"),
                        r.getField("region"),
                        r.getField("delivery_date")))
                .sorted()
                .collect(Collectors.toList());
        assertThat(actual)
                .as("objects ledger: one row per notification of an object, with its outcome")
                .isEqualTo(expectedLedger().stream().sorted().collect(Collectors.toList()));

        List<String> shapes = rows.stream()
                .map(r -> r.getField("key") + " | " + r.getField("notification_shape"))
                .sorted()
                .collect(Collectors.toList());
        List<String> expectedShapes = new ArrayList<>();
        for (Obj o : objects) o.shapes.forEach(s -> expectedShapes.add(o.key + " | " + s));
        assertThat(shapes)
                .as("objects ledger: the notification shape of each row")
                .isEqualTo(expectedShapes.stream().sorted().collect(Collectors.toList()));

        Map<String, Obj> byKey = objects.stream().collect(Collectors.toMap(o -> o.key, o -> o));
        for (Record r : rows) {
            Obj o = byKey.get((String) r.getField("key"));
            String outcome = (String) r.getField("outcome");
            assertThat(r.getField("scheme")).isEqualTo("s3");
            assertThat(r.getField("notified_at")).as("notified_at of %s", o.key).isNotNull();
            assertThat(r.getField("processed_at"))
                    .as("processed_at of %s", o.key)
                    .isNotNull();
            assertThat((String) r.getField("reason"))
                    .as("reason of %s %s", outcome, o.key)
                    .isNotBlank();
            if (outcome.equals("ingested") || outcome.equals("partial")) {
                assertThat(r.getField("etag")).as("etag of %s", o.key).isEqualTo(o.eTag);
                assertThat(r.getField("dropped_records")).isEqualTo(0L);
            }
            if (outcome.equals("ingested")) {
                assertThat(r.getField("compressed_bytes"))
                        .as("compressed_bytes of %s", o.key)
                        .isEqualTo(o.size);
            }
        }
        Record partial = rows.stream()
                .filter(r -> "partial".equals(r.getField("outcome")))
                .findFirst()
                .orElseThrow();
        assertThat((String) partial.getField("reason"))
                .as("the partial file's reason says where it broke")
                .contains("after 3 records");
    }

    private void assertDeadLetters(List<Record> rows) {
        assertThat(rows.stream()
                        .map(r -> (String) r.getField("payload"))
                        .sorted()
                        .collect(Collectors.toList()))
                .as("dead letters keep each unusable payload whole")
                .isEqualTo(deadLetterPayloads.stream().sorted().collect(Collectors.toList()));
        for (Record r : rows) {
            String payload = (String) r.getField("payload");
            assertThat(r.getField("stream")).isEqualTo("notification");
            assertThat(r.getField("shape")).isEqualTo("unknown");
            assertThat((String) r.getField("origin")).startsWith("kinesis:shardId-");
            assertThat(r.getField("payload_bytes")).isEqualTo((long) payload.getBytes(StandardCharsets.UTF_8).length);
            if (payload.startsWith("{")) {
                assertThat(r.getField("reason")).isEqualTo("no known notification shape (fields hello, Detail)");
            } else {
                assertThat((String) r.getField("reason")).startsWith("not JSON: Unrecognized token 'this'");
            }
        }
    }

    /** Objects decided from their key and state are never downloaded; the others exactly once. */
    private void assertFetchedOnlyWhatWasDecided() {
        Map<String, Long> expected = new TreeMap<>();
        Map<String, Long> actual = new TreeMap<>();
        for (Obj o : objects) {
            expected.put(o.key, o.fetched ? 1L : 0L);
            actual.put(o.key, S3.getObjectRequests(o.bucket, o.key));
        }
        assertThat(actual).as("GetObject requests per object").isEqualTo(expected);
    }

    private String describe(JsonNode record) {
        String eventId = record.path("eventID").asText();
        for (Obj o : objects) {
            for (String r : o.records) {
                if (TrailData.tree(r).path("eventID").asText().equals(eventId)) return eventId + " of " + o.key;
            }
        }
        return eventId + " (not an input record)";
    }

    /** One object of the scenario and what the tables must say of it. */
    private final class Obj {
        final String bucket;
        final String key;
        final String integration;
        final String kind;
        final String account;
        final String region;
        final String org;
        String deliveryDate = TrailData.DAY.toString();
        /** Records expected in a table from this object. */
        final List<String> records = new ArrayList<>();
        /** The notification shapes that announced it, in publication order. */
        final List<String> shapes = new ArrayList<>();

        String base;
        boolean insight;
        boolean fetched = true;
        String eTag;
        long size;
        final String sequencer = nextSequencer();

        Obj(String bucket, String key, String integration, String kind, String account, String region, String org) {
            this.bucket = bucket;
            this.key = key;
            this.integration = integration;
            this.kind = kind;
            this.account = account;
            this.region = region;
            this.org = org;
            objects.add(this);
        }

        /** Stores {@code text} gzip-compressed in S3. */
        void put(String text, String outcome) {
            putRaw(TrailData.gzip(text), outcome);
        }

        void putRaw(byte[] bytes, String outcome) {
            eTag = S3.put(bucket, key, bytes);
            size = bytes.length;
            base = outcome;
        }
    }
}
