package io.trailstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.control.Integration;
import io.trailstream.iceberg.CatalogOptions;
import io.trailstream.integrity.HealthOptions;
import io.trailstream.job.InputSources;
import io.trailstream.job.JobConfig;
import io.trailstream.job.TrailstreamJob;
import io.trailstream.job.TrailstreamOptions;
import io.trailstream.job.TrailstreamTopology;
import io.trailstream.object.store.ObjectStoreOptions;
import io.trailstream.testing.FaultInjectingProxy;
import io.trailstream.testing.KinesisEmulator;
import io.trailstream.testing.S3Emulator;
import io.trailstream.testing.TrailSigner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code health.auto-disconnect} in the running job: S3Mock behind a proxy that refuses every request for a while.
 * The integration turns {@code access_denied}; after the configured time the job publishes its own
 * {@code set_status disconnected} to its Kinesis control stream, which is applied and audited (author
 * {@code trailstream}); objects are then skipped; once the proxy lets requests through again, the job's probe read
 * works, it publishes {@code set_status active}, and the next object is ingested.
 */
class AutoDisconnectITCase {
    private static final String BUCKET = "acme-trail";
    private static final String NOTIFICATIONS = "ad-notifications";
    private static final String CONTROL = "ad-control";

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

    private final TrailSigner.Trail trail = new TrailSigner().trail(BUCKET, null, null, "111122223333", "eu-west-1");
    private int sequencer;

    @Test
    void refusedReadsDisconnectTheIntegrationAndAWorkingProbeReconnectsIt(@TempDir Path dir) throws Exception {
        KINESIS.createStream(NOTIFICATIONS, 1);
        KINESIS.createStream(CONTROL, 1);
        try (FaultInjectingProxy proxy = new FaultInjectingProxy(S3.endpoint())) {
            Configuration conf = configuration(dir, proxy);
            StreamExecutionEnvironment env = TrailstreamJob.environment(conf);
            env.setParallelism(2);
            new TrailstreamTopology(new JobConfig(conf, List.of(Integration.of("acme", BUCKET, null)))).build(env);
            proxy.failEveryRequest(FaultInjectingProxy.Fault.accessDenied());
            JobClient job = env.executeAsync("auto-disconnect-it");
            try (Warehouse tables = new Warehouse(conf)) {
                String f1 = notifyNew(0);
                String f2 = notifyNew(1);
                List<Record> audit = await(
                        job,
                        tables,
                        "control_audit",
                        rows -> byTrailstream(rows).size() >= 1);
                Record disconnect = byTrailstream(audit).get(0);
                assertThat(disconnect.getField("kind")).isEqualTo("set_status");
                assertThat(disconnect.getField("outcome")).isEqualTo("applied");
                assertThat((String) disconnect.getField("message_id"))
                        .startsWith("trailstream-health-acme-disconnect-");
                assertThat((String) disconnect.getField("state_after")).contains("\"status\":\"disconnected\"");
                assertThat(await(
                                job,
                                tables,
                                "integration_health",
                                rows -> rows.stream().anyMatch(r -> "access_denied".equals(r.getField("status")))))
                        .isNotEmpty();

                String f3 = notifyNew(2);
                await(job, tables, "objects", rows -> outcome(rows, f3, "skipped_disconnected"));

                proxy.failEveryRequest(null);
                audit = await(
                        job,
                        tables,
                        "control_audit",
                        rows -> byTrailstream(rows).size() >= 2);
                Record reconnect = byTrailstream(audit).get(1);
                assertThat((String) reconnect.getField("message_id")).startsWith("trailstream-health-acme-reconnect-");
                assertThat((String) reconnect.getField("state_after")).contains("\"status\":\"active\"");

                String f4 = notifyNew(3);
                List<Record> ledger = await(job, tables, "objects", rows -> outcome(rows, f4, "ingested"));
                for (String refused : List.of(f1, f2)) {
                    assertThat(ledger)
                            .filteredOn(r -> refused.equals(r.getField("key")))
                            .singleElement()
                            .satisfies(r -> {
                                assertThat(r.getField("outcome")).isEqualTo("access_denied");
                                assertThat(r.getField("read_failure")).isEqualTo("access_denied");
                            });
                }
                List<Record> health = await(
                        job,
                        tables,
                        "integration_health",
                        rows -> rows.stream()
                                .anyMatch(r -> "healthy".equals(r.getField("status"))
                                        && "access_denied".equals(r.getField("previous_status"))));
                assertThat(health)
                        .extracting(r -> (String) r.getField("integration_id"))
                        .containsOnly("acme");
                assertThat(tables.rows("integrations").stream()
                                .sorted((a, b) -> ((java.time.OffsetDateTime) a.getField("recorded_at"))
                                        .compareTo((java.time.OffsetDateTime) b.getField("recorded_at")))
                                .map(r -> (String) r.getField("status")))
                        .as("the integrations table's history")
                        .containsSubsequence("active", "disconnected", "active");
            } finally {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private Configuration configuration(Path dir, FaultInjectingProxy proxy) {
        Configuration conf = new Configuration();
        conf.addAll(S3.configuration());
        conf.set(ObjectStoreOptions.ENDPOINT, proxy.endpoint().toString());
        conf.set(ObjectStoreOptions.RETRIES, 0);
        KINESIS.sourceOptions(NOTIFICATIONS)
                .forEach((k, v) -> conf.setString(InputSources.NOTIFICATIONS_KINESIS_PREFIX + k, v));
        KINESIS.sourceOptions(CONTROL).forEach((k, v) -> conf.setString(InputSources.CONTROL_KINESIS_PREFIX + k, v));
        conf.set(TrailstreamOptions.CONTROL_SOURCE, TrailstreamOptions.ControlSource.KINESIS);
        conf.set(CatalogOptions.WAREHOUSE, dir.resolve("warehouse").toString());
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(500));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        conf.set(HealthOptions.AUTO_DISCONNECT, true);
        conf.set(HealthOptions.AUTO_DISCONNECT_AFTER, Duration.ofSeconds(2));
        conf.set(HealthOptions.PROBE_INTERVAL, Duration.ofMillis(500));
        return conf;
    }

    /** Stores a new log file and notifies it; returns its key. */
    private String notifyNew(int n) {
        TrailSigner.LogFile f =
                trail.logFile(Instant.parse("2026-11-26T09:05:00Z").plusSeconds(300L * n), 2);
        String eTag = S3.put(BUCKET, f.key(), f.stored());
        String sequence = String.format("0065D2C3B8A1%06X", ++sequencer);
        KINESIS.put(
                NOTIFICATIONS,
                f.key(),
                Notifications.s3Event(BUCKET, f.key(), f.stored().length, eTag, sequence)
                        .getBytes(StandardCharsets.UTF_8));
        return f.key();
    }

    private static List<Record> byTrailstream(List<Record> audit) {
        return audit.stream()
                .filter(r -> "trailstream".equals(r.getField("author")))
                .sorted((a, b) -> ((java.time.OffsetDateTime) a.getField("issued_at"))
                        .compareTo((java.time.OffsetDateTime) b.getField("issued_at")))
                .toList();
    }

    private static boolean outcome(List<Record> ledger, String key, String outcome) {
        return ledger.stream().anyMatch(r -> key.equals(r.getField("key")) && outcome.equals(r.getField("outcome")));
    }

    private static List<Record> await(JobClient job, Warehouse tables, String table, Predicate<List<Record>> done)
            throws Exception {
        return JobRuns.awaitRows(job, tables, table, done, Duration.ofSeconds(90));
    }
}
