package io.trailstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.iceberg.CatalogOptions;
import io.trailstream.integrity.IntegrityOptions;
import io.trailstream.job.InputSources;
import io.trailstream.job.JobConfig;
import io.trailstream.job.TrailstreamJob;
import io.trailstream.job.TrailstreamTopology;
import io.trailstream.testing.KinesisEmulator;
import io.trailstream.testing.S3Emulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * Log file validation in the running job against a real S3 server (S3Mock: the signatures are S3 user metadata,
 * returned by GetObject) and a real Kinesis server (the notifications), at parallelism 2: every case of
 * {@link SignedScenario}, with half the log files notified before their digest and half after it (once the digests'
 * rows are committed), read back from the {@code integrity} table.
 */
class IntegrityITCase {
    private static final String STREAM = "integrity-notifications";

    @RegisterExtension
    @Order(1)
    static final KinesisEmulator KINESIS = new KinesisEmulator();

    @RegisterExtension
    @Order(2)
    static final S3Emulator S3 = new S3Emulator(SignedScenario.BUCKET);

    @RegisterExtension
    @Order(3)
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private int sequencer;

    @Test
    void digestsAndLogFilesAreCheckedWhicheverComesFirst(@TempDir Path dir) throws Exception {
        SignedScenario scenario = new SignedScenario();
        KINESIS.createStream(STREAM, 2);
        List<Map.Entry<String, byte[]>> before = new ArrayList<>();
        List<Map.Entry<String, byte[]>> after = new ArrayList<>();
        long digests = 0;
        for (SignedScenario.Obj o : scenario.objects) {
            String eTag = S3.put(SignedScenario.BUCKET, o.key(), o.bytes(), o.metadata());
            String n = Notifications.s3Event(SignedScenario.BUCKET, o.key(), o.bytes().length, eTag, nextSequencer());
            (o.phase() == 1 ? before : after)
                    .add(new AbstractMap.SimpleEntry<>(o.key(), n.getBytes(StandardCharsets.UTF_8)));
            if (o.digest()) digests++;
        }

        Configuration conf = new Configuration();
        conf.addAll(S3.configuration());
        KINESIS.sourceOptions(STREAM)
                .forEach((k, v) -> conf.setString(InputSources.NOTIFICATIONS_KINESIS_PREFIX + k, v));
        conf.setString(InputSources.NOTIFICATIONS_KINESIS_PREFIX + "source.shard.discovery.interval", "1s");
        conf.set(CatalogOptions.WAREHOUSE, dir.resolve("warehouse").toString());
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(500));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        conf.set(
                IntegrityOptions.PUBLIC_KEYS,
                scenario.signer.writePublicKeys(dir.resolve("keys.json")).toString());
        conf.set(IntegrityOptions.CHAIN_GRACE, Duration.ofSeconds(3));
        conf.set(IntegrityOptions.MISSING_GRACE, Duration.ofSeconds(15));
        conf.set(IntegrityOptions.UNLISTED_GRACE, Duration.ofSeconds(10));
        StreamExecutionEnvironment env = TrailstreamJob.environment(conf);
        env.setParallelism(2);
        new TrailstreamTopology(new JobConfig(conf, SignedScenario.integrations(SignedScenario.BUCKET))).build(env);

        JobClient job = env.executeAsync("integrity-it");
        try (Warehouse tables = new Warehouse(conf)) {
            KINESIS.putAll(STREAM, before);
            long digestRows = digests;
            JobRuns.awaitRows(
                    job,
                    tables,
                    "integrity",
                    rows -> rows.stream()
                                    .filter(r -> "digest".equals(r.getField("kind")))
                                    .count()
                            >= digestRows,
                    Duration.ofSeconds(90));
            KINESIS.putAll(STREAM, after);
            List<Record> rows;
            try {
                rows = JobRuns.awaitRows(
                        job,
                        tables,
                        "integrity",
                        r -> IntegrityLocalITCase.latestStatuses(r).equals(scenario.expected),
                        Duration.ofSeconds(90));
            } catch (AssertionError timedOut) {
                // Say which checks differ, not only that time ran out.
                assertThat(IntegrityLocalITCase.latestStatuses(tables.rows("integrity")))
                        .isEqualTo(scenario.expected);
                throw timedOut;
            }

            // The files notified after their digest were matched when they arrived, against the listing in state.
            OffsetDateTime digestsDone = rows.stream()
                    .filter(r -> "digest".equals(r.getField("kind")))
                    .map(r -> (OffsetDateTime) r.getField("checked_at"))
                    .max(OffsetDateTime::compareTo)
                    .orElseThrow();
            List<String> afterKeys = after.stream().map(Map.Entry::getKey).toList();
            assertThat(rows)
                    .filteredOn(r -> afterKeys.contains((String) r.getField("key")))
                    .filteredOn(r -> "verified".equals(r.getField("status")))
                    .isNotEmpty()
                    .allSatisfy(r -> assertThat((OffsetDateTime) r.getField("checked_at"))
                            .isAfter(digestsDone));
            assertThat(tables.rows("objects"))
                    .filteredOn(r -> "digest".equals(r.getField("kind")))
                    .hasSize((int) digests)
                    .allSatisfy(r -> assertThat(r.getField("outcome")).isEqualTo("recorded"));
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    private String nextSequencer() {
        return String.format("0065D2C3B8A1%06X", ++sequencer);
    }
}
