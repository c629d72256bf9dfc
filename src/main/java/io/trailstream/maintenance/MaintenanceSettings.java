package io.trailstream.maintenance;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.iceberg.flink.maintenance.api.DeleteOrphanFiles;
import org.apache.iceberg.flink.maintenance.api.ExpireSnapshots;
import org.apache.iceberg.flink.maintenance.api.JdbcLockFactory;
import org.apache.iceberg.flink.maintenance.api.MaintenanceTaskBuilder;
import org.apache.iceberg.flink.maintenance.api.RewriteDataFiles;

/**
 * The maintenance options, checked once (a bad value is reported with its key before anything runs), and the
 * Iceberg task builders and lock they describe. The same settings drive the tasks attached to the job and
 * {@code trailstream maintain}.
 */
public final class MaintenanceSettings {
    /**
     * Fewest snapshots expiry keeps. Compaction is triggered by the job's commits only and makes one commit per
     * run, and one run waits for the other, so at most two compaction snapshots follow the job's newest
     * snapshot: keeping three keeps that snapshot, which a restore needs (docs/maintenance.md).
     */
    public static final int MIN_RETAIN_LAST = 3;

    static final Duration MIN_ORPHAN_AGE = Duration.ofHours(1);
    static final int ORPHAN_AGE_CHECKPOINTS = 10;
    private static final String LOCK_ID_PREFIX = "trailstream:";

    private final ReadableConfig conf;
    private final String lockUri;
    private final Map<String, String> lockProperties;

    private MaintenanceSettings(ReadableConfig conf, String lockUri, Map<String, String> lockProperties) {
        this.conf = conf;
        this.lockUri = lockUri;
        this.lockProperties = lockProperties;
    }

    /**
     * Reads and checks the {@code maintenance.*} options.
     *
     * @param catalogProperties the Iceberg catalog's properties: a JDBC catalog's {@code uri} and {@code jdbc.*}
     *     connection properties are the lock's unless {@code maintenance.lock.*} says otherwise
     * @param jdbcCatalog whether the catalog is a JDBC catalog
     * @param checkpointInterval the job's checkpoint interval, or null for a run without checkpoints
     */
    public static MaintenanceSettings from(
            ReadableConfig conf,
            Map<String, String> catalogProperties,
            boolean jdbcCatalog,
            Duration checkpointInterval) {
        atLeast(conf.get(MaintenanceOptions.REWRITE_COMMITS), 1, MaintenanceOptions.REWRITE_COMMITS.key());
        atLeast(
                conf.get(MaintenanceOptions.REWRITE_MIN_INPUT_FILES),
                1,
                MaintenanceOptions.REWRITE_MIN_INPUT_FILES.key());
        atLeast(
                conf.get(MaintenanceOptions.EXPIRE_RETAIN_LAST),
                MIN_RETAIN_LAST,
                MaintenanceOptions.EXPIRE_RETAIN_LAST.key());
        positive(conf.get(MaintenanceOptions.RATE_LIMIT), MaintenanceOptions.RATE_LIMIT.key());
        positive(conf.get(MaintenanceOptions.LOCK_CHECK_DELAY), MaintenanceOptions.LOCK_CHECK_DELAY.key());
        positive(conf.get(MaintenanceOptions.EXPIRE_INTERVAL), MaintenanceOptions.EXPIRE_INTERVAL.key());
        positive(conf.get(MaintenanceOptions.EXPIRE_MAX_AGE), MaintenanceOptions.EXPIRE_MAX_AGE.key());
        positive(conf.get(MaintenanceOptions.ORPHANS_INTERVAL), MaintenanceOptions.ORPHANS_INTERVAL.key());
        if (conf.get(MaintenanceOptions.REWRITE_TARGET_FILE_SIZE).getBytes() < 1024 * 1024) {
            throw new IllegalArgumentException(MaintenanceOptions.REWRITE_TARGET_FILE_SIZE.key()
                    + " must be at least 1 mb, got " + conf.get(MaintenanceOptions.REWRITE_TARGET_FILE_SIZE));
        }
        Duration minAge = conf.get(MaintenanceOptions.ORPHANS_MIN_AGE);
        Duration floor = MIN_ORPHAN_AGE;
        if (checkpointInterval != null
                && checkpointInterval.multipliedBy(ORPHAN_AGE_CHECKPOINTS).compareTo(floor) > 0) {
            floor = checkpointInterval.multipliedBy(ORPHAN_AGE_CHECKPOINTS);
        }
        if (minAge.compareTo(floor) < 0) {
            throw new IllegalArgumentException(MaintenanceOptions.ORPHANS_MIN_AGE.key() + " must be at least " + floor
                    + " (1 h and " + ORPHAN_AGE_CHECKPOINTS + " checkpoint intervals: younger files may belong to a "
                    + "checkpoint not committed yet), got " + minAge);
        }
        if (conf.getOptional(MaintenanceOptions.PARALLELISM).isPresent()) {
            atLeast(conf.get(MaintenanceOptions.PARALLELISM), 1, MaintenanceOptions.PARALLELISM.key());
        }

        String uri = conf.getOptional(MaintenanceOptions.LOCK_JDBC_URI).orElse(null);
        Map<String, String> props = new HashMap<>();
        if (uri == null && jdbcCatalog) {
            uri = catalogProperties.get("uri");
            catalogProperties.forEach((k, v) -> {
                if (k.startsWith("jdbc.") && !k.equals("jdbc.schema-version")) props.put(k, v);
            });
        }
        if (uri == null) {
            throw new IllegalArgumentException(MaintenanceOptions.LOCK_JDBC_URI.key()
                    + " must be set: table maintenance takes a JDBC lock, and the catalog is not a JDBC catalog");
        }
        if (conf instanceof Configuration) {
            ((Configuration) conf).toMap().forEach((k, v) -> {
                if (k.startsWith(MaintenanceOptions.LOCK_PROPERTY_PREFIX)) {
                    props.put(k.substring(MaintenanceOptions.LOCK_PROPERTY_PREFIX.length()), v);
                }
            });
        }
        return new MaintenanceSettings(conf, uri, Map.copyOf(props));
    }

