package io.trailstream.kinesis.metrics;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;

/**
 * Per-shard reader metrics, registered under {@code <reader group>.shard.<shard id>}:
 * {@code millisBehindLatest} (gauge, -1 until the first GetRecords), {@code recordsRead}, {@code
 * bytesRead}, {@code throttledCalls} and {@code retries}. Updated by the fetcher thread, read by
 * the metric reporters.
 */
public final class KinesisShardMetrics {

    public static final String SHARD_GROUP = "shard";
    public static final String MILLIS_BEHIND_LATEST = "millisBehindLatest";
    public static final String RECORDS_READ = "recordsRead";
    public static final String BYTES_READ = "bytesRead";
    public static final String THROTTLED_CALLS = "throttledCalls";
    public static final String RETRIES = "retries";

    private volatile long millisBehindLatest = -1;
    private final Counter recordsRead;
    private final Counter bytesRead;
    private final Counter throttledCalls;
    private final Counter retries;

    public KinesisShardMetrics(MetricGroup readerGroup, String shardId) {
        MetricGroup group = readerGroup.addGroup(SHARD_GROUP, shardId);
        group.gauge(MILLIS_BEHIND_LATEST, () -> millisBehindLatest);
        this.recordsRead = group.counter(RECORDS_READ, new ThreadSafeSimpleCounter());
        this.bytesRead = group.counter(BYTES_READ, new ThreadSafeSimpleCounter());
        this.throttledCalls = group.counter(THROTTLED_CALLS, new ThreadSafeSimpleCounter());
        this.retries = group.counter(RETRIES, new ThreadSafeSimpleCounter());
    }

    public void setMillisBehindLatest(long millis) {
        this.millisBehindLatest = millis;
    }

    public long millisBehindLatest() {
        return millisBehindLatest;
    }

    public void recordsRead(long records, long bytes) {
        recordsRead.inc(records);
        bytesRead.inc(bytes);
    }

    public void throttled() {
        throttledCalls.inc();
    }

    public void retried() {
        retries.inc();
    }

    public long recordsRead() {
        return recordsRead.getCount();
    }

    public long bytesRead() {
        return bytesRead.getCount();
    }

    public long throttledCalls() {
        return throttledCalls.getCount();
    }

    public long retries() {
        return retries.getCount();
    }
}
