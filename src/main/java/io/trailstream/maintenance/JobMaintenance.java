package io.trailstream.maintenance;

import io.trailstream.iceberg.CatalogOptions;
import io.trailstream.iceberg.IcebergCatalogs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.flink.maintenance.api.TableMaintenance;

/**
 * Attaches Iceberg's Flink table maintenance to the job when {@code maintenance.enabled}: per table a monitor
 * source watching for commits, a trigger manager, and the compaction, expiry and orphan removal tasks, run one at
 * a time under the table's JDBC lock (the lock {@code trailstream maintain} takes too). Operator uids derive from
 * the table name, so savepoints keep restoring.
 */
public final class JobMaintenance {
    private JobMaintenance() {}

    /** Adds the maintenance of every configured table to {@code env}; does nothing when maintenance is off. */
    public static void attach(StreamExecutionEnvironment env, ReadableConfig conf, CatalogLoader catalog) {
        if (!conf.get(MaintenanceOptions.ENABLED)) return;
        long interval = env.getCheckpointConfig().getCheckpointInterval();
        MaintenanceSettings settings = MaintenanceSettings.from(
                conf,
                IcebergCatalogs.properties(conf),
                conf.get(CatalogOptions.TYPE) == CatalogOptions.CatalogType.JDBC,
                interval > 0 ? Duration.ofMillis(interval) : null);
        if (settings.scheduledTasks().isEmpty()) return;
        String namespace = conf.get(CatalogOptions.NAMESPACE);
        try {
            settings.createLockTable();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(
                    "cannot create the maintenance lock table in " + MaintenanceOptions.LOCK_JDBC_URI.key()
                            + " (default: catalog.uri): " + e.getMessage(),
                    e);
        }
        for (String table : settings.tables()) {
            TableLoader loader = TableLoader.fromCatalog(catalog, TableIdentifier.of(namespace, table));
            try {
                builder(env, loader, settings, namespace, table).append();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot set up the maintenance of " + namespace + "." + table, e);
            }
        }
    }

    // The lock-factory variant is deprecated in Iceberg 1.12 in favour of a lock held by an operator
    // coordinator, which cannot keep `trailstream maintain` (another job) off a table the job is maintaining.
    @SuppressWarnings("deprecation")
    private static TableMaintenance.Builder builder(
            StreamExecutionEnvironment env,
            TableLoader loader,
            MaintenanceSettings settings,
            String namespace,
            String table) {
        TableMaintenance.Builder builder = TableMaintenance.forTable(
                        env, loader, settings.lockFactory(namespace, table))
                .uidSuffix("trailstream-maintenance-" + table)
                .rateLimit(settings.rateLimit())
                .lockCheckDelay(settings.lockCheckDelay())
                .add(settings.scheduledTasks());
        if (settings.parallelism() != null) builder.parallelism(settings.parallelism());
        if (settings.slotSharingGroup() != null) builder.slotSharingGroup(settings.slotSharingGroup());
        return builder;
    }
}