    public List<String> tables() {
        return conf.get(MaintenanceOptions.TABLES);
    }

    public Duration rateLimit() {
        return conf.get(MaintenanceOptions.RATE_LIMIT);
    }

    public Duration lockCheckDelay() {
        return conf.get(MaintenanceOptions.LOCK_CHECK_DELAY);
    }

    public Integer parallelism() {
        return conf.getOptional(MaintenanceOptions.PARALLELISM).orElse(null);
    }

    public String slotSharingGroup() {
        return conf.getOptional(MaintenanceOptions.SLOT_SHARING_GROUP).orElse(null);
    }

    public boolean rewrite() {
        return conf.get(MaintenanceOptions.REWRITE_ENABLED);
    }

    public boolean expire() {
        return conf.get(MaintenanceOptions.EXPIRE_ENABLED);
    }

    public boolean orphans() {
        return conf.get(MaintenanceOptions.ORPHANS_ENABLED);
    }

    public int retainLast() {
        return conf.get(MaintenanceOptions.EXPIRE_RETAIN_LAST);
    }

    /** The lock of one table, shared by the job's maintenance and {@code trailstream maintain}. */
    public JdbcLockFactory lockFactory(String namespace, String table) {
        return new JdbcLockFactory(lockUri, LOCK_ID_PREFIX + namespace + "." + table, lockProperties);
    }

    /**
     * Creates the lock table when it is absent, once, before any task opens a lock: Iceberg's lock factories
     * would each try to, and all but the first fail when several tables' maintenance starts at once.
     */
    public void createLockTable() throws IOException {
        Map<String, String> props = new HashMap<>(lockProperties);
        props.put(JdbcLockFactory.INIT_LOCK_TABLES_PROPERTY, "true");
        try (JdbcLockFactory factory = new JdbcLockFactory(lockUri, LOCK_ID_PREFIX + "init", props)) {
            factory.open();
        }
    }

    /** The tasks the job runs, in order: compaction on commits, expiry and orphan removal on intervals. */
    public List<MaintenanceTaskBuilder<?>> scheduledTasks() {
        List<MaintenanceTaskBuilder<?>> tasks = new ArrayList<>();
        if (rewrite()) tasks.add(rewriteTask().scheduleOnCommitCount(conf.get(MaintenanceOptions.REWRITE_COMMITS)));
        if (expire())
            tasks.add(expireTask(retainLast()).scheduleOnInterval(conf.get(MaintenanceOptions.EXPIRE_INTERVAL)));
        if (orphans()) tasks.add(orphansTask().scheduleOnInterval(conf.get(MaintenanceOptions.ORPHANS_INTERVAL)));
        return tasks;
    }

    /** Compaction: bin-packing per partition to the target size, one commit per run. */
    public RewriteDataFiles.Builder rewriteTask() {
        return RewriteDataFiles.builder()
                .targetFileSizeBytes(
                        conf.get(MaintenanceOptions.REWRITE_TARGET_FILE_SIZE).getBytes())
                .minInputFiles(conf.get(MaintenanceOptions.REWRITE_MIN_INPUT_FILES))
                .partialProgressEnabled(false);
    }

    /** Expiry keeping {@code retainLast} snapshots whatever their age (at least {@link #MIN_RETAIN_LAST}). */
    public ExpireSnapshots.Builder expireTask(int retainLast) {
        return ExpireSnapshots.builder()
                .maxSnapshotAge(conf.get(MaintenanceOptions.EXPIRE_MAX_AGE))
                .retainLast(Math.max(retainLast, MIN_RETAIN_LAST));
    }

    /** Orphan removal through the table's FileIO listing (works for S3FileIO and local folders alike). */
    public DeleteOrphanFiles.Builder orphansTask() {
        return DeleteOrphanFiles.builder()
                .minAge(conf.get(MaintenanceOptions.ORPHANS_MIN_AGE))
                .usePrefixListing(true);
    }

    private static void atLeast(int value, int min, String key) {
        if (value < min) throw new IllegalArgumentException(key + " must be at least " + min + ", got " + value);
    }

    private static void positive(Duration value, String key) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be longer than 0, got " + value);
        }
    }
}
