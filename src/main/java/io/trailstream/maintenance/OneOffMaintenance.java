package io.trailstream.maintenance;

import io.trailstream.iceberg.CatalogOptions;
import io.trailstream.iceberg.IcebergCatalogs;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.flink.maintenance.api.JdbcLockFactory;
import org.apache.iceberg.flink.maintenance.api.MaintenanceTaskBuilder;
import org.apache.iceberg.flink.maintenance.api.TableMaintenance;
import org.apache.iceberg.flink.maintenance.api.TriggerLockFactory;
import org.apache.iceberg.flink.maintenance.operator.TableChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of table maintenance, outside the streaming job: the same Iceberg tasks and settings, as bounded jobs
 * (compaction of every table, then expiry, then orphan removal), each table under its JDBC lock for the whole
 * run so that the job's own maintenance does not run on it meanwhile. Expiry keeps the job's restore point
 * ({@link RestorePoint}) whatever {@code maintenance.expire.retain-last} says.
 */
public final class OneOffMaintenance {
    private static final Logger LOG = LoggerFactory.getLogger(OneOffMaintenance.class);

    /** The tasks, in the order they run. */
    public enum Task {
        REWRITE("RewriteDataFiles"),
        EXPIRE("ExpireSnapshots"),
        ORPHANS("DeleteOrphanFiles");

        final String icebergName;

        Task(String icebergName) {
            this.icebergName = icebergName;
        }
    }

    /** What became of one table: busy (its lock was held), or each task's outcome, and its size before and after. */
    public record TableResult(
            String table, boolean busy, Map<Task, TaskOutcomes.Outcome> outcomes, TableStats before, TableStats after) {
        public boolean ok() {
            return !busy && outcomes.values().stream().allMatch(TaskOutcomes.Outcome::ok);
        }
    }

    private final Configuration conf;
    private final MaintenanceSettings settings;
    private final CatalogLoader catalogLoader;
    private final String namespace;

    public OneOffMaintenance(Configuration conf) {
        this.conf = conf;
        this.settings = MaintenanceSettings.from(
                conf,
                IcebergCatalogs.properties(conf),
                conf.get(CatalogOptions.TYPE) == CatalogOptions.CatalogType.JDBC,
                null);
        this.catalogLoader = IcebergCatalogs.loader(conf);
        this.namespace = conf.get(CatalogOptions.NAMESPACE);
    }

    /** The tasks the configuration enables, of those asked for. */
    public List<Task> enabled(Set<Task> asked) {
        List<Task> tasks = new ArrayList<>();
        if (asked.contains(Task.REWRITE) && settings.rewrite()) tasks.add(Task.REWRITE);
        if (asked.contains(Task.EXPIRE) && settings.expire()) tasks.add(Task.EXPIRE);
        if (asked.contains(Task.ORPHANS) && settings.orphans()) tasks.add(Task.ORPHANS);
        return tasks;
    }

    /** Runs {@code tasks} on {@code tables} (null: the configured tables) and returns what became of each. */
    public List<TableResult> run(List<Task> tasks, List<String> tables) throws Exception {
        List<String> names = tables == null || tables.isEmpty() ? settings.tables() : tables;
        Map<String, TriggerLockFactory> factories = new LinkedHashMap<>();
        Map<String, TriggerLockFactory.Lock> locks = new LinkedHashMap<>();
        Map<String, TableStats> before = new LinkedHashMap<>();
        Catalog catalog = catalogLoader.loadCatalog();
        Map<Task, String> jobs = new EnumMap<>(Task.class);
        try {
            settings.createLockTable();
            for (String name : names) {
                before.put(name, TableStats.of(load(catalog, name)));
                JdbcLockFactory factory = settings.lockFactory(namespace, name);
                factory.open();
                factories.put(name, factory);
                TriggerLockFactory.Lock lock = factory.createLock();
                if (!factory.createRecoveryLock().isHeld() && lock.tryLock()) {
                    locks.put(name, lock);
                } else {
                    LOG.warn(
                            "Not maintaining {}.{}: its maintenance lock is held (a job is maintaining it)",
                            namespace,
                            name);
                }
            }
            for (Task task : tasks) {
                if (!locks.isEmpty()) jobs.put(task, runPhase(task, catalog, new ArrayList<>(locks.keySet())));
            }
            List<TableResult> results = new ArrayList<>();
            for (String name : names) {
                boolean busy = !locks.containsKey(name);
                Map<Task, TaskOutcomes.Outcome> outcomes = new EnumMap<>(Task.class);
                Table table = load(catalog, name);
                if (!busy) {
                    for (Task task : tasks) {
                        outcomes.put(task, TaskOutcomes.of(jobs.get(task), table.name(), task.icebergName + " [0]"));
                    }
                }
                results.add(new TableResult(name, busy, outcomes, before.get(name), TableStats.of(table)));
            }
            return results;
        } finally {
            jobs.values().forEach(TaskOutcomes::forget);
            locks.values().forEach(TriggerLockFactory.Lock::unlock);
            for (TriggerLockFactory factory : factories.values()) factory.close();
            if (catalog instanceof AutoCloseable) ((AutoCloseable) catalog).close();
        }
    }

    /**
     * One bounded job running {@code task} once on each table (one change that meets the task's trigger);
     * returns the job's id.
     */
    private String runPhase(Task task, Catalog catalog, List<String> tables) throws Exception {
        String runId = UUID.randomUUID().toString();
        Configuration jobConf = new Configuration(conf);
        TaskOutcomes.configure(jobConf);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(jobConf);
        for (String name : tables) {
            MaintenanceTaskBuilder<?> builder =
                    taskBuilder(task, load(catalog, name)).scheduleOnCommitCount(1);
            DataStream<TableChange> change = env.fromData(
                            List.of(TableChange.builder().commitCount(1).build()),
                            TypeInformation.of(TableChange.class))
                    .uid("maintain-" + task.name().toLowerCase() + "-" + name)
                    .name("maintain " + name);
            maintenance(change, name, runId)
                    .uidSuffix("trailstream-maintain-" + task.name().toLowerCase() + "-" + name)
                    .add(builder)
                    .append();
        }
        LOG.info("Running {} on {}", task.icebergName, tables);
        return env.execute("trailstream maintain: " + task.icebergName)
                .getJobID()
                .toString();
    }

    // The lock-factory variant is deprecated in Iceberg 1.12 for the coordinator-held lock, which fails a bounded job
    // (its release event may reach a finished task): the tasks of this run take turns through an in-process lock.
    @SuppressWarnings("deprecation")
    private TableMaintenance.Builder maintenance(DataStream<TableChange> change, String table, String runId) {
        return TableMaintenance.forChangeStream(
                change,
                TableLoader.fromCatalog(catalogLoader, TableIdentifier.of(namespace, table)),
                new InProcessLockFactory(runId + ":" + table));
    }

    private MaintenanceTaskBuilder<?> taskBuilder(Task task, Table table) {
        switch (task) {
            case REWRITE:
                return settings.rewriteTask();
            case EXPIRE:
                int retain = RestorePoint.retainLast(table, settings.retainLast());
                if (retain > settings.retainLast()) {
                    LOG.info(
                            "Keeping the last {} snapshots of {} (not {}): the newest snapshot the job committed is "
                                    + "that far back, and a restore needs it",
                            retain,
                            table.name(),
                            settings.retainLast());
                }
                return settings.expireTask(retain);
            case ORPHANS:
            default:
                return settings.orphansTask();
        }
    }

    private Table load(Catalog catalog, String name) {
        return catalog.loadTable(TableIdentifier.of(namespace, name));
    }
}
