package io.trailstream.iceberg;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.DeleteFiles;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes an offboarded integration's records from the tables that hold them ({@code events} and
 * {@code insights}), for {@code trailstream integration purge}. Both tables are partitioned by
 * {@code identity(integration_id)}, so each data file holds the rows of one integration and the delete drops
 * whole files: one metadata-only commit ({@code DeleteFiles} with a row filter), no file rewritten, every other
 * integration's files untouched. Iceberg refuses a file only some of whose rows match (a table whose partition
 * spec was changed by hand); then nothing is committed and the error says so.
 *
 * <p>The filter is evaluated again on each commit attempt, so a concurrent commit (the job appending, maintenance
 * compacting) is never lost and cannot bring the rows back: Iceberg retries on a stale base, and an explicit
 * retry follows a {@link CommitFailedException} that outlasts its retries.
 */
public final class IntegrationPurge {
    private static final Logger LOG = LoggerFactory.getLogger(IntegrationPurge.class);

    /** The tables an integration's records are in; the ledger and the audit keep their rows. */
    public static final List<String> TABLES = List.of(TrailTables.EVENTS.name(), TrailTables.INSIGHTS.name());

    /** The snapshot summary property naming the integration a purge commit removed. */
    public static final String SUMMARY_INTEGRATION = "trailstream.purged-integration";

    private static final String SUMMARY_RUN = "trailstream.purge-run";
    private static final int ATTEMPTS = 3;

    /** The data files and records of the integration in one table: found (a dry run) or removed. */
    public record Count(String table, long files, long records) {}

    private IntegrationPurge() {}

    /** What the table holds of the integration now (records as the data files count them). */
    public static Count find(Table table, String integrationId) throws IOException {
        long files = 0;
        long records = 0;
        try (CloseableIterable<FileScanTask> tasks =
                table.newScan().filter(filter(integrationId)).ignoreResiduals().planFiles()) {
            for (FileScanTask task : tasks) {
                files++;
                records += task.file().recordCount();
            }
        }
        return new Count(shortName(table), files, records);
    }

    /**
     * Deletes the integration's files from the table and returns what the commit removed; commits nothing when
     * the table holds none of them.
     *
     * @throws org.apache.iceberg.exceptions.ValidationException when a data file holds rows of several integrations
     * @throws CommitFailedException when every attempt met a conflicting commit
     */
    public static Count delete(Table table, String integrationId) throws IOException {
        for (int attempt = 1; ; attempt++) {
            table.refresh();
            if (find(table, integrationId).files() == 0) return new Count(shortName(table), 0, 0);
            String run = UUID.randomUUID().toString();
            DeleteFiles delete = table.newDelete()
                    .deleteFromRowFilter(filter(integrationId))
                    .set(SUMMARY_INTEGRATION, integrationId)
                    .set(SUMMARY_RUN, run);
            try {
                delete.commit();
            } catch (CommitFailedException e) {
                if (attempt >= ATTEMPTS) throw e;
                LOG.warn(
                        "Purge of integration {} from {}: commit attempt {} conflicted ({}); trying again",
                        integrationId,
                        table.name(),
                        attempt,
                        e.getMessage());
                continue;
            }
            return committed(table, run);
        }
    }

    /** The counts in the summary of the snapshot our commit made (the newest, unless another commit followed). */
    private static Count committed(Table table, String run) {
        for (Snapshot s = table.currentSnapshot();
                s != null;
                s = s.parentId() == null ? null : table.snapshot(s.parentId())) {
            Map<String, String> summary = s.summary();
            if (run.equals(summary.get(SUMMARY_RUN))) {
                return new Count(
                        shortName(table),
                        count(summary, SnapshotSummary.DELETED_FILES_PROP),
                        count(summary, SnapshotSummary.DELETED_RECORDS_PROP));
            }
        }
        throw new IllegalStateException("the purge commit of " + table.name() + " is not in its history");
    }

    private static long count(Map<String, String> summary, String key) {
        String v = summary.get(key);
        return v == null ? 0 : Long.parseLong(v);
    }

    private static Expression filter(String integrationId) {
        return Expressions.equal("integration_id", integrationId);
    }

    private static String shortName(Table table) {
        String name = table.name();
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
