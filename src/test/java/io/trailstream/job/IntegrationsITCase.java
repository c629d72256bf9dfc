package io.trailstream.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.cli.ControlMessageBuilder;
import io.trailstream.cli.KinesisControlPublisher;
import io.trailstream.cli.KinesisStreamRef;
import io.trailstream.cli.TrailstreamCommand;
import io.trailstream.control.message.ControlMessage;
import io.trailstream.control.message.IntegrationPatch;
import io.trailstream.iceberg.CatalogOptions;
import io.trailstream.iceberg.IcebergCatalogs;
import io.trailstream.testing.CompletedCheckpoints;
import io.trailstream.testing.EmulatorCredentials;
import io.trailstream.testing.KinesisEmulator;
import io.trailstream.testing.S3Emulator;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole job (MiniCluster, parallelism 2) with integrations changed at run time: control messages and
 * S3 notifications on real Kinesis streams (kinesis-local), trail objects on a real S3 API (S3Mock), the
 * tables in Iceberg on a JDBC (SQLite) catalog.
 *
 * <p>Three integrations: {@code acme-org}, an Organization trail whose include-list holds two of the three
 * member accounts that write to its bucket; {@code beta}, a plain trail; {@code gamma}, suspended mid-way.
 * Decisions are made deterministic by sequencing: control messages first, then wait until
 * {@code control_audit} has them committed (a committed checkpoint means every routing subtask has applied
 * the broadcast update before it), only then the notifications they govern.
 *
 * <p>Proven: {@code events} hold exactly the records allowed (per integration and account, with the
 * records of a non-included account inside an included account's file dropped and counted); the
 * {@code objects} ledger explains every object; no GetObject reached S3 for an object that was not fetched;
 * {@code control_audit} and {@code integrations} hold the expected rows; malformed and inapplicable control
 * messages are rejected and dead-lettered while the job keeps running.
 */
class IntegrationsITCase {
    @RegisterExtension
    @Order(1)
    static final KinesisEmulator KINESIS = new KinesisEmulator();

    @RegisterExtension
    @Order(2)
    static final S3Emulator S3 = new S3Emulator("acme-trail", "beta-trail", "gamma-trail");

    @RegisterExtension
    @Order(4)
    static final EmulatorCredentials CREDENTIALS = new EmulatorCredentials();

    @RegisterExtension
    @Order(3)
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private static final String NAMESPACE = "trailstream";
    private static final Duration TIMEOUT = Duration.ofSeconds(45);
    private static final String ORG = "o-acme123456";
    private static final String OTHER_ORG = "o-other12345";
    /** acme-org's member accounts: A and B are in the include-list, C is not. */
    private static final String A = "111111111111";

    private static final String B = "222222222222";
    private static final String C = "333333333333";
    /** beta's and gamma's own accounts. */
    private static final String D = "444444444444";

    private static final String E = "555555555555";

    @TempDir
    Path warehouse;

    private JobClient job;
    private Catalog catalog;
    private int objects;
    /** The events the job must keep: "integration|recipient account|event id". */
    private final List<String> allowedEvents = new ArrayList<>();
    /** One sequencer per object version: a notification sent twice carries the same one. */
    private final Map<String, String> sequencers = new HashMap<>();

    @AfterEach
    void stop() throws Exception {
        if (job != null && !job.getJobStatus().get().isGloballyTerminalState()) {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
        if (catalog instanceof Closeable) ((Closeable) catalog).close();
    }

    @Test
    void integrationsChangedAtRunTimeDecideEveryObject(@InjectMiniCluster MiniCluster cluster) throws Exception {
        long started = System.nanoTime();
        CompletedCheckpoints checkpoints = new CompletedCheckpoints(cluster);
        String notifications = "notifications-" + UUID.randomUUID().toString().substring(0, 8);
        String control = "control-" + UUID.randomUUID().toString().substring(0, 8);
        KINESIS.createStream(notifications, 2);
        KINESIS.createStream(control, 1);
        Configuration conf = configuration(notifications, control);
        StreamExecutionEnvironment env = TrailstreamJob.environment(conf);
        env.setParallelism(2);
        new TrailstreamTopology(new JobConfig(conf, List.of())).build(env);
        job = env.executeAsync("integrations-it");
        catalog = IcebergCatalogs.loader(conf).loadCatalog();

        ControlMessageBuilder ops = new ControlMessageBuilder("ops@it");
        KinesisControlPublisher publisher = new KinesisControlPublisher(
                KINESIS.client(), KinesisStreamRef.parse(KINESIS.streamArn(control)), false);

        // ---- phase 1: the integrations, and a message that is not JSON ----------------------------
        ControlMessage acme = ops.upsert(
                "acme-org",
                new IntegrationPatch()
                        .tenantId("acme")
                        .displayName("ACME Organization")
                        .bucket("acme-trail")
                        .prefix("org")
                        .organizationId(ORG)
                        .includedAccounts(List.of(A, B)));
        ControlMessage beta =
                ops.upsert("beta", new IntegrationPatch().tenantId("beta").bucket("beta-trail"));
        ControlMessage gamma =
                ops.upsert("gamma", new IntegrationPatch().tenantId("gamma").bucket("gamma-trail"));
        publisher.publish(acme);
        KINESIS.put(control, "junk", "{\"version\":1,\"kind\":".getBytes(StandardCharsets.UTF_8));
        publisher.publish(beta);
        publisher.publish(gamma);
        awaitRows("control_audit", "phase 1 control messages committed", rows -> rows.size() >= 4);

        // ---- phase 2: objects of every kind of decision ------------------------------------------------
        Map<String, String> expectedOutcome = new LinkedHashMap<>();
        List<String> fetched = new ArrayList<>();
        List<String> notFetched = new ArrayList<>();

        // An included account's file that also carries records of another included and of a non-included account.
        String a1 = putLog(
                "acme-trail",
                "org",
                ORG,
                A,
                "acme-org",
                records(A, 3, true),
                records(B, 1, true),
                records(C, 2, false));
        String b1 = putLog("acme-trail", "org", ORG, B, "acme-org", records(B, 2, true));
        String c1 = putLog("acme-trail", "org", ORG, C, "acme-org", records(C, 2, false));
        String otherOrg = putLog("acme-trail", "org", OTHER_ORG, A, "acme-org", records(A, 1, false));
        String digest = putDigest("acme-trail", "org", ORG, A);
        String d1 = putLog("beta-trail", null, null, D, "beta", records(D, 3, true));
        String e1 = putLog("gamma-trail", null, null, E, "gamma", records(E, 2, true));
        S3.clearRequests();
        for (String key : List.of(a1, b1, c1, otherOrg, digest)) notify(notifications, "acme-trail", key);
        notify(notifications, "beta-trail", d1);
        notify(notifications, "beta-trail", d1); // S3 delivers at least once: the same version again
        notify(notifications, "gamma-trail", e1);
        expectedOutcome.put("acme-trail/" + a1, "ingested");
        expectedOutcome.put("acme-trail/" + b1, "ingested");
        expectedOutcome.put("acme-trail/" + c1, "skipped_account");
        expectedOutcome.put("acme-trail/" + otherOrg, "skipped_organization");
        expectedOutcome.put("acme-trail/" + digest, "recorded");
        expectedOutcome.put("beta-trail/" + d1, "duplicate+ingested");
        expectedOutcome.put("gamma-trail/" + e1, "ingested");
        // The digest is fetched for verification (issue 10); its ledger row still says recorded.
        fetched.addAll(List.of(
                "acme-trail/" + a1,
                "acme-trail/" + b1,
                "acme-trail/" + digest,
                "beta-trail/" + d1,
                "gamma-trail/" + e1));
        notFetched.addAll(List.of("acme-trail/" + c1, "acme-trail/" + otherOrg));
        awaitRows("objects", "phase 2 ledger", rows -> rows.size() >= 8);

        // ---- phase 3: suspend gamma (and an inapplicable message), then more objects -------------------
        ControlMessage suspend = ops.suspend("gamma");
        ControlMessage unknown = ops.resume("no-such-integration");
        publisher.publish(suspend);
        publisher.publish(unknown);
        awaitRows("control_audit", "phase 3 control messages committed", rows -> rows.size() >= 6);

        String e2 = putLog("gamma-trail", null, null, E, "gamma", records(E, 2, false));
        String a2 = putLog("acme-trail", "org", ORG, A, "acme-org", records(A, 2, true));
        String stray = "AWSLogs/" + D + "/CloudTrail/us-east-1/2026/11/27/" + D
                + "_CloudTrail_us-east-1_20261127T1000Z_" + String.format("%016d", ++objects) + ".json.gz";
        notify(notifications, "gamma-trail", e2);
        notify(notifications, "acme-trail", a2);
        notify(notifications, "stray-trail", stray);
        expectedOutcome.put("gamma-trail/" + e2, "skipped_suspended");
        expectedOutcome.put("acme-trail/" + a2, "ingested");
        expectedOutcome.put("stray-trail/" + stray, "unrouted");
        fetched.add("acme-trail/" + a2);
        notFetched.add("gamma-trail/" + e2);
        List<Record> ledger = awaitRows(
                "objects", "phase 3 ledger (the stray object after its grace period)", rows -> rows.size() >= 11);

        // ---- the ledger explains every object ------------------------------------------------------------
        checkpoints.settle(job); // a few more checkpoints: nothing late or twice
        ledger = rows("objects");
        Map<String, String> outcomes = new TreeMap<>();
        for (Record r : ledger)
            outcomes.merge(
                    r.getField("bucket") + "/" + r.getField("key"),
                    (String) r.getField("outcome"),
                    (x, y) -> List.of(x, y).stream().sorted().collect(Collectors.joining("+")));
        assertThat(outcomes).isEqualTo(new TreeMap<>(expectedOutcome));
        Record a1Row = ledgerRow(ledger, a1, "ingested");
        assertThat(a1Row.getField("integration_id")).isEqualTo("acme-org");
        assertThat(a1Row.getField("account_id")).isEqualTo(A);
        assertThat(a1Row.getField("record_count")).as("3 of A and 1 of B kept").isEqualTo(4L);
        assertThat(a1Row.getField("dropped_records"))
                .as("the 2 records of C dropped")
                .isEqualTo(2L);
        assertThat(a1Row.getField("mismatched_records"))
                .as("B's and C's records in A's file")
                .isEqualTo(3L);
        assertThat(ledgerRow(ledger, b1, "ingested").getField("record_count")).isEqualTo(2L);
        assertThat(ledgerRow(ledger, b1, "ingested").getField("dropped_records"))
                .isEqualTo(0L);
        assertThat(ledgerRow(ledger, d1, "ingested").getField("record_count")).isEqualTo(3L);
        assertThat(ledgerRow(ledger, d1, "ingested").getField("integration_id")).isEqualTo("beta");
        assertThat(ledgerRow(ledger, d1, "duplicate").getField("integration_id"))
                .isEqualTo("beta");
        assertThat(ledgerRow(ledger, e1, "ingested").getField("record_count")).isEqualTo(2L);
        assertThat(ledgerRow(ledger, a2, "ingested").getField("record_count")).isEqualTo(2L);
        assertThat(ledgerRow(ledger, c1, "skipped_account").getField("reason"))
                .isEqualTo("account " + C + " is not in the include-list of integration acme-org");
        assertThat(ledgerRow(ledger, c1, "skipped_account").getField("record_count"))
                .isEqualTo(0L);
        assertThat(ledgerRow(ledger, otherOrg, "skipped_organization").getField("integration_id"))
                .isEqualTo("acme-org");
        assertThat(ledgerRow(ledger, digest, "recorded").getField("kind")).isEqualTo("digest");
        assertThat(ledgerRow(ledger, e2, "skipped_suspended").getField("reason"))
                .isEqualTo("integration gamma is suspended");
        assertThat(ledgerRow(ledger, stray, "unrouted").getField("integration_id"))
                .isNull();
        assertThat((String) ledgerRow(ledger, stray, "unrouted").getField("reason"))
                .endsWith("(held PT2S)");

        // ---- no GetObject for what was not fetched, exactly one for what was --------------------------
        for (String object : notFetched) {
            String[] bk = object.split("/", 2);
            assertThat(S3.getObjectRequests(bk[0], bk[1]))
                    .as("GetObject for %s", object)
                    .isZero();
        }
        for (String object : fetched) {
            String[] bk = object.split("/", 2);
            assertThat(S3.getObjectRequests(bk[0], bk[1]))
                    .as("GetObject for %s", object)
                    .isEqualTo(1);
        }
        assertThat(S3.getObjectRequests()).as("no other GetObject at all").isEqualTo(fetched.size());

        // ---- events: exactly the allowed records ----------------------------------------------------------
        List<String> events = rows("events").stream()
                .map(r -> r.getField("integration_id") + "|" + r.getField("recipient_account_id") + "|"
                        + r.getField("event_id"))
                .collect(Collectors.toList());
        assertThat(events).containsExactlyInAnyOrderElementsOf(allowedEvents);
        assertThat(rows("insights")).isEmpty();

        // ---- control tables ------------------------------------------------------------------------------
        List<Record> audit = rows("control_audit");
        Map<String, String> auditOutcomes = new TreeMap<>();
        for (Record r : audit) {
            auditOutcomes.put(
                    String.valueOf(r.getField("message_id")), r.getField("outcome") + "/" + r.getField("reason_code"));
        }
        Map<String, String> expectedAudit = new TreeMap<>();
        expectedAudit.put(acme.messageId, "applied/applied");
        expectedAudit.put(beta.messageId, "applied/applied");
        expectedAudit.put(gamma.messageId, "applied/applied");
        expectedAudit.put("null", "rejected/invalid_json");
        expectedAudit.put(suspend.messageId, "applied/applied");
        expectedAudit.put(unknown.messageId, "rejected/unknown_integration");
        assertThat(auditOutcomes).isEqualTo(expectedAudit);
        assertThat(audit).hasSize(6);
        Record junk = audit.stream()
                .filter(r -> r.getField("message_id") == null)
                .findFirst()
                .orElseThrow();
        assertThat(junk.getField("message")).isEqualTo("{\"version\":1,\"kind\":");
        Record suspended = audit.stream()
                .filter(r -> suspend.messageId.equals(r.getField("message_id")))
                .findFirst()
                .orElseThrow();
        assertThat(suspended.getField("kind")).isEqualTo("set_status");
        assertThat(suspended.getField("integration_id")).isEqualTo("gamma");
        assertThat(suspended.getField("author")).isEqualTo("ops@it");
        assertThat((String) suspended.getField("state_before")).contains("\"status\":\"active\"");
        assertThat((String) suspended.getField("state_after")).contains("\"status\":\"suspended\"");

        List<String> integrations = rows("integrations").stream()
                .map(r -> r.getField("integration_id") + " " + r.getField("status") + " "
                        + r.getField("effective_status") + " " + r.getField("change") + " "
                        + r.getField("changed_by_message_id") + " " + r.getField("included_accounts"))
                .collect(Collectors.toList());
        assertThat(integrations)
                .containsExactlyInAnyOrder(
                        "acme-org active active control_message " + acme.messageId + " [" + A + ", " + B + "]",
                        "beta active active control_message " + beta.messageId + " null",
                        "gamma active active control_message " + gamma.messageId + " null",
                        "gamma suspended suspended control_message " + suspend.messageId + " null");

        List<String> deadLetters = rows("dead_letters").stream()
                .map(r -> r.getField("stream") + " " + ((String) r.getField("reason")).split(":")[0])
                .collect(Collectors.toList());
        assertThat(deadLetters).containsExactlyInAnyOrder("control invalid_json", "control unknown_integration");

        assertThat(job.getJobStatus().get())
                .as("bad control input never stops the job")
                .isEqualTo(JobStatus.RUNNING);

        // ---- phase 4: resume gamma, backfill what it skipped; the running job ingests it ------------------
        publisher.publish(ops.resume("gamma"));
        awaitRows("control_audit", "phase 4 resume committed", rows -> rows.size() >= 7);
        StringWriter backfillOut = new StringWriter();
        StringWriter backfillErr = new StringWriter();
        int backfill = TrailstreamCommand.execute(
                new PrintWriter(backfillOut, true),
                new PrintWriter(backfillErr, true),
                "backfill",
                "--integration",
                "gamma",
                "--config",
                jobConfigFile(notifications).toString(),
                "--author",
                "ops@it");
        assertThat(backfill)
                .as("backfill; out: %s err: %s", backfillOut, backfillErr)
                .isZero();
        assertThat(backfillOut.toString()).contains("skipped_suspended             1");
        List<Record> afterBackfill = awaitRows(
                "objects",
                "the replayed object ingested",
                rows -> rows.stream()
                        .anyMatch(r -> e2.equals(r.getField("key")) && "ingested".equals(r.getField("outcome"))));
        Record replayed = ledgerRow(afterBackfill, e2, "ingested");
        assertThat(replayed.getField("notification_shape")).isEqualTo("replay");
        assertThat((String) replayed.getField("reason")).startsWith("replay (dedupe bypassed)");
        assertThat(replayed.getField("record_count")).isEqualTo(2L);
        assertThat(S3.getObjectRequests("gamma-trail", e2))
                .as("fetched once, by the replay")
                .isEqualTo(1);
        assertThat(rows("events").stream()
                        .filter(r -> e2.equals(r.getField("source_key")))
                        .count())
                .isEqualTo(2);
        System.out.printf("IntegrationsITCase: %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    // ---- job ---------------------------------------------------------------------------------------------

    /** The job's config as ops have it: the catalog and the notification stream the backfill reads and writes. */
    private Path jobConfigFile(String notifications) throws IOException {
        Path file = warehouse.resolve("trailstream.yaml");
        Files.writeString(
                file,
                String.join(
                        "\n",
                        "catalog:",
                        "  warehouse: " + warehouse.resolve("warehouse"),
                        "  namespace: " + NAMESPACE,
                        "notifications:",
                        "  source: kinesis",
                        "  kinesis:",
                        "    stream.arn: " + KINESIS.streamArn(notifications),
                        "    aws.endpoint: " + KINESIS.endpoint(),
                        ""));
        return file;
    }

    private Configuration configuration(String notifications, String control) {
        Configuration conf = new Configuration();
        conf.addAll(S3.configuration());
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(300));
        conf.set(CatalogOptions.TYPE, CatalogOptions.CatalogType.JDBC);
        conf.set(CatalogOptions.WAREHOUSE, warehouse.resolve("warehouse").toString());
        conf.set(CatalogOptions.NAMESPACE, NAMESPACE);
        conf.set(TrailstreamOptions.NOTIFICATIONS_SOURCE, TrailstreamOptions.NotificationSource.KINESIS);
        KINESIS.sourceOptions(notifications)
                .forEach((k, v) -> conf.setString(InputSources.NOTIFICATIONS_KINESIS_PREFIX + k, v));
        conf.set(TrailstreamOptions.CONTROL_SOURCE, TrailstreamOptions.ControlSource.KINESIS);
        KINESIS.sourceOptions(control).forEach((k, v) -> conf.setString(InputSources.CONTROL_KINESIS_PREFIX + k, v));
        conf.set(TrailstreamOptions.UNROUTED_GRACE_PERIOD, Duration.ofSeconds(2));
        conf.set(TrailstreamOptions.UNROUTED_RECHECK_INTERVAL, Duration.ofMillis(500));
        conf.set(TrailstreamOptions.FETCH_THREADS, 2);
        return conf;
    }

    // ---- objects and notifications --------------------------------------------------------------------------

    /** One CloudTrail record per entry; {@code kept} says whether the job must keep it. */
    private List<String[]> records(String account, int count, boolean kept) {
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++)
            out.add(new String[] {account, UUID.randomUUID().toString(), String.valueOf(kept)});
        return out;
    }

    /** Puts a gzip log file of {@code keyAccount} holding the given records; returns its key. */
    @SafeVarargs
    private String putLog(
            String bucket, String prefix, String org, String keyAccount, String integration, List<String[]>... groups) {
        String key = (prefix == null ? "" : prefix + "/") + "AWSLogs/" + (org == null ? "" : org + "/") + keyAccount
                + "/CloudTrail/us-east-1/2026/11/27/" + keyAccount + "_CloudTrail_us-east-1_20261127T1000Z_"
                + String.format("%016d", ++objects) + ".json.gz";
        StringBuilder json = new StringBuilder("{\"Records\":[");
        boolean first = true;
        for (List<String[]> group : groups) {
            for (String[] r : group) {
                if (!first) json.append(',');
                first = false;
                json.append("{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"IAMUser\",\"accountId\":\"")
                        .append(r[0])
                        .append("\"},\"eventTime\":\"2026-11-27T09:30:00Z\",\"eventSource\":\"s3.amazonaws.com\",")
                        .append(
                                "\"eventName\":\"ListBuckets\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"10.0.0.1\",")
                        .append("\"eventID\":\"")
                        .append(r[1])
                        .append("\",\"eventType\":\"AwsApiCall\",")
                        .append("\"managementEvent\":true,\"recipientAccountId\":\"")
                        .append(r[0])
                        .append("\"}");
                if (Boolean.parseBoolean(r[2])) allowedEvents.add(integration + "|" + r[0] + "|" + r[1]);
            }
        }
        json.append("]}");
        S3.putGzip(bucket, key, json.toString());
        return key;
    }

    private String putDigest(String bucket, String prefix, String org, String account) {
        String key = prefix + "/AWSLogs/" + org + "/" + account + "/CloudTrail-Digest/us-east-1/2026/11/27/" + account
                + "_CloudTrail-Digest_us-east-1_org-trail_us-east-1_20261127T100000Z.json.gz";
        S3.putGzip(bucket, key, "{\"digestStartTime\":\"2026-11-27T09:00:00Z\"}");
        return key;
    }

    /** Publishes an S3 Event Notification for the object's current version, keyed by the object. */
    private void notify(String stream, String bucket, String key) {
        String sequencer =
                sequencers.computeIfAbsent(bucket + "/" + key, k -> String.format("%016X", sequencers.size() + 1));
        String json = "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"awsRegion\":\"us-east-1\","
                + "\"eventTime\":\"2026-11-27T10:00:00.000Z\",\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\""
                + bucket + "\"},\"object\":{\"key\":\"" + key + "\",\"size\":100,\"sequencer\":\"" + sequencer
                + "\"}}}]}";
        KINESIS.put(stream, bucket + "/" + key, json.getBytes(StandardCharsets.UTF_8));
    }

    // ---- tables -------------------------------------------------------------------------------------------

    private List<Record> rows(String table) throws IOException {
        Table t = catalog.loadTable(TableIdentifier.of(NAMESPACE, table));
        List<Record> out = new ArrayList<>();
        try (CloseableIterable<Record> it = IcebergGenerics.read(t).build()) {
            it.forEach(out::add);
        }
        return out;
    }

    private List<Record> awaitRows(String table, String what, Predicate<List<Record>> done) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        List<Record> rows = List.of();
        while (System.nanoTime() < deadline) {
            JobStatus status = job.getJobStatus().get();
            if (status.isGloballyTerminalState()) {
                job.getJobExecutionResult().get();
                throw new AssertionError("the job ended " + status + " while waiting for " + what);
            }
            rows = rows(table);
            if (done.test(rows)) return rows;
            Thread.sleep(200);
        }
        throw new AssertionError(
                "timed out waiting for " + what + "; " + table + " has " + rows.size() + " rows: " + rows);
    }

    private static Record ledgerRow(List<Record> ledger, String key, String outcome) {
        return ledger.stream()
                .filter(r -> key.equals(r.getField("key")) && outcome.equals(r.getField("outcome")))
                .reduce((x, y) -> {
                    throw new AssertionError("two " + outcome + " rows for " + key);
                })
                .orElseThrow(() -> new AssertionError("no " + outcome + " row for " + key));
    }
}
