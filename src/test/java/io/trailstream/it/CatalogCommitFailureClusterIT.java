package io.trailstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.cluster.FlinkRestClient;
import io.trailstream.cluster.LocalCluster;
import io.trailstream.control.Integration;
import io.trailstream.iceberg.CatalogOptions;
import io.trailstream.testing.FaultInjectingJdbcDriver;
import io.trailstream.testing.FaultInjectingProxy;
import io.trailstream.testing.KinesisEmulator;
import io.trailstream.testing.S3Emulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An Iceberg commit of {@code events} that fails at the catalog, once before the catalog update (the
 * {@code UPDATE iceberg_tables} is refused) and once after it (the update is committed, the committer sees an
 * error): each failure fails the committing TaskManager task, the job restores from its checkpoint, the
 * committer commits what was not committed and skips what was ({@code flink.max-committed-checkpoint-id}), so
 * the counts are exact, no checkpoint's files are committed twice and no snapshot of the table points at
 * missing files. The refused attempt may leave its manifest list behind as an orphan file (in no snapshot).
 * The fault sits in a JDBC driver in front of SQLite in the TaskManager JVMs ({@link FaultInjectingJdbcDriver}).
 */
class CatalogCommitFailureClusterIT {
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
    void commitsFailingBeforeAndAfterTheCatalogUpdateCommitEveryRecordOnce() throws Exception {
        System.out.println(
                "CatalogCommitFailureClusterIT seed " + SEED + " (rerun with -Dtrailstream.it.seed=" + SEED + ")");
        LocalCluster cluster = SharedCluster.get(CatalogCommitFailureClusterIT.class);
        Path faults = SharedCluster.faults();
        Scenario scenario = new Scenario(KINESIS, S3, BUCKET, SEED, "cluster-commit-" + SEED, 60, 20, 60, 10);
        Path dir = cluster.layout().root().resolve("jobs/commit-" + SEED);
        Path warehouse = dir.resolve("warehouse");
        Files.createDirectories(warehouse);
        try (FaultInjectingProxy proxy = new FaultInjectingProxy(S3.endpoint())) {
            proxy.delay(Duration.ofMillis(100));
            Map<String, String> reading =
                    ClusterJobs.jobOptions(KINESIS, scenario.stream, S3, proxy.endpoint(), warehouse);
            Map<String, String> options = new LinkedHashMap<>(reading);
            String db = warehouse.resolve("catalog.db").toString();
            options.put(CatalogOptions.URI.key(), FaultInjectingJdbcDriver.PREFIX + "sqlite:" + db);
            options.put(CatalogOptions.PROPERTY_PREFIX + "jdbc.schema-version", "V1");
            options.put(CatalogOptions.PROPERTY_PREFIX + "jdbc.busy_timeout", "60000");
            options.put(CatalogOptions.PROPERTY_PREFIX + "jdbc.journal_mode", "WAL");
            reading.put(CatalogOptions.URI.key(), "jdbc:sqlite:" + db);
            Path config = ClusterJobs.writeJobConfig(dir.resolve("job.yaml"), options, List.of(ACME));
            RestJobClient job = ClusterJobs.submit(cluster, config, 2, null);
            try (Warehouse tables = new Warehouse(ClusterJobs.configuration(reading))) {
                Thread producer = scenario.publishGradually(3, Duration.ofMillis(100));
                for (boolean afterUpdate : new boolean[] {false, true}) {
                    JobRuns.awaitCounts(
                            job, tables, Map.of("events", tables.count("events") + 1), Duration.ofMinutes(2));
                    FaultInjectingJdbcDriver.arm(faults, "events", afterUpdate);
                    FlinkRestClient.awaitJson(
                            () -> cluster.rest().get("/jobs/" + job.id()),
                            j -> FaultInjectingJdbcDriver.injected(faults, "events", afterUpdate),
                            Duration.ofMinutes(2),
                            "the commit fault " + (afterUpdate ? "after" : "before") + " the catalog update");
                    System.out.printf(
                            "CatalogCommitFailureClusterIT: commit of events failed %s the catalog update with %d"
                                    + " events committed%n",
                            afterUpdate ? "after" : "before", tables.count("events"));
                    long restarts = afterUpdate ? 2 : 1;
                    FlinkRestClient.awaitJson(
                            () -> cluster.rest().get("/jobs/" + job.id() + "/metrics?get=numRestarts"),
                            m -> m.path(0).path("value").asLong() >= restarts,
                            Duration.ofMinutes(2),
                            restarts + " restarts");
                    cluster.rest().awaitAllTasksRunning(job.id(), Duration.ofMinutes(3));
                }
                Map<String, Long> expected = scenario.expectedCounts();
                Map<String, Long> seen = JobRuns.awaitCounts(job, tables, expected, Duration.ofMinutes(4));
                producer.join(60_000);
                cluster.rest()
                        .awaitCompletedCheckpoints(
                                job.id(), cluster.rest().completedCheckpoints(job.id()) + 2, Duration.ofMinutes(1));
                long restarts = ClusterJobs.restarts(job);
                job.cancel().get(2, TimeUnit.MINUTES);
                Table events = tables.table("events");
                Set<String> orphans = orphanManifestLists(events);
                System.out.printf(
                        "CatalogCommitFailureClusterIT: %s of %s committed; %d restarts; %d snapshots of events;"
                                + " manifest lists no snapshot references: %s%n",
                        seen, expected, restarts, tables.snapshots("events").size(), orphans);

                assertThat(restarts).as("restarts: one per failed commit").isGreaterThanOrEqualTo(2);
                scenario.assertExactlyOnce(tables);
                assertEachCheckpointCommittedOnce(tables);
                assertNoDanglingSnapshot(events);
                // The refused attempt's manifest list: Iceberg cannot tell a refused commit from a lost answer, so
                // it keeps the files; they are in no snapshot, and orphan-file removal deletes them.
                assertThat(orphans).as("manifest lists of no snapshot").hasSizeLessThanOrEqualTo(1);
            } finally {
                TaskManagerLossClusterIT.cancelQuietly(job);
            }
        }
    }

