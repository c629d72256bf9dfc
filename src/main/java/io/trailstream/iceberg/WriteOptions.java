package io.trailstream.iceberg;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;

/**
 * Typed options of the Iceberg writers. By default each parsing subtask writes the rows it parsed (no shuffle): a
 * checkpoint adds a file per partition per writer subtask, which table maintenance compacts. Hashing the rows of
 * {@code events} and {@code insights} by partition ({@code integration_id}, day) adds one file per partition, at
 * the price of serialising every row across the network and of one writer subtask per partition: an integration's
 * current day, most of its volume, is then written by one subtask whatever the parallelism.
 */
public final class WriteOptions {
    private WriteOptions() {}

    /** How rows reach the writer subtasks of the partitioned event tables. */
    public enum Distribution {
        /** Rows stay on the subtask that parsed them: one file per partition per subtask per checkpoint. */
        NONE,
        /** Rows are hashed by partition: one file per partition per checkpoint. */
        HASH
    }

    public static final ConfigOption<Distribution> DISTRIBUTION_MODE = ConfigOptions.key("write.distribution-mode")
            .enumType(Distribution.class)
            .defaultValue(Distribution.NONE)
            .withDescription("How rows of events and insights reach the Iceberg writers: NONE (each parsing subtask "
                    + "writes the rows it parsed: no shuffle, a file per partition per subtask per checkpoint, "
                    + "compacted by maintenance.*) or HASH by partition (integration_id, day): one file per "
                    + "partition per checkpoint, but every row crosses the network and each partition has one "
                    + "writer subtask, so a large integration's day is written by one subtask whatever the "
                    + "parallelism. The ledger and the other small tables are never shuffled.");

    public static final ConfigOption<MemorySize> TARGET_FILE_SIZE = ConfigOptions.key("write.target-file-size")
            .memoryType()
            .defaultValue(MemorySize.parse("128mb"))
            .withDescription("Size at which a writer rolls to a new data file within a checkpoint. Files written "
                    + "at each checkpoint are smaller; table maintenance (maintenance.*) compacts them to "
                    + "maintenance.rewrite.target-file-size.");
}
