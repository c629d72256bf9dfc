package io.trailstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.cluster.ClusterConfigFile;
import io.trailstream.cluster.LocalCluster;
import io.trailstream.control.Integration;
import io.trailstream.testing.FaultInjectingProxy;
import io.trailstream.testing.KinesisEmulator;
import io.trailstream.testing.ObservabilityFiles;
import io.trailstream.testing.S3Emulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Exactly once across processes: a TaskManager JVM of a standalone cluster is killed with SIGKILL at a random
 * point mid-stream (GetObject #n, seeded) and started again; the job restores from its last RocksDB checkpoint
 * and every record lands in {@code events} once, every object has one ledger row. The job was submitted as a
 * user submits it (REST jar upload and run), and its metrics are scraped from the Prometheus endpoints.
 *
 * <p>Rerun a failure with {@code -Dtrailstream.it.seed=<seed printed>}.
 */
class TaskManagerLossClusterIT {
    private static final String BUCKET = "trail-bucket";
    private static final long SEED = Long.getLong("trailstream.it.seed", System.nanoTime());
    private static final Integration ACME = Integration.of("acme", BUCKET, null);
    private static final Path PROJECT = Path.of(System.getProperty("trailstream.project.dir", "."));

    @RegisterExtension
    @Order(1)
    static final KinesisEmulator KINESIS = KinesisEmulator.shared();

    @RegisterExtension
    @Order(2)
    static final S3Emulator S3 = new S3Emulator(BUCKET);

    @Test
    void aTaskManagerKilledMidStreamLosesAndDuplicatesNothing() throws Exception {
        System.out.println(
                "TaskManagerLossClusterIT seed " + SEED + " (rerun with -Dtrailstream.it.seed=" + SEED + ")");
        LocalCluster cluster = SharedCluster.get(TaskManagerLossClusterIT.class);
        KinesisEmulator kinesis = KINESIS;
        Scenario scenario = new Scenario(kinesis, S3, BUCKET, SEED, "cluster-tm-loss-" + SEED, 60, 20, 60, 10);
        SplittableRandom random = new SplittableRandom(SEED);
        int failAt = (int) Math.round(scenario.objects.size() * (0.4 + 0.3 * random.nextDouble()));
        double victimDraw = random.nextDouble();
        System.out.printf(
                "TaskManagerLossClusterIT: %d objects, %d records; a TaskManager is SIGKILLed at GetObject #%d%n",
                scenario.objects.size(), scenario.recordCount(), failAt);

        Path dir = cluster.layout().root().resolve("jobs/tm-loss-" + SEED);
        CountDownLatch reached = new CountDownLatch(1);
        try (FaultInjectingProxy proxy = new FaultInjectingProxy(S3.endpoint())) {
            proxy.delay(Duration.ofMillis(100)).onRequest(n -> {
                if (n == failAt) reached.countDown();
            });
            Map<String, String> options =
                    ClusterJobs.jobOptions(kinesis, scenario.stream, S3, proxy.endpoint(), dir.resolve("warehouse"));
            Path config = ClusterJobs.writeJobConfig(dir.resolve("job.yaml"), options, List.of(ACME));
            RestJobClient job = ClusterJobs.submit(cluster, config, 2, null);
            try (Warehouse tables = new Warehouse(ClusterJobs.configuration(options))) {
                Thread producer = scenario.publishGradually(2, Duration.ofMillis(400));
                assertThat(reached.await(3, TimeUnit.MINUTES))
                        .as("GetObject #%d reached", failAt)
                        .isTrue();
                // Only once a checkpoint has committed data: the restore then has state to restore.
                cluster.rest().awaitCompletedCheckpoints(job.id(), 1, Duration.ofMinutes(2));
                JobRuns.awaitCounts(job, tables, Map.of("objects", 1L), Duration.ofMinutes(2));
                Map<String, Long> before = Map.of("objects", tables.count("objects"), "events", tables.count("events"));
                int lostAt = proxy.requests();
                List<Integer> hosts = hostsOf(job);
                int victim = hosts.get((int) (victimDraw * hosts.size()));
                cluster.taskManager(victim).kill();
                System.out.printf(
                        "TaskManagerLossClusterIT: taskmanager-%d killed at GetObject #%d with %s committed%n",
                        victim, lostAt, before);
                cluster.startTaskManager(victim);
                cluster.awaitTaskManagers(SharedCluster.TASK_MANAGERS);
                assertThat(before.get("objects"))
                        .as("ledger rows committed when the TaskManager was killed")
                        .isLessThan(scenario.ledgerRows());

                Map<String, Long> expected = scenario.expectedCounts();
                Map<String, Long> seen = JobRuns.awaitCounts(job, tables, expected, Duration.ofMinutes(4));
                // Scraped after the restore: the restored subtasks serve the integration's series from their start.
                List<String> metrics = prometheusSeries();
                producer.join(60_000);
                long restarts = ClusterJobs.restarts(job);
                System.out.printf(
                        "TaskManagerLossClusterIT: %s of %s committed; %d restart(s); %d GetObject requests for %d"
                                + " objects%n",
                        seen, expected, restarts, proxy.requests(), scenario.objects.size());
                cluster.rest()
                        .awaitCompletedCheckpoints(
                                job.id(), cluster.rest().completedCheckpoints(job.id()) + 2, Duration.ofMinutes(1));
                job.cancel().get(2, TimeUnit.MINUTES);

                assertThat(restarts)
                        .as("job restarts after the TaskManager was lost")
                        .isGreaterThanOrEqualTo(1);
                assertThat(proxy.requests())
                        .as("objects fetched again after the restore")
                        .isGreaterThan(scenario.objects.size());
                scenario.assertExactlyOnce(tables);
                assertJobSeries(metrics);
            } finally {
                cancelQuietly(job);
            }
        }
    }

    /** The TaskManagers (by index) that run tasks of the job: killing one of them fails the job. */
    private static List<Integer> hostsOf(RestJobClient job) {
        java.util.Set<Integer> hosts = new java.util.TreeSet<>();
        for (var vertex : job.rest().get("/jobs/" + job.id()).path("vertices")) {
            String path = "/jobs/" + job.id() + "/vertices/" + vertex.path("id").asText() + "/taskmanagers";
            for (var tm : job.rest().get(path).path("taskmanagers")) {
                String id = tm.path("taskmanager-id").asText();
                if (id.startsWith("taskmanager-")) hosts.add(Integer.parseInt(id.substring("taskmanager-".length())));
            }
        }
        assertThat(hosts).as("TaskManagers running the job").isNotEmpty();
        return new java.util.ArrayList<>(hosts);
    }

    /** The job's own series, as Prometheus would scrape them from the TaskManagers. */
    private static List<String> prometheusSeries() {
        String[] range = ClusterConfigFile.PROMETHEUS_PORTS.split("-");
        return ClusterJobs.scrapePrometheus(Integer.parseInt(range[0]), Integer.parseInt(range[1])).stream()
                .filter(l -> !l.startsWith("#"))
                .collect(Collectors.toList());
    }

    private static void assertJobSeries(List<String> series) throws java.io.IOException {
        // The metric names seen, for writing dashboards and alerts against (target/cluster-it/).
        java.nio.file.Files.write(
                SharedCluster.get(TaskManagerLossClusterIT.class)
                        .layout()
                        .root()
                        .resolveSibling("prometheus-metric-names.txt"),
                series.stream()
                        .map(l -> l.replaceAll("[{ ].*", ""))
                        .distinct()
                        .sorted()
                        .collect(Collectors.toList()));
        assertThat(series)
                .as("Prometheus series of the job")
                .anyMatch(l ->
                        l.startsWith("flink_taskmanager_job_task_operator_trailstream_notifications_objects_total{"))
                .anyMatch(l -> l.startsWith(
                                "flink_taskmanager_job_task_operator_trailstream_integration_decision_objects_total{")
                        && l.contains("integration=\"acme\"")
                        && l.contains("decision=\"fetch\""))
                .anyMatch(l -> l.startsWith(
                                "flink_taskmanager_job_task_operator_trailstream_integration_outcome_objects_total{")
                        && l.contains("integration=\"acme\"")
                        && l.contains("outcome=\"ingested\""))
                .anyMatch(l -> l.startsWith(
                                "flink_taskmanager_job_task_operator_trailstream_kinesis_stream_shard_millis_behind_latest{")
                        // Flink's reporter writes label values with _ for what Prometheus names cannot hold
                        && l.contains("shard=\"shardId_"))
                .anyMatch(l -> l.startsWith("flink_jobmanager_job_numberOfCompletedCheckpoints{"));
        java.util.Set<String> served = series.stream()
                .map(l -> l.replaceAll("[{ ].*", ""))
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        java.util.Set<String> used = new java.util.TreeSet<>(ObservabilityFiles.metricNames(PROJECT));
        // This job has no control stream: the control applier ends with its empty input, and its series with it.
        used.remove("flink_taskmanager_job_task_operator_trailstream_control_outcome_reason_messages_total");
        assertThat(served).as("series the dashboard and the alert rules use").containsAll(used);
        System.out.printf(
                "TaskManagerLossClusterIT: %d Prometheus series scraped, e.g.%n  %s%n",
                series.size(),
                series.stream()
                        .filter(l -> l.contains("_trailstream_integration_") || l.contains("millis_behind_latest"))
                        .limit(6)
                        .collect(Collectors.joining("\n  ")));
    }

    static void cancelQuietly(RestJobClient job) {
        try {
            if (!job.rest().jobState(job.id()).equals("CANCELED")) job.cancel().get(2, TimeUnit.MINUTES);
        } catch (Exception e) {
            // the job already ended, or the cluster is gone: nothing left running
        }
    }
}
