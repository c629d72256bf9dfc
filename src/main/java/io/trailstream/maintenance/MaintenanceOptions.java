package io.trailstream.maintenance;

import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;

/**
 * Typed options of table upkeep: Iceberg's Flink maintenance tasks (compaction, snapshot expiry, orphan file
 * removal) attached to the job, and the same tasks run once by {@code trailstream maintain}. See
 * docs/maintenance.md.
 */
public final class MaintenanceOptions {
    private MaintenanceOptions() {}

    public static final ConfigOption<Boolean> ENABLED = ConfigOptions.key("maintenance.enabled")
            .booleanType()
            .defaultValue(false)
            .withDescription("Run table maintenance inside the job: compact small files, expire old snapshots, "
                    + "remove orphan files, one table at a time under a JDBC lock. Off for bounded runs "
                    + "(trailstream local); trailstream maintain runs the same tasks once.");

    public static final ConfigOption<List<String>> TABLES = ConfigOptions.key("maintenance.tables")
            .stringType()
            .asList()
            .defaultValues(
                    "events",
                    "insights",
                    "objects",
                    "dead_letters",
                    "control_audit",
                    "integrations",
                    "integrity",
                    "integration_health")
            .withDescription("Tables of the namespace to maintain (';'-separated in a flat key, a YAML list in "
                    + "the config file).");

    public static final ConfigOption<Duration> RATE_LIMIT = ConfigOptions.key("maintenance.rate-limit")
            .durationType()
            .defaultValue(Duration.ofMinutes(1))
            .withDescription("Shortest time between two maintenance runs of one table; also how often the job "
                    + "looks at a table for new commits.");

    public static final ConfigOption<Duration> LOCK_CHECK_DELAY = ConfigOptions.key("maintenance.lock-check-delay")
            .durationType()
            .defaultValue(Duration.ofSeconds(30))
            .withDescription("How long a due task waits before it looks at a held lock again.");

    public static final ConfigOption<Integer> PARALLELISM = ConfigOptions.key("maintenance.parallelism")
            .intType()
            .noDefaultValue()
            .withDescription("Parallelism of the maintenance operators (rewriting files, listing, deleting); "
                    + "defaults to the job's parallelism.");

    public static final ConfigOption<String> SLOT_SHARING_GROUP = ConfigOptions.key("maintenance.slot-sharing-group")
            .stringType()
            .noDefaultValue()
            .withDescription("Slot sharing group of the maintenance operators, to keep compaction off the "
                    + "ingestion slots. Unset: the default group.");

    public static final ConfigOption<String> LOCK_JDBC_URI = ConfigOptions.key("maintenance.lock.jdbc-uri")
            .stringType()
            .noDefaultValue()
            .withDescription("JDBC URL of the database holding the maintenance locks (table "
                    + "flink_maintenance_lock, created when absent). Defaults to catalog.uri, with the catalog's "
                    + "jdbc.* properties, when the catalog is JDBC; required for REST and GLUE catalogs.");

    /** Prefix of the lock database's connection properties, e.g. {@code maintenance.lock.property.jdbc.user}. */
    public static final String LOCK_PROPERTY_PREFIX = "maintenance.lock.property.";

    public static final ConfigOption<Boolean> REWRITE_ENABLED = ConfigOptions.key("maintenance.rewrite.enabled")
            .booleanType()
            .defaultValue(true)
            .withDescription("Compact small data files (Iceberg's RewriteDataFiles, bin-packing per partition).");

    public static final ConfigOption<Integer> REWRITE_COMMITS = ConfigOptions.key("maintenance.rewrite.commits")
            .intType()
            .defaultValue(10)
            .withDescription("Compact a table after this many new commits of the job (one per checkpoint with "
                    + "data). Compaction is triggered by commits only, never by time: see docs/maintenance.md "
                    + "for why snapshot expiry relies on it.");

    public static final ConfigOption<MemorySize> REWRITE_TARGET_FILE_SIZE = ConfigOptions.key(
                    "maintenance.rewrite.target-file-size")
            .memoryType()
            .defaultValue(MemorySize.parse("128mb"))
            .withDescription("Size of the files compaction writes; files under 75% of it are small.");

    public static final ConfigOption<Integer> REWRITE_MIN_INPUT_FILES = ConfigOptions.key(
                    "maintenance.rewrite.min-input-files")
            .intType()
            .defaultValue(5)
            .withDescription("A partition is compacted once it has at least this many small files.");

    public static final ConfigOption<Boolean> EXPIRE_ENABLED = ConfigOptions.key("maintenance.expire.enabled")
            .booleanType()
            .defaultValue(true)
            .withDescription(
                    "Expire old snapshots and delete the files only they reference (Iceberg's " + "ExpireSnapshots).");

    public static final ConfigOption<Duration> EXPIRE_INTERVAL = ConfigOptions.key("maintenance.expire.interval")
            .durationType()
            .defaultValue(Duration.ofHours(1))
            .withDescription("How often snapshots are expired.");

    public static final ConfigOption<Duration> EXPIRE_MAX_AGE = ConfigOptions.key("maintenance.expire.max-age")
            .durationType()
            .defaultValue(Duration.ofDays(5))
            .withDescription("Snapshots older than this may be expired (time travel reaches back this far).");

    public static final ConfigOption<Integer> EXPIRE_RETAIN_LAST = ConfigOptions.key("maintenance.expire.retain-last")
            .intType()
            .defaultValue(20)
            .withDescription("Snapshots of the table's history always kept, whatever their age; at least "
                    + MaintenanceSettings.MIN_RETAIN_LAST + ", so that a restore from the last checkpoint finds the "
                    + "job's last commit (docs/maintenance.md).");

    public static final ConfigOption<Boolean> ORPHANS_ENABLED = ConfigOptions.key("maintenance.orphans.enabled")
            .booleanType()
            .defaultValue(true)
            .withDescription("Delete files under the table's location that no snapshot references (Iceberg's "
                    + "DeleteOrphanFiles): files of failed writes and commits.");

    public static final ConfigOption<Duration> ORPHANS_INTERVAL = ConfigOptions.key("maintenance.orphans.interval")
            .durationType()
            .defaultValue(Duration.ofDays(1))
            .withDescription("How often orphan files are looked for.");

    public static final ConfigOption<Duration> ORPHANS_MIN_AGE = ConfigOptions.key("maintenance.orphans.min-age")
            .durationType()
            .defaultValue(Duration.ofDays(3))
            .withDescription("Only files older than this are orphans: files written for a checkpoint that is "
                    + "not committed yet are younger. At least 1 h and 10 checkpoint intervals.");
}
