package io.trailstream.iceberg;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;

/**
 * Typed options of the Iceberg writers. Without a shuffle, every writer subtask writes a file for every
 * partition it sees at every checkpoint; hashing the rows of {@code events} and {@code insights} by their
 * partition ({@code integration_id}, day) sends each partition to one writer, so a checkpoint adds one file per
 * partition.
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
            .defaultValue(Distribution.HASH)
            .withDescription("How rows of events and insights reach the Iceberg writers: HASH by partition "
                    + "(integration_id, day), so each checkpoint adds one file per partition, or NONE (each parsing "
                    + "subtask writes its own files; no shuffle, more and smaller files). The ledger and the other "
                    + "small tables are never shuffled.");

    public static final ConfigOption<MemorySize> TARGET_FILE_SIZE = ConfigOptions.key("write.target-file-size")
            .memoryType()
            .defaultValue(MemorySize.parse("128mb"))
            .withDescription("Size at which a writer rolls to a new data file within a checkpoint. Files written "
                    + "at each checkpoint are smaller; table maintenance (maintenance.*) compacts them to "
                    + "maintenance.rewrite.target-file-size.");
}
