package io.trailstream.kinesis.metrics;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;

/**
 * Per-shard reader metrics, registered when the reader is given the shard (at start, for a restored one), under
 * {@code <reader group>.trailstream.kinesis.stream.<stream>.shard.<shard id>}, the scheme of trailstream's metrics
 * (docs/metrics.md): {@code millis_behind_latest} (gauge, -1 until the first GetRecords), {@code records_total},
 * {@code bytes_total}, {@code throttled_calls_total} and {@code retries_total}; in Prometheus {@code
 * flink_taskmanager_job_task_operator_trailstream_kinesis_stream_shard_millis_behind_latest{stream=...,shard=...}}.
 * Updated by the fetcher thread, read by the metric reporters.
 */
public final class KinesisShardMetrics {

    public static final String SCOPE = "trailstream";
    public static final String KINESIS_GROUP = "kinesis";
    public static final String STREAM_GROUP = "stream";
    public static final String SHARD_GROUP = "shard";
    public static final String MILLIS_BEHIND_LATEST = "millis_behind_latest";
    public static final String RECORDS_READ = "records_total";
    public static final String BYTES_READ = "bytes_total";
    public static final String THROTTLED_CALLS = "throttled_calls_total";
    public static final String RETRIES = "retries_total";

    private volatile long millisBehindLatest = -1;
    private final Counter recordsRead;
    private final Counter bytesRead;
    private final Counter throttledCalls;
    private final Counter retries;

    /**
     * @param stream the stream's name (the label value; the last part of its ARN when configured by ARN)
     */
    public KinesisShardMetrics(MetricGroup readerGroup, String stream, String shardId) {
        MetricGroup group = readerGroup
                .addGroup(SCOPE)
                .addGroup(KINESIS_GROUP)
                .addGroup(STREAM_GROUP, stream)
                .addGroup(SHARD_GROUP, shardId);
        group.gauge(MILLIS_BEHIND_LATEST, () -> millisBehindLatest);
        this.recordsRead = group.counter(RECORDS_READ, new ThreadSafeSimpleCounter());
        this.bytesRead = group.counter(BYTES_READ, new ThreadSafeSimpleCounter());
        this.throttledCalls = group.counter(THROTTLED_CALLS, new ThreadSafeSimpleCounter());
        this.retries = group.counter(RETRIES, new ThreadSafeSimpleCounter());
    }

    /** The stream's name for the {@code stream} label: {@code name}, or the name at the end of {@code arn}. */
    public static String streamLabel(String arn, String name) {
        if (name != null && !name.isBlank()) return name;
        return arn == null ? "unknown" : arn.substring(arn.lastIndexOf('/') + 1);
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
