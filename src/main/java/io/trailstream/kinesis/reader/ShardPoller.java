package io.trailstream.kinesis.reader;

import io.trailstream.aws.Backoff;
import io.trailstream.kinesis.config.KinesisSourceConfig;
import io.trailstream.kinesis.metrics.KinesisShardMetrics;
import io.trailstream.kinesis.proxy.StreamProxy;
import io.trailstream.kinesis.retry.KinesisErrors;
import io.trailstream.kinesis.split.KinesisShardSplit;
import io.trailstream.kinesis.split.ShardPosition;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * Reads one shard with GetShardIterator + GetRecords through the {@link StreamProxy}, one call per {@link #poll},
 * never more often
 * than the polling interval. Throttling is waited out with backoff, transient errors are retried
 * up to the configured attempts, an expired iterator is renewed after the last record fetched, and
 * a null next iterator means the shard is closed and fully read.
 */
final class ShardPoller {

    private static final Logger LOG = LoggerFactory.getLogger(ShardPoller.class);

    /** What one poll produced: records (maybe none) and whether the shard ended. */
    static final class Result {
        static final Result NOTHING = new Result(List.of(), false);
        final List<Record> records;
        final boolean shardEnded;

        Result(List<Record> records, boolean shardEnded) {
            this.records = records;
            this.shardEnded = shardEnded;
        }
    }

    private final StreamProxy proxy;
    private final KinesisSourceConfig config;
    private final KinesisShardSplit split;
    private final KinesisShardMetrics metrics;
    private final Backoff backoff;
    private final long intervalNanos;

    private String iterator;
    private String lastFetchedSequenceNumber;
    private long nextPollAtNanos;
    private int throttledInARow;
    private int failuresInARow;

    ShardPoller(
            StreamProxy proxy,
            KinesisSourceConfig config,
            KinesisShardSplit split,
            KinesisShardMetrics metrics,
            long nowNanos) {
        this.proxy = proxy;
        this.config = config;
        this.split = split;
        this.metrics = metrics;
        this.backoff = new Backoff(config.initialBackoff(), config.maxBackoff());
        this.intervalNanos = config.pollingInterval().toNanos();
        this.nextPollAtNanos = nowNanos;
    }

    String shardId() {
        return split.shardId();
    }

    long nextPollAtNanos() {
        return nextPollAtNanos;
    }

    Result poll(long nowNanos) throws IOException {
        boolean acquiring = iterator == null;
        try {
            if (acquiring) {
                iterator = acquireIterator();
                if (iterator == null) {
                    return new Result(List.of(), true);
                }
            }
            GetRecordsResponse response = proxy.getRecords(iterator, config.maxRecordsPerCall());
            List<Record> records = response.records();
            long bytes = 0;
            for (Record record : records) {
                bytes += record.data().asByteArrayUnsafe().length;
            }
            if (!records.isEmpty()) {
                lastFetchedSequenceNumber = records.get(records.size() - 1).sequenceNumber();
            }
            metrics.recordsRead(records.size(), bytes);
            if (response.millisBehindLatest() != null) {
                metrics.setMillisBehindLatest(response.millisBehindLatest());
            }
            iterator = response.nextShardIterator();
            throttledInARow = 0;
            failuresInARow = 0;
            nextPollAtNanos = nowNanos + intervalNanos;
            return iterator == null ? new Result(records, true) : new Result(records, false);
        } catch (RuntimeException e) {
            return onFailure(e, acquiring, nowNanos);
        }
    }

    private Result onFailure(RuntimeException e, boolean acquiring, long nowNanos) throws IOException {
        if (KinesisErrors.isExpiredIterator(e)) {
            LOG.info(
                    "Shard iterator of {} expired; renewing it after {}",
                    split.shardId(),
                    lastFetchedSequenceNumber == null ? split.position() : lastFetchedSequenceNumber);
            iterator = null;
            metrics.retried();
            nextPollAtNanos = nowNanos;
            return Result.NOTHING;
        }
        if (KinesisErrors.isThrottling(e)) {
            throttledInARow++;
            metrics.throttled();
            metrics.retried();
            long delay = backoff.delayMillis(throttledInARow);
            LOG.debug(
                    "Kinesis throttled shard {} ({} in a row); backing off {} ms",
                    split.shardId(),
                    throttledInARow,
                    delay);
            nextPollAtNanos = nowNanos + TimeUnit.MILLISECONDS.toNanos(delay);
            return Result.NOTHING;
        }
        if (acquiring && KinesisErrors.isResourceNotFound(e)) {
            LOG.warn(
                    "Shard {} of {} no longer exists (past retention?); treating it as finished: {}",
                    split.shardId(),
                    config.streamId(),
                    e.getMessage());
            return new Result(List.of(), true);
        }
        if (KinesisErrors.isTransient(e) && ++failuresInARow < config.maxAttempts()) {
            metrics.retried();
            long delay = backoff.delayMillis(failuresInARow);
            LOG.warn(
                    "Reading shard {} of {} failed ({} of {} attempts); retrying in {} ms: {}",
                    split.shardId(),
                    config.streamId(),
                    failuresInARow,
                    config.maxAttempts(),
                    delay,
                    e.toString());
            nextPollAtNanos = nowNanos + TimeUnit.MILLISECONDS.toNanos(delay);
            return Result.NOTHING;
        }
        throw new IOException(
                "Kinesis source: reading shard " + split.shardId() + " of " + config.streamId()
                        + " failed" + (failuresInARow > 0 ? " " + failuresInARow + " times in a row" : "")
                        + ": " + e.getMessage(),
                e);
    }

    private String acquireIterator() {
        ShardPosition position = lastFetchedSequenceNumber != null
                ? ShardPosition.afterSequenceNumber(lastFetchedSequenceNumber)
                : split.position();
        if (position.type() == ShardPosition.Type.SHARD_END) {
            return null;
        }
        LOG.debug("Getting a shard iterator for {} at {}", split.shardId(), position);
        return proxy.shardIterator(split.shardId(), position);
    }
}
