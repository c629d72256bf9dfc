package io.trailstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailstream.cluster.ClusterProcess;
import io.trailstream.cluster.LocalCluster;
import io.trailstream.control.Integration;
import io.trailstream.testing.FaultInjectingProxy;
import io.trailstream.testing.KinesisEmulator;
import io.trailstream.testing.S3Emulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The JobManager JVM killed with SIGKILL mid-stream and started again on the same checkpoint storage, with
 * ZooKeeper HA: the new JobManager recovers the same job (same job id) from the HA store and its latest
 * completed checkpoint, the TaskManagers rejoin it, and every record still lands once.
 *
 * <p>Rerun a failure with {@code -Dtrailstream.it.seed=<seed printed>}.
 */
class JobManagerFailoverClusterIT {
    private static final String BUCKET = "trail-bucket";
    private static final long SEED = Long.getLong("trailstream.it.seed", System.nanoTime());
    private static final Integration ACME = Integration.of("acme", BUCKET, null);

    @RegisterExtension
    @Order(1)
    static final KinesisEmulator KINESIS = KinesisEmulator.shared();

    @RegisterExtension
    @Order(2)
    static final S3Emulator S3 = new S3Emulator(BUCKET);

    @Test
    void aJobManagerKilledMidStreamIsRecoveredFromHaAndTheLatestCheckpoint() throws Exception {
        System.out.println(
                "JobManagerFailoverClusterIT seed " + SEED + " (rerun with -Dtrailstream.it.seed=" + SEED + ")");
        LocalCluster cluster = SharedCluster.get(JobManagerFailoverClusterIT.class);
        Scenario scenario = new Scenario(KINESIS, S3, BUCKET, SEED, "cluster-jm-loss-" + SEED, 60, 20, 60, 10);
        int failAt = (int) Math.round(scenario.objects.size() * (0.4 + 0.3 * new SplittableRandom(SEED).nextDouble()));
        System.out.printf(
                "JobManagerFailoverClusterIT: %d objects, %d records; the JobManager is SIGKILLed at GetObject #%d%n",
                scenario.objects.size(), scenario.recordCount(), failAt);

        Path dir = cluster.layout().root().resolve("jobs/jm-loss-" + SEED);
        CountDownLatch reached = new CountDownLatch(1);
        try (FaultInjectingProxy proxy = new FaultInjectingProxy(S3.endpoint())) {
            proxy.delay(Duration.ofMillis(100)).onRequest(n -> {
                if (n == failAt) reached.countDown();
            });
            Map<String, String> options =
                    ClusterJobs.jobOptions(KINESIS, scenario.stream, S3, proxy.endpoint(), dir.resolve("warehouse"));
            Path config = ClusterJobs.writeJobConfig(dir.resolve("job.yaml"), options, List.of(ACME));
            RestJobClient job = ClusterJobs.submit(cluster, config, 2, null);
            try (Warehouse tables = new Warehouse(ClusterJobs.configuration(options))) {
                Thread producer = scenario.publishGradually(2, Duration.ofMillis(400));
                assertThat(reached.await(3, TimeUnit.MINUTES))
                        .as("GetObject #%d reached", failAt)
                        .isTrue();
                cluster.rest().awaitCompletedCheckpoints(job.id(), 1, Duration.ofMinutes(2));
                JobRuns.awaitCounts(job, tables, Map.of("objects", 1L), Duration.ofMinutes(2));
                long checkpointsBefore = cluster.rest().completedCheckpoints(job.id());
                Map<String, Long> before = Map.of("objects", tables.count("objects"), "events", tables.count("events"));
                ClusterProcess old = cluster.jobManager();
                old.kill();
                System.out.printf(
                        "JobManagerFailoverClusterIT: JobManager (pid %d) killed at GetObject #%d after %d checkpoints,"
                                + " %s committed%n",
                        old.pid(), proxy.requests(), checkpointsBefore, before);
                assertThat(cluster.taskManager(1).isAlive()
                                && cluster.taskManager(2).isAlive())
                        .as("TaskManagers outlive the JobManager")
                        .isTrue();
                ClusterProcess fresh = cluster.startJobManager();
                cluster.rest().awaitJobState(job.id(), "RUNNING", Duration.ofMinutes(3));
                cluster.awaitTaskManagers(SharedCluster.TASK_MANAGERS);

                Map<String, Long> expected = scenario.expectedCounts();
                Map<String, Long> seen = JobRuns.awaitCounts(job, tables, expected, Duration.ofMinutes(4));
                producer.join(60_000);
                JsonNode restored =
                        cluster.rest().checkpoints(job.id()).path("latest").path("restored");
                System.out.printf(
                        "JobManagerFailoverClusterIT: new JobManager pid %d restored checkpoint %s (%s); %s of %s"
                                + " committed%n",
                        fresh.pid(),
                        restored.path("id"),
                        restored.path("external_path").asText(),
                        seen,
                        expected);
                cluster.rest()
                        .awaitCompletedCheckpoints(
                                job.id(), cluster.rest().completedCheckpoints(job.id()) + 2, Duration.ofMinutes(1));
                job.cancel().get(2, TimeUnit.MINUTES);

                assertThat(restored.path("id").asLong())
                        .as(
                                "checkpoint the recovered job restored (of %d completed before the kill)",
                                checkpointsBefore)
                        .isPositive();
                scenario.assertExactlyOnce(tables);
            } finally {
                TaskManagerLossClusterIT.cancelQuietly(job);
            }
        }
    }
}
