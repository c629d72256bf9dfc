package io.trailstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.control.Integration;
import io.trailstream.iceberg.CatalogOptions;
import io.trailstream.job.InputSources;
import io.trailstream.job.JobConfig;
import io.trailstream.job.TrailstreamJob;
import io.trailstream.job.TrailstreamOptions;
import io.trailstream.job.TrailstreamTopology;
import io.trailstream.object.store.ObjectStoreOptions;
import io.trailstream.testing.CompletedCheckpoints;
import io.trailstream.testing.FaultInjectingProxy;
import io.trailstream.testing.FaultInjectingProxy.Fault;
import io.trailstream.testing.KinesisEmulator;
import io.trailstream.testing.S3Emulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.Snapshot;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once, end to end, when things break mid-stream: every record lands in {@code events} once and every
 * object has one ledger row, whether the job loses its task manager at a random point (and restores source
 * positions, dedupe state, in-flight fetches and the Iceberg committer from a checkpoint) or S3 drops a
 * connection in the middle of a download.
 *
 * <p>The failure point is random but seeded; rerun a failure with {@code -Dtrailstream.it.seed=<seed printed>}.
 */
class ExactlyOnceITCase {
    private static final String BUCKET = "trail-bucket";
    private static final long SEED = Long.getLong("trailstream.it.seed", System.nanoTime());

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

    private static final Integration ACME = Integration.of("acme", BUCKET, null);

