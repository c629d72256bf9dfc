package io.trailstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.cli.TrailstreamCommand;
import io.trailstream.iceberg.CatalogOptions;
import io.trailstream.iceberg.TableDefinition;
import io.trailstream.iceberg.TrailTables;
import io.trailstream.iceberg.WriteOptions;
import io.trailstream.maintenance.MaintenanceOptions;
import io.trailstream.maintenance.RestorePoint;
import io.trailstream.maintenance.TaskOutcomes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Table upkeep on tables a running job wrote with many small commits: {@code trailstream maintain} leaves fewer,
 * larger files, a bounded history and no orphan, every table holds the same rows, and the job restores from its
 * last retained checkpoint afterwards without a record twice; the maintenance attached to the job does the same
 * while the job runs.
 */
class MaintenanceITCase {
    private static final int RECORDS = 25;

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(reporting())
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(4)
            .build());

    @Test
    void maintainCompactsExpiresAndRemovesOrphansAndTheJobRestoresAfterIt(@TempDir Path dir) throws Exception {
        Configuration catalog = new Configuration();
        catalog.set(CatalogOptions.WAREHOUSE, dir.resolve("warehouse").toString());
        TrailDrip trail = new TrailDrip("acme", dir.resolve("bucket"), dir.resolve("staging"), "111122223333");
        trail.prepare(new TrailData(20261202L), 16, RECORDS);
        Configuration conf = trail.watching(catalog);
        // The hash distribution: each commit adds at most one file per partition, which the test checks below.
        conf.set(WriteOptions.DISTRIBUTION_MODE, WriteOptions.Distribution.HASH);
        conf.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                dir.resolve("checkpoints").toUri().toString());
        conf.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);

        JobClient job = trail.start(conf);
        try (Warehouse tables = new Warehouse(catalog)) {
            trail.drip(tables, job, 2, 12);
        } finally {
            job.cancel().get(1, TimeUnit.MINUTES);
        }

        Map<String, List<String>> rowsBefore;
        int filesBefore;
        int partitions;
        int snapshotsBefore;
        try (Warehouse tables = new Warehouse(catalog)) {
            rowsBefore = allRows(tables);
            Table events = tables.table("events");
            filesBefore = dataFiles(events).size();
            partitions = (int) dataFiles(events).stream()
                    .map(f -> f.partition().toString())
                    .distinct()
                    .count();
            snapshotsBefore = tables.snapshots("events").size();
            assertAtMostOneFilePerPartitionPerCommit(events);
        }
        assertThat(filesBefore).as("a small file per commit").isGreaterThanOrEqualTo(6);
        Path data = dir.resolve("warehouse/cloudtrail/events/data");
        Path oldOrphan = Files.write(data.resolve("orphan-of-a-failed-write.parquet"), new byte[] {1, 2, 3});
        Files.setLastModifiedTime(oldOrphan, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        Path youngFile = Files.write(data.resolve("being-written-for-a-checkpoint.parquet"), new byte[] {4, 5, 6});

        Path config = Files.writeString(
                dir.resolve("maintain.yaml"),
                "catalog:\n  warehouse: " + dir.resolve("warehouse") + "\n"
                        + "maintenance:\n"
                        + "  expire:\n    max-age: 1 ms\n    retain-last: 3\n"
                        + "  rewrite:\n    min-input-files: 2\n"
                        + "  orphans:\n    min-age: 1 h\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = TrailstreamCommand.execute(
                new PrintWriter(out, true), new PrintWriter(err, true), "maintain", "--config", config.toString());
        System.out.println(out);
        assertThat(exit).as("exit code of maintain; err: %s; out: %s", err, out).isZero();
        assertThat(out.toString())
                .contains("rewrite ok", "expire ok", "orphans ok")
                .contains("Maintenance done.");

        try (Warehouse tables = new Warehouse(catalog)) {
            assertThat(allRows(tables)).as("every table holds the same rows").isEqualTo(rowsBefore);
            Table events = tables.table("events");
            List<DataFile> files = dataFiles(events);
            assertThat(files)
                    .as("events: one file per partition")
                    .hasSizeLessThan(filesBefore)
                    .hasSize(partitions);
            long largest = files.stream().mapToLong(DataFile::recordCount).max().orElse(0);
            assertThat(largest).as("records in the largest file").isGreaterThan(RECORDS * 6L);
            List<Snapshot> history = tables.snapshots("events");
            assertThat(history)
                    .as("bounded history")
                    .hasSizeLessThan(snapshotsBefore)
                    .hasSize(3);
            assertThat(events.currentSnapshot().operation()).isEqualTo(DataOperations.REPLACE);
            assertThat(RestorePoint.depthOfNewestWriterSnapshot(events))
                    .as("the job's newest commit is still in the history a restore walks")
                    .isBetween(1, 3);
        }
        assertThat(oldOrphan).as("an old orphan is deleted").doesNotExist();
        assertThat(youngFile).as("a file younger than min-age is kept").exists();
        Files.delete(youngFile);

        // The job restores from its last retained checkpoint and goes on: no record is committed twice.
        Configuration restored = trail.watching(catalog);
        restored.set(WriteOptions.DISTRIBUTION_MODE, WriteOptions.Distribution.HASH);
        restored.set(StateRecoveryOptions.SAVEPOINT_PATH, latestCheckpoint(dir.resolve("checkpoints")));
        JobClient again = trail.start(restored);
        try (Warehouse tables = new Warehouse(catalog)) {
            trail.drip(tables, again, 2);
        } finally {
            again.cancel().get(1, TimeUnit.MINUTES);
        }
        CatalogJobRun.assertLanded(CatalogJobRun.read(catalog), trail.trail());
    }

    @Test
    void theJobCompactsAndExpiresWhileItRuns(@TempDir Path dir) throws Exception {
        Configuration catalog = new Configuration();
        catalog.set(CatalogOptions.WAREHOUSE, dir.resolve("warehouse").toString());
        TrailDrip trail = new TrailDrip("acme", dir.resolve("bucket"), dir.resolve("staging"), "444455556666")
                .countingTableTotals();
        trail.prepare(new TrailData(20261203L), 12, RECORDS);
        Configuration conf = trail.watching(catalog);
        conf.set(MaintenanceOptions.ENABLED, true);
        conf.set(MaintenanceOptions.TABLES, List.of("events", "objects"));
        conf.set(MaintenanceOptions.RATE_LIMIT, Duration.ofMillis(500));
        conf.set(MaintenanceOptions.LOCK_CHECK_DELAY, Duration.ofMillis(200));
        conf.set(MaintenanceOptions.REWRITE_COMMITS, 3);
        conf.set(MaintenanceOptions.REWRITE_MIN_INPUT_FILES, 2);
        conf.set(MaintenanceOptions.EXPIRE_INTERVAL, Duration.ofSeconds(1));
        conf.set(MaintenanceOptions.EXPIRE_MAX_AGE, Duration.ofMillis(1));
        conf.set(MaintenanceOptions.EXPIRE_RETAIN_LAST, 4);

        JobClient job = trail.start(conf);
        try (Warehouse tables = new Warehouse(catalog)) {
            trail.drip(tables, job, 1);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            List<Snapshot> history = tables.snapshots("events");
            while (System.nanoTime() < deadline && !(compacted(history) && history.size() <= 4)) {
                Thread.sleep(100);
                history = tables.snapshots("events");
            }
            assertThat(compacted(history))
                    .as("a compaction committed: %s", operations(history))
                    .isTrue();
            assertThat(history)
                    .as("expired down to retain-last: %s", operations(history))
                    .hasSizeLessThanOrEqualTo(4);
        } finally {
            job.cancel().get(1, TimeUnit.MINUTES);
        }
        CatalogJobRun.assertLanded(CatalogJobRun.read(catalog), trail.trail());
    }

    private static boolean compacted(List<Snapshot> history) {
        return history.stream().anyMatch(s -> DataOperations.REPLACE.equals(s.operation()));
    }

    private static List<String> operations(List<Snapshot> history) {
        List<String> ops = new ArrayList<>();
        history.forEach(s -> ops.add(s.operation() + ":" + s.summary().get("added-data-files")));
        return ops;
    }

    /** Hash distribution: each of the job's commits adds at most one data file to any partition. */
    private static void assertAtMostOneFilePerPartitionPerCommit(Table events) {
        for (Snapshot s : events.snapshots()) {
            Map<Object, Integer> perPartition = new HashMap<>();
            for (DataFile f : s.addedDataFiles(events.io())) perPartition.merge(f.partition(), 1, Integer::sum);
            assertThat(perPartition.values())
                    .as("files per partition added by snapshot %s", s.snapshotId())
                    .allMatch(n -> n == 1);
        }
    }

    private static List<DataFile> dataFiles(Table table) throws Exception {
        List<DataFile> files = new ArrayList<>();
        try (var tasks = table.newScan().planFiles()) {
            tasks.forEach(t -> files.add(t.file()));
        }
        return files;
    }

    /** Every table's rows as sorted text, to compare before and after. */
    private static Map<String, List<String>> allRows(Warehouse tables) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (TableDefinition def : TrailTables.all()) {
            List<String> rows = new ArrayList<>();
            for (Record r : tables.rows(def.name())) rows.add(r.toString());
            rows.sort(Comparator.naturalOrder());
            out.put(def.name(), rows);
        }
        return out;
    }

    private static String latestCheckpoint(Path checkpoints) throws Exception {
        try (Stream<Path> paths = Files.walk(checkpoints, 2)) {
            return paths.filter(
                            p -> p.getFileName().toString().startsWith("chk-") && Files.exists(p.resolve("_metadata")))
                    .max(Comparator.comparingLong(
                            p -> Long.parseLong(p.getFileName().toString().substring(4))))
                    .orElseThrow(() -> new AssertionError("no retained checkpoint under " + checkpoints))
                    .toUri()
                    .toString();
        }
    }

    private static Configuration reporting() {
        Configuration conf = new Configuration();
        TaskOutcomes.configure(conf);
        return conf;
    }
}