    /** Every snapshot of the data tables names a distinct, increasing checkpoint and its manifests are readable. */
    private static void assertEachCheckpointCommittedOnce(Warehouse tables) {
        for (String name : List.of("events", "objects")) {
            Table table = tables.table(name);
            long previous = -1;
            for (Snapshot s : tables.snapshots(name)) {
                long checkpoint = Long.parseLong(s.summary().get("flink.max-committed-checkpoint-id"));
                assertThat(checkpoint)
                        .as("checkpoint of %s snapshot %d after checkpoint %d", name, s.snapshotId(), previous)
                        .isGreaterThan(previous);
                previous = checkpoint;
                assertThat(s.allManifests(table.io()))
                        .as("manifests of %s snapshot %d", name, s.snapshotId())
                        .isNotEmpty();
            }
        }
    }

    /**
     * Every snapshot the table's metadata knows (its snapshots, its history, its branches) exists with its manifest
     * list on disk: no commit left the table pointing at files a failed attempt removed.
     */
    private static void assertNoDanglingSnapshot(Table table) {
        Set<Long> ids = new HashSet<>();
        for (Snapshot s : table.snapshots()) {
            ids.add(s.snapshotId());
            assertThat(Path.of(java.net.URI.create(s.manifestListLocation())))
                    .as("manifest list of snapshot %d", s.snapshotId())
                    .exists();
        }
        table.history()
                .forEach(h -> assertThat(ids)
                        .as("snapshot %d of the history", h.snapshotId())
                        .contains(h.snapshotId()));
        table.refs()
                .forEach((name, ref) ->
                        assertThat(ids).as("snapshot of branch %s", name).contains(ref.snapshotId()));
    }

    /** Manifest lists ({@code snap-*.avro}) in the table's metadata folder that no snapshot of the table references. */
    private static Set<String> orphanManifestLists(Table table) throws IOException {
        Set<String> referenced = new HashSet<>();
        table.snapshots()
                .forEach(s -> referenced.add(Path.of(java.net.URI.create(s.manifestListLocation()))
                        .getFileName()
                        .toString()));
        Path metadata = Path.of(java.net.URI.create(table.location())).resolve("metadata");
        try (Stream<Path> files = Files.list(metadata)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("snap-") && n.endsWith(".avro"))
                    .filter(n -> !referenced.contains(n))
                    .collect(Collectors.toSet());
        }
    }
}
