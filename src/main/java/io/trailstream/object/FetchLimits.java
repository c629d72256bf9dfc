package io.trailstream.object;

import io.trailstream.record.CloudTrailRecordParser;
import java.io.Serializable;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.ReadableConfig;

/**
 * The {@link FetchOptions} as checked values, built on the client and shipped to the fetch and parse operators:
 * what one record, the objects held in memory and the objects spooled to disk may take per subtask.
 *
 * @param maxRecordBytes records larger than this are skipped unbuffered
 * @param memoryBudget compressed bytes held in memory per fetch subtask
 * @param spoolThreshold objects larger than this are spooled to local disk
 * @param spoolBudget bytes spooled per fetch subtask
 * @param spoolDirectory where spool folders go; null for the TaskManager's temporary folder
 */
public record FetchLimits(
        long maxRecordBytes, long memoryBudget, long spoolThreshold, long spoolBudget, String spoolDirectory)
        implements Serializable {

    /** The defaults of {@link FetchOptions}. */
    public static final FetchLimits DEFAULTS = new FetchLimits(
            CloudTrailRecordParser.DEFAULT_MAX_RECORD_BYTES,
            FetchOptions.MEMORY_BUDGET.defaultValue().getBytes(),
            FetchOptions.SPOOL_THRESHOLD.defaultValue().getBytes(),
            FetchOptions.SPOOL_BUDGET.defaultValue().getBytes(),
            null);

    public FetchLimits {
        positive(FetchOptions.MAX_RECORD_SIZE.key(), maxRecordBytes);
        positive(FetchOptions.MEMORY_BUDGET.key(), memoryBudget);
        positive(FetchOptions.SPOOL_BUDGET.key(), spoolBudget);
        if (spoolThreshold < 0 || spoolThreshold > memoryBudget) {
            throw new IllegalArgumentException(FetchOptions.SPOOL_THRESHOLD.key() + " must be between 0 and "
                    + FetchOptions.MEMORY_BUDGET.key() + " (" + memoryBudget + " bytes), got " + spoolThreshold);
        }
    }

    /** The limits {@code conf} sets; fails with the option's key when one is out of range. */
    public static FetchLimits fromConfiguration(ReadableConfig conf) {
        return new FetchLimits(
                bytes(conf.get(FetchOptions.MAX_RECORD_SIZE)),
                bytes(conf.get(FetchOptions.MEMORY_BUDGET)),
                bytes(conf.get(FetchOptions.SPOOL_THRESHOLD)),
                bytes(conf.get(FetchOptions.SPOOL_BUDGET)),
                conf.getOptional(FetchOptions.SPOOL_DIRECTORY).orElse(null));
    }

    private static long bytes(MemorySize size) {
        return size.getBytes();
    }

    private static void positive(String key, long value) {
        if (value < 1) throw new IllegalArgumentException(key + " must be larger than 0, got " + value);
    }
}
