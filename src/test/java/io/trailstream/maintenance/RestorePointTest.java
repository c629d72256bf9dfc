package io.trailstream.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.SnapshotUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Why the one-off expiry keeps more than retain-last when it must: after the job's last commit came several
 * commits of others (compactions, a purge); expiring by retain-last alone would cut the history a restore walks
 * before it reaches the job's commit, and the restore would commit its checkpoint again.
 */
class RestorePointTest {
    private static final Schema SCHEMA = new Schema(Types.NestedField.required(1, "id", Types.LongType.get()));

    @TempDir
    Path dir;

    private JdbcCatalog catalog;
    private Table table;
    private int files;

    @BeforeEach
    void createTable() {
        catalog = new JdbcCatalog();
        catalog.initialize(
                "test",
                Map.of(
                        "uri",
                        "jdbc:sqlite:" + dir.resolve("catalog.db"),
                        "warehouse",
                        dir.resolve("warehouse").toUri().toString(),
                        "jdbc.schema-version",
                        "V1"));
        catalog.createNamespace(Namespace.of("ns"));
        table = catalog.createTable(TableIdentifier.of("ns", "t"), SCHEMA, PartitionSpec.unpartitioned());
    }

    @AfterEach
    void close() throws Exception {
        catalog.close();
    }

    @Test
    void theJobsNewestCommitIsKeptWhateverCameAfterIt() {
        for (int checkpoint = 1; checkpoint <= 3; checkpoint++) writerCommit(checkpoint);
        for (int i = 0; i < 5; i++) table.newAppend().appendFile(file()).commit(); // others' commits
        table.refresh();
        assertThat(RestorePoint.depthOfNewestWriterSnapshot(table)).isEqualTo(6);
        int retain = RestorePoint.retainLast(table, MaintenanceSettings.MIN_RETAIN_LAST);
        assertThat(retain).isEqualTo(6);

        table.expireSnapshots()
                .expireOlderThan(System.currentTimeMillis() + 1)
                .retainLast(retain)
                .commit();
        table.refresh();
        assertThat(newestCommittedCheckpoint(table)).as("what a restore finds").isEqualTo(3L);
    }

    @Test
    void retainLastAloneWouldLoseIt() {
        for (int checkpoint = 1; checkpoint <= 3; checkpoint++) writerCommit(checkpoint);
        for (int i = 0; i < 5; i++) table.newAppend().appendFile(file()).commit();
        table.expireSnapshots()
                .expireOlderThan(System.currentTimeMillis() + 1)
                .retainLast(MaintenanceSettings.MIN_RETAIN_LAST)
                .commit();
        table.refresh();
        assertThat(newestCommittedCheckpoint(table))
                .as("a restore would find no commit of the job")
                .isNull();
        assertThat(RestorePoint.depthOfNewestWriterSnapshot(table)).isZero();
    }

    @Test
    void aTableTheJobNeverWroteKeepsRetainLast() {
        table.newAppend().appendFile(file()).commit();
        table.refresh();
        assertThat(RestorePoint.retainLast(table, 5)).isEqualTo(5);
    }

    /** The walk Iceberg's Flink committer does on restore: parents from the current snapshot. */
    private static Long newestCommittedCheckpoint(Table table) {
        for (Snapshot s : SnapshotUtil.currentAncestors(table)) {
            String id = s.summary().get(RestorePoint.MAX_COMMITTED_CHECKPOINT_ID);
            if (id != null) return Long.parseLong(id);
        }
        return null;
    }

    private void writerCommit(long checkpoint) {
        table.newAppend()
                .appendFile(file())
                .set(RestorePoint.MAX_COMMITTED_CHECKPOINT_ID, String.valueOf(checkpoint))
                .set("flink.job-id", "job")
                .commit();
    }

    private DataFile file() {
        files++;
        return DataFiles.builder(PartitionSpec.unpartitioned())
                .withPath(dir.resolve("data-" + files + ".parquet").toString())
                .withFileSizeInBytes(10)
                .withRecordCount(1)
                .build();
    }
}
