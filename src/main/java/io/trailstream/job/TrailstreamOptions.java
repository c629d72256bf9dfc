package io.trailstream.job;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

/**
 * The job's own typed options (Iceberg catalog options live in {@code iceberg.CatalogOptions}, object
 * store options in {@code object.ObjectStoreOptions}, Kinesis source options under the
 * {@code notifications.kinesis.} and {@code control.kinesis.} prefixes).
 */
public final class TrailstreamOptions {
    private TrailstreamOptions() {}

    /** Where notifications come from. */
    public enum NotificationSource {
        KINESIS,
        LOCAL
    }

    public static final ConfigOption<NotificationSource> NOTIFICATIONS_SOURCE = ConfigOptions.key(
                    "notifications.source")
            .enumType(NotificationSource.class)
            .defaultValue(NotificationSource.KINESIS)
            .withDescription("KINESIS: S3/SNS/EventBridge notifications on a Kinesis stream (configured under "
                    + "notifications.kinesis.*). LOCAL: a local folder laid out like a trail bucket.");

    public static final ConfigOption<String> LOCAL_INPUT = ConfigOptions.key("notifications.local.path")
            .stringType()
            .noDefaultValue()
            .withDescription("Folder that plays the trail bucket when notifications.source is LOCAL.");

    public static final ConfigOption<Duration> LOCAL_WATCH_INTERVAL = ConfigOptions.key(
                    "notifications.local.watch-interval")
            .durationType()
            .noDefaultValue()
            .withDescription("When set, keep watching the local folder for new files at this interval "
                    + "(unbounded run); when unset, notify the files present and finish.");

    public static final ConfigOption<Integer> FETCH_CONCURRENCY = ConfigOptions.key("fetch.concurrency")
            .intType()
            .defaultValue(16)
            .withDescription("Objects in flight (being downloaded, or downloaded and waiting to be parsed) per "
                    + "fetch subtask. Their bytes are bounded by fetch.memory-budget and fetch.spool-budget.");

    public static final ConfigOption<Integer> FETCH_THREADS = ConfigOptions.key("fetch.threads")
            .intType()
            .defaultValue(4)
            .withDescription(
                    "Threads per fetch subtask that download objects (decompressing and parsing run on the task thread, "
                            + "as a stream).");

    public static final ConfigOption<Duration> FETCH_TIMEOUT = ConfigOptions.key("fetch.timeout")
            .durationType()
            .defaultValue(Duration.ofMinutes(10))
            .withDescription("Time one object may take to download before its ledger row says "
                    + "fetch_failed (timed out); the job goes on.");

    public static final ConfigOption<Integer> FETCH_PARALLELISM = ConfigOptions.key("fetch.parallelism")
            .intType()
            .noDefaultValue()
            .withDescription("Parallelism of the fetch operator; defaults to the job's parallelism.");

    public static final ConfigOption<Duration> DEDUPE_TTL = ConfigOptions.key("dedupe.ttl")
            .durationType()
            .defaultValue(Duration.ofDays(7))
            .withDescription("How long a notified object version is remembered to drop repeated notifications "
                    + "(S3 delivers at least once).");

    /** Where control messages come from. */
    public enum ControlSource {
        NONE,
        KINESIS,
        LOCAL
    }

    public static final ConfigOption<ControlSource> CONTROL_SOURCE = ConfigOptions.key("control.source")
            .enumType(ControlSource.class)
            .defaultValue(ControlSource.NONE)
            .withDescription("NONE: integrations come from the config only. KINESIS: control messages on a "
                    + "Kinesis stream (configured under control.kinesis.*). LOCAL: a folder of control message "
                    + "files, applied in name order.");

    public static final ConfigOption<String> CONTROL_LOCAL_PATH = ConfigOptions.key("control.local.path")
            .stringType()
            .noDefaultValue()
            .withDescription("Folder of control message files when control.source is LOCAL.");

    public static final ConfigOption<Duration> CONTROL_LOCAL_WATCH_INTERVAL = ConfigOptions.key(
                    "control.local.watch-interval")
            .durationType()
            .noDefaultValue()
            .withDescription("When set, keep watching the control folder for new files at this interval.");

    public static final ConfigOption<Integer> CONTROL_MAX_MESSAGE_BYTES = ConfigOptions.key("control.max-message-bytes")
            .intType()
            .defaultValue(256 * 1024)
            .withDescription("Control messages larger than this are rejected (audited, dead-lettered).");

    public static final ConfigOption<Duration> CONTROL_MAX_FUTURE_SKEW = ConfigOptions.key("control.max-future-skew")
            .durationType()
            .defaultValue(Duration.ofMinutes(5))
            .withDescription("A control message issued further in the future than this is rejected.");

    public static final ConfigOption<Duration> UNROUTED_GRACE_PERIOD = ConfigOptions.key("unrouted.grace-period")
            .durationType()
            .defaultValue(Duration.ofMinutes(10))
            .withDescription("How long an object no integration claims is held, in case its integration is "
                    + "being added, before it is recorded as unrouted. 0 records it at once.");

    public static final ConfigOption<Duration> UNROUTED_RECHECK_INTERVAL = ConfigOptions.key(
                    "unrouted.recheck-interval")
            .durationType()
            .defaultValue(Duration.ofSeconds(5))
            .withDescription("How often a held object is routed again during its grace period.");

    public static final ConfigOption<Boolean> HOLD_UNTIL_INPUTS_END = ConfigOptions.key("routing.hold-until-inputs-end")
            .booleanType()
            .defaultValue(false)
            .withDescription("For bounded runs with bounded sources only: route no object before both the "
                    + "notifications and the control messages have been read, so every control message applies "
                    + "to every object. trailstream local sets it when it reads a control folder without --watch.");

    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL_DEFAULT = ConfigOptions.key(
                    "trailstream.default-checkpoint-interval")
            .durationType()
            .defaultValue(Duration.ofSeconds(30))
            .withDescription(
                    "Checkpoint interval used when execution.checkpointing.interval is set neither in the job config "
                            + "nor in the cluster's configuration (a cluster's interval wins over this default). "
                            + "Iceberg commits on every checkpoint, so this is also the data latency.");

    /**
     * The value of a count option, which must be at least 1: checked when the job is built, so that a zero in a
     * config file is reported with its key rather than as a task failing on a cluster.
     */
    public static int atLeastOne(ReadableConfig conf, ConfigOption<Integer> option) {
        int value = conf.get(option);
        if (value < 1) throw new IllegalArgumentException(option.key() + " must be at least 1, got " + value);
        return value;
    }

    /** The value of a duration option, which must be longer than zero. */
    public static Duration positive(ReadableConfig conf, ConfigOption<Duration> option) {
        Duration value = conf.get(option);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(option.key() + " must be longer than 0, got " + value);
        }
        return value;
    }
}
