package io.trailstream.kinesis.enumerator;

import io.trailstream.kinesis.config.KinesisSourceConfig;
import io.trailstream.kinesis.event.ReaderStartedEvent;
import io.trailstream.kinesis.event.ShardsFinishedAckEvent;
import io.trailstream.kinesis.event.ShardsFinishedEvent;
import io.trailstream.kinesis.retry.KinesisErrors;
import io.trailstream.kinesis.split.KinesisShardSplit;
import io.trailstream.kinesis.split.ShardPosition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.util.FlinkRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * Discovers the stream's shards and hands each to one reader, a child only after all its parents
 * were read to the end, so records of one partition key stay in order across a split or merge.
 *
 * <p>Readers report finished shards ({@link ShardsFinishedEvent}); the enumerator acknowledges
 * them, which lets readers drop them from their checkpoints. Which shards are ready, finished or
 * held after a reader's failover is kept by {@link ShardTracker}.
 */
public final class KinesisShardEnumerator implements SplitEnumerator<KinesisShardSplit, KinesisEnumeratorState> {

    private static final Logger LOG = LoggerFactory.getLogger(KinesisShardEnumerator.class);

    private final SplitEnumeratorContext<KinesisShardSplit> context;
    private final KinesisSourceConfig config;
    private final ShardLister lister;
    private final ShardTracker shards;
    private final ShardAssigner assigner = new ShardAssigner();
    private boolean initialDiscoveryDone;
    private int failedDiscoveries;

    public KinesisShardEnumerator(
            SplitEnumeratorContext<KinesisShardSplit> context,
            KinesisSourceConfig config,
            ShardLister lister,
            KinesisEnumeratorState state) {
        this.context = context;
        this.config = config;
        this.lister = lister;
        this.shards = new ShardTracker(state);
        this.initialDiscoveryDone = state.initialDiscoveryDone();
    }

    @Override
    public void start() {
        LOG.info(
                "Kinesis source enumerator for {} starts; shard discovery every {}",
                config.streamId(),
                config.discoveryInterval());
        context.callAsync(
                lister::listShards,
                this::onShardsListed,
                0,
                config.discoveryInterval().toMillis());
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        // Splits are pushed when shards become ready; readers never ask.
    }

    @Override
    public void addReader(int subtaskId) {
        assignReadyShards();
    }

    /** Called when one reader fails over alone, with the splits assigned to it since its checkpoint. */
    @Override
    public void addSplitsBack(List<KinesisShardSplit> splits, int subtaskId) {
        int held = shards.readerFailedOver(subtaskId, splits);
        LOG.info(
                "Reader {} failed over: {} shard(s) back to unassigned, {} held until it restarts",
                subtaskId,
                splits.size(),
                held);
        assignReadyShards();
    }

    @Override
    public void handleSourceEvent(int subtaskId, SourceEvent event) {
        if (event instanceof ShardsFinishedEvent) {
            Set<String> finished = ((ShardsFinishedEvent) event).shardIds();
            shards.finish(subtaskId, finished);
            LOG.info("Shard(s) {} of {} read to the end by reader {}", finished, config.streamId(), subtaskId);
            context.sendEventToSourceReader(subtaskId, new ShardsFinishedAckEvent(finished));
            // Their children may not be listed yet: look now rather than at the next interval.
            context.callAsync(lister::listShards, this::onShardsListed);
        } else if (event instanceof ReaderStartedEvent) {
            shards.readerStarted(subtaskId, ((ReaderStartedEvent) event).restoredShardIds());
        } else {
            LOG.warn("Ignoring unknown source event {} from reader {}", event, subtaskId);
            return;
        }
        assignReadyShards();
    }