    @Test
    void losingTheTaskManagerMidStreamLosesAndDuplicatesNothing(
            @InjectMiniCluster MiniCluster cluster, @TempDir Path warehouse) throws Exception {
        System.out.println("ExactlyOnceITCase seed " + SEED + " (rerun with -Dtrailstream.it.seed=" + SEED + ")");
        Scenario scenario = new Scenario(KINESIS, S3, BUCKET, SEED, "tm-loss", 80, 20, 60, 12);
        // SplittableRandom mixes the seed: java.util.Random's first double barely differs for seeds 1, 2, 3.
        int failAt = (int) Math.round(scenario.objects.size() * (0.4 + 0.3 * new SplittableRandom(SEED).nextDouble()));
        System.out.printf(
                "ExactlyOnceITCase: %d objects, %d records; the task manager is lost at GetObject #%d%n",
                scenario.objects.size(), scenario.recordCount(), failAt);

        CountDownLatch reached = new CountDownLatch(1);
        try (FaultInjectingProxy proxy = new FaultInjectingProxy(S3.endpoint())) {
            proxy.delay(Duration.ofMillis(150)).onRequest(n -> {
                if (n == failAt) reached.countDown();
            });
            Configuration conf = jobConfiguration(scenario.stream, warehouse, proxy);
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(500));

            JobClient job = start(conf);
            Thread producer = scenario.publishGradually(4, Duration.ofMillis(150));
            try (Warehouse tables = new Warehouse(conf)) {
                assertThat(reached.await(60, TimeUnit.SECONDS))
                        .as("GetObject #%d reached", failAt)
                        .isTrue();
                // Not before a checkpoint has committed data: the restore must have source positions, dedupe
                // state and in-flight fetches to restore, not start from nothing.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (tables.count("objects") == 0 && System.nanoTime() < deadline) Thread.sleep(20);
                int lostAt = proxy.requests();
                Map<String, Long> before = Map.of("objects", tables.count("objects"), "events", tables.count("events"));
                cluster.terminateTaskManager(0).get(30, TimeUnit.SECONDS);
                cluster.startTaskManager();
                System.out.printf(
                        "ExactlyOnceITCase: task manager lost at GetObject #%d with %s committed%n", lostAt, before);
                assertThat(before.get("objects"))
                        .as("ledger rows committed when the task manager was lost")
                        .isPositive()
                        .isLessThan(scenario.ledgerRows());

                Map<String, Long> expected = scenario.expectedCounts();
                Map<String, Long> seen = JobRuns.awaitCounts(job, tables, expected, Duration.ofSeconds(60));
                producer.join(10_000);
                System.out.printf(
                        "ExactlyOnceITCase: %s of %s committed; %d GetObject requests for %d objects%n",
                        seen, expected, proxy.requests(), scenario.objects.size());
                List<Integer> attempts = attemptNumbers(cluster, job.getJobID());
                JobRuns.settleAndCancel(job, new CompletedCheckpoints(cluster), tables, expected.keySet());

                assertThat(attempts)
                        .as("attempt number of every task: all were restarted once")
                        .containsOnly(1);
                assertThat(proxy.requests())
                        .as("objects fetched again after the restore")
                        .isGreaterThan(scenario.objects.size());
                scenario.assertExactlyOnce(tables);
                assertCommittedByCheckpoints(tables, job.getJobID());
            }
        }
    }

    @Test
    void aDownloadCutOffMidObjectIsReadAgainNotRecordedPartial(
            @InjectMiniCluster MiniCluster cluster, @TempDir Path warehouse) throws Exception {
        Scenario scenario = new Scenario(KINESIS, S3, BUCKET, SEED + 1, "cut-body", 12, 150, 250, 0);
        try (FaultInjectingProxy proxy = new FaultInjectingProxy(S3.endpoint())) {
            double[] shares = {0.5, 0.25, 0.75};
            for (int i = 0; i < shares.length; i++) {
                proxy.failFirstRequestTo(
                        "/" + BUCKET + "/" + scenario.objects.get(i * 4).key, Fault.cutBody(shares[i]));
            }
            Configuration conf = jobConfiguration(scenario.stream, warehouse, proxy);
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
            JobClient job = start(conf);
            scenario.publishGradually(100, Duration.ZERO).join(30_000);
            try (Warehouse tables = new Warehouse(conf)) {
                Map<String, Long> expected = scenario.expectedCounts();
                Map<String, Long> seen = JobRuns.awaitCounts(job, tables, expected, Duration.ofSeconds(30));
                System.out.printf(
                        "ExactlyOnceITCase: %s of %s committed; %d GetObject requests, %d cut%n",
                        seen, expected, proxy.requests(), proxy.injected());
                JobRuns.settleAndCancel(job, new CompletedCheckpoints(cluster), tables, expected.keySet());
                assertThat(proxy.injected()).as("downloads cut off").isEqualTo(3);
                assertThat(proxy.requests())
                        .as("GetObject requests: each object once, the cut ones twice")
                        .isEqualTo(scenario.objects.size() + 3);
                scenario.assertExactlyOnce(tables);
            }
        }
    }

    // --------------------------------------------------------------------------------------------------

    private static Configuration jobConfiguration(String stream, Path warehouse, FaultInjectingProxy proxy) {
        Configuration conf = new Configuration();
        conf.addAll(S3.configuration());
        conf.set(ObjectStoreOptions.ENDPOINT, proxy.endpoint().toString());
        KINESIS.sourceOptions(stream)
                .forEach((k, v) -> conf.setString(InputSources.NOTIFICATIONS_KINESIS_PREFIX + k, v));
        conf.setString(InputSources.NOTIFICATIONS_KINESIS_PREFIX + "source.shard.discovery.interval", "1s");
        conf.set(CatalogOptions.WAREHOUSE, warehouse.toString());
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(500));
        conf.set(TrailstreamOptions.FETCH_CONCURRENCY, 2);
        conf.set(TrailstreamOptions.FETCH_THREADS, 2);
        return conf;
    }

    private static JobClient start(Configuration conf) throws Exception {
        StreamExecutionEnvironment env = TrailstreamJob.environment(conf);
        env.setParallelism(2);
        new TrailstreamTopology(new JobConfig(conf, List.of(ACME))).build(env);
        return env.executeAsync("exactly-once-it");
    }

    private static List<Integer> attemptNumbers(MiniCluster cluster, JobID job) throws Exception {
        List<Integer> attempts = new ArrayList<>();
        for (AccessExecutionVertex v :
                cluster.getExecutionGraph(job).get(10, TimeUnit.SECONDS).getAllExecutionVertices()) {
            attempts.add(v.getCurrentExecutionAttempt().getAttemptNumber());
        }
        return attempts;
    }

    /**
     * Every snapshot of the data tables was committed by this job's Iceberg committer for a completed checkpoint,
     * in checkpoint order: none twice, none out of order across the restore.
     */
    private static void assertCommittedByCheckpoints(Warehouse tables, JobID job) {
        for (String table : List.of("events", "objects")) {
            List<Snapshot> snapshots = tables.snapshots(table);
            assertThat(snapshots).as("snapshots of %s", table).isNotEmpty();
            long previous = -1;
            for (Snapshot s : snapshots) {
                Map<String, String> summary = s.summary();
                assertThat(summary)
                        .as("summary of %s snapshot %d", table, s.snapshotId())
                        .containsKey("flink.max-committed-checkpoint-id")
                        .containsEntry("flink.job-id", job.toHexString());
                long checkpoint = Long.parseLong(summary.get("flink.max-committed-checkpoint-id"));
                assertThat(checkpoint)
                        .as("checkpoint of %s snapshot %d after checkpoint %d", table, s.snapshotId(), previous)
                        .isGreaterThan(previous);
                previous = checkpoint;
            }
        }
    }
}
