package io.trailstream.kinesis.reader;

import io.trailstream.kinesis.config.KinesisSourceConfig;
import io.trailstream.kinesis.metrics.KinesisShardMetrics;
import io.trailstream.kinesis.proxy.StreamProxy;
import io.trailstream.kinesis.split.KinesisShardSplit;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * Polls all shards assigned to one reader on the fetcher thread, round robin, each at most once
 * per polling interval, through the {@link StreamProxy}. {@link #fetch()} returns as soon as one shard yields
 * records or ends, and otherwise waits until the next shard is due or {@link #wakeUp()} is called. Time and
 * waiting come from a {@link PollingClock}.
 */
public final class KinesisShardSplitReader implements SplitReader<Record, KinesisShardSplit> {

    private static final long IDLE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final StreamProxy proxy;
    private final KinesisSourceConfig config;
    private final Function<String, KinesisShardMetrics> metrics;
    private final PollingClock clock;
    private final Deque<ShardPoller> pollers = new ArrayDeque<>();
    private final Object lock = new Object();
    private boolean wokenUp;

    /** A reader over {@code proxy}, which it owns: {@link #close()} closes it. */
    public KinesisShardSplitReader(
            StreamProxy proxy, KinesisSourceConfig config, Function<String, KinesisShardMetrics> metrics) {
        this(proxy, config, metrics, PollingClock.SYSTEM);
    }

    KinesisShardSplitReader(
            StreamProxy proxy,
            KinesisSourceConfig config,
            Function<String, KinesisShardMetrics> metrics,
            PollingClock clock) {
        this.proxy = proxy;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public RecordsWithSplitIds<Record> fetch() throws IOException {
        while (true) {
            synchronized (lock) {
                if (wokenUp) {
                    wokenUp = false;
                    return new RecordsBySplits.Builder<Record>().build();
                }
            }
            long now = clock.nanoTime();
            ShardPoller due = nextDue(now);
            if (due == null) {
                waitUntilNextDue(now);
                continue;
            }
            ShardPoller.Result result = due.poll(now);
            if (result.records.isEmpty() && !result.shardEnded) {
                continue;
            }
            RecordsBySplits.Builder<Record> batch = new RecordsBySplits.Builder<>();
            if (!result.records.isEmpty()) {
                batch.addAll(due.shardId(), result.records);
            }
            if (result.shardEnded) {
                pollers.remove(due);
                batch.addFinishedSplit(due.shardId());
            }
            return batch.build();
        }
    }

    /** The first due shard in round-robin order; it moves to the back of the queue. */
    private ShardPoller nextDue(long now) {
        for (int i = 0; i < pollers.size(); i++) {
            ShardPoller poller = pollers.pollFirst();
            pollers.addLast(poller);
            if (poller.nextPollAtNanos() - now <= 0) {
                return poller;
            }
        }
        return null;
    }

    private void waitUntilNextDue(long now) throws IOException {
        long waitNanos = Long.MAX_VALUE;
        for (ShardPoller poller : pollers) {
            waitNanos = Math.min(waitNanos, poller.nextPollAtNanos() - now);
        }
        if (pollers.isEmpty()) {
            waitNanos = IDLE_WAIT_NANOS;
        }
        synchronized (lock) {
            if (wokenUp) {
                return;
            }
            try {
                clock.await(lock, Math.max(1, waitNanos));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while waiting to poll Kinesis", e);
            }
        }
    }

    @Override
    public void handleSplitsChanges(SplitsChange<KinesisShardSplit> splitsChanges) {
        if (!(splitsChanges instanceof SplitsAddition)) {
            throw new UnsupportedOperationException("Unsupported splits change " + splitsChanges);
        }
        long now = clock.nanoTime();
        for (KinesisShardSplit split : splitsChanges.splits()) {
            pollers.addLast(new ShardPoller(proxy, config, split, metrics.apply(split.shardId()), now));
        }
    }

    @Override
    public void wakeUp() {
        synchronized (lock) {
            wokenUp = true;
            lock.notifyAll();
        }
    }

    @Override
    public void close() {
        proxy.close();
    }
}