    /** Handles a listing (or its failure); package-private for tests that feed listings. */
    void onShardsListed(List<Shard> listing, Throwable error) {
        if (error != null) {
            onDiscoveryFailed(error);
            return;
        }
        failedDiscoveries = 0;
        Set<String> listed = new HashSet<>();
        List<Shard> sorted = new ArrayList<>(listing);
        sorted.sort(Comparator.comparing(Shard::shardId));
        for (Shard shard : sorted) {
            listed.add(shard.shardId());
            if (!shards.isKnown(shard.shardId())) {
                addNewShard(shard);
            }
        }
        initialDiscoveryDone = true;
        shards.retainFinished(listed);
        assignReadyShards();
    }

    private void addNewShard(Shard shard) {
        List<String> parents = new ArrayList<>(2);
        if (shard.parentShardId() != null) {
            parents.add(shard.parentShardId());
        }
        if (shard.adjacentParentShardId() != null) {
            parents.add(shard.adjacentParentShardId());
        }
        // Only shards of the first listing start at the configured position; later ones are
        // children of a reshard and are read whole.
        ShardPosition position = ShardPosition.trimHorizon();
        if (!initialDiscoveryDone) {
            switch (config.startPosition()) {
                case LATEST:
                    if (isClosed(shard)) {
                        // Nothing new can arrive in a closed shard: skip it, free its children.
                        shards.addFinished(shard.shardId());
                        return;
                    }
                    position = ShardPosition.latest();
                    break;
                case AT_TIMESTAMP:
                    position = ShardPosition.atTimestamp(config.startTimestamp());
                    break;
                default:
                    break;
            }
        }
        shards.addUnassigned(new KinesisShardSplit(shard.shardId(), position, parents));
        LOG.info("New shard {} of {} (parents {}) from {}", shard.shardId(), config.streamId(), parents, position);
    }

    private void onDiscoveryFailed(Throwable error) {
        if (KinesisErrors.isThrottling(error)) {
            LOG.warn(
                    "Listing the shards of {} was throttled; trying again in {}",
                    config.streamId(),
                    config.discoveryInterval());
            return;
        }
        failedDiscoveries++;
        if (!KinesisErrors.isTransient(error) || failedDiscoveries >= config.maxAttempts()) {
            throw new FlinkRuntimeException(
                    "Kinesis source: listing the shards of " + config.streamId() + " failed ("
                            + failedDiscoveries + " time(s) in a row). Check that the stream exists"
                            + " in the region and that the credentials allow kinesis:ListShards.",
                    KinesisErrors.unwrap(error));
        }
        LOG.warn(
                "Listing the shards of {} failed ({} of {} attempts); trying again in {}",
                config.streamId(),
                failedDiscoveries,
                config.maxAttempts(),
                config.discoveryInterval(),
                error);
    }

    private void assignReadyShards() {
        Set<Integer> readers = context.registeredReaders().keySet();
        // Wait for every reader (at start, and while one fails over), or the first to register
        // would get all shards.
        if (readers.size() < context.currentParallelism()) {
            return;
        }
        Map<Integer, Integer> loads = shards.loads();
        Map<Integer, List<KinesisShardSplit>> assignment = new HashMap<>();
        for (KinesisShardSplit split : shards.readyShards()) {
            int reader = assigner.pick(readers, loads);
            loads.merge(reader, 1, Integer::sum);
            assignment.computeIfAbsent(reader, k -> new ArrayList<>()).add(split);
            shards.assign(split, reader);
        }
        if (!assignment.isEmpty()) {
            LOG.info("Assigning shards of {}: {}", config.streamId(), assignment);
            context.assignSplits(new SplitsAssignment<>(assignment));
        }
    }

    private static boolean isClosed(Shard shard) {
        return shard.sequenceNumberRange() != null
                && shard.sequenceNumberRange().endingSequenceNumber() != null;
    }

    @Override
    public KinesisEnumeratorState snapshotState(long checkpointId) {
        return shards.snapshot(checkpointId, initialDiscoveryDone);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        shards.checkpointComplete(checkpointId);
    }

    @Override
    public void close() {
        lister.close();
    }
}
