package io.trailstream.kinesis.enumerator;

import io.trailstream.kinesis.config.KinesisSourceConfig;
import io.trailstream.kinesis.event.ReaderStartedEvent;
import io.trailstream.kinesis.event.ShardsFinishedAckEvent;
import io.trailstream.kinesis.event.ShardsFinishedEvent;
import io.trailstream.kinesis.retry.KinesisErrors;
import io.trailstream.kinesis.split.KinesisShardSplit;
import io.trailstream.kinesis.split.ShardPosition;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.util.FlinkRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.model.Shard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Discovers the stream's shards and hands each to one reader, a child only after all its parents
 * were read to the end (so records of one partition key stay in order across a split or merge).
 *
 * <p>Readers report finished shards ({@link ShardsFinishedEvent}); the enumerator acknowledges
 * them, which lets readers drop them from their checkpoints. When one reader fails over alone, the
 * shards it finished since the last completed checkpoint are held back as "awaiting" until the
 * restarted reader tells which of them it restored ({@link ReaderStartedEvent}); their children
 * stay unassigned meanwhile.
 */
public final class KinesisShardEnumerator
        implements SplitEnumerator<KinesisShardSplit, KinesisEnumeratorState> {

    private static final Logger LOG = LoggerFactory.getLogger(KinesisShardEnumerator.class);

    private final SplitEnumeratorContext<KinesisShardSplit> context;
    private final KinesisSourceConfig config;
    private final ShardLister lister;
    private final ShardAssigner assigner = new ShardAssigner();

    private final Map<String, KinesisShardSplit> assigned = new HashMap<>();
    /** Which reader holds an assigned shard; runtime only, refilled by ReaderStartedEvents. */
    private final Map<String, Integer> owners = new HashMap<>();
    private final TreeMap<String, KinesisShardSplit> unassigned = new TreeMap<>();
    private final Set<String> finished = new HashSet<>();
    private final Map<Integer, Map<String, KinesisShardSplit>> awaiting = new HashMap<>();
    private final List<UncheckpointedFinish> uncheckpointedFinishes = new ArrayList<>();
    private boolean initialDiscoveryDone;
    private long lastSnapshotCheckpointId = Long.MIN_VALUE;
    private int failedDiscoveries;

    public KinesisShardEnumerator(
            SplitEnumeratorContext<KinesisShardSplit> context,
            KinesisSourceConfig config,
            ShardLister lister,
            KinesisEnumeratorState state) {
        this.context = context;
        this.config = config;
        this.lister = lister;
        state.assigned().forEach(s -> assigned.put(s.shardId(), s));
        state.unassigned().forEach(s -> unassigned.put(s.shardId(), s));
        finished.addAll(state.finished());
        initialDiscoveryDone = state.initialDiscoveryDone();
    }

    @Override
    public void start() {
        LOG.info("Kinesis source enumerator for {} starts; shard discovery every {}",
                config.streamId(), config.discoveryInterval());
        context.callAsync(lister::listShards, this::onShardsListed, 0,
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

    @Override
    public void addSplitsBack(List<KinesisShardSplit> splits, int subtaskId) {
        // Called when a reader fails over alone. Finishes it reported after the checkpoint it
        // restores may be undone: hold them until it says which shards it restored.
        Map<String, KinesisShardSplit> held = awaiting.computeIfAbsent(subtaskId, k -> new HashMap<>());
        for (Iterator<UncheckpointedFinish> it = uncheckpointedFinishes.iterator(); it.hasNext(); ) {
            UncheckpointedFinish f = it.next();
            if (f.subtask == subtaskId) {
                finished.remove(f.split.shardId());
                held.put(f.split.shardId(), f.split);
                it.remove();
            }
        }
        // Splits assigned after that checkpoint: the reader does not have them any more.
        for (KinesisShardSplit split : splits) {
            assigned.remove(split.shardId());
            held.remove(split.shardId());
            finished.remove(split.shardId());
            unassigned.put(split.shardId(), split);
        }
        owners.values().removeIf(owner -> owner == subtaskId);
        if (held.isEmpty()) {
            awaiting.remove(subtaskId);
        }
        LOG.info("Reader {} failed over: {} shard(s) back to unassigned, {} awaiting its restart",
                subtaskId, splits.size(), held.size());
        assignReadyShards();
    }

    @Override
    public void handleSourceEvent(int subtaskId, SourceEvent event) {
        if (event instanceof ShardsFinishedEvent) {
            onShardsFinished(subtaskId, ((ShardsFinishedEvent) event).shardIds());
        } else if (event instanceof ReaderStartedEvent) {
            onReaderStarted(subtaskId, ((ReaderStartedEvent) event).restoredShardIds());
        } else {
            LOG.warn("Ignoring unknown source event {} from reader {}", event, subtaskId);
        }
    }

    private void onShardsFinished(int subtaskId, Set<String> shardIds) {
        Map<String, KinesisShardSplit> held = awaiting.get(subtaskId);
        for (String shardId : shardIds) {
            KinesisShardSplit split = assigned.remove(shardId);
            if (split == null && held != null) {
                split = held.remove(shardId);
            }
            owners.remove(shardId);
            if (finished.add(shardId) && split != null) {
                uncheckpointedFinishes.add(
                        new UncheckpointedFinish(subtaskId, split, lastSnapshotCheckpointId));
            }
        }
        LOG.info("Shard(s) {} of {} read to the end by reader {}", shardIds, config.streamId(), subtaskId);
        context.sendEventToSourceReader(subtaskId, new ShardsFinishedAckEvent(shardIds));
        // Their children may not be listed yet: look now rather than at the next interval.
        context.callAsync(lister::listShards, this::onShardsListed);
        assignReadyShards();
    }

    private void onReaderStarted(int subtaskId, Set<String> restoredShardIds) {
        for (String shardId : restoredShardIds) {
            if (assigned.containsKey(shardId)) {
                owners.put(shardId, subtaskId);
            }
        }
        Map<String, KinesisShardSplit> held = awaiting.remove(subtaskId);
        if (held != null) {
            held.forEach((shardId, split) -> {
                if (restoredShardIds.contains(shardId)) {
                    assigned.put(shardId, split);
                    owners.put(shardId, subtaskId);
                } else {
                    finished.add(shardId);
                }
            });
        }
        assignReadyShards();
    }

    /** Handles a listing (or its failure); package-private for tests that feed listings. */
    void onShardsListed(List<Shard> shards, Throwable error) {
        if (error != null) {
            onDiscoveryFailed(error);
            return;
        }
        failedDiscoveries = 0;
        Set<String> listed = new HashSet<>();
        List<Shard> sorted = new ArrayList<>(shards);
        sorted.sort(Comparator.comparing(Shard::shardId));
        for (Shard shard : sorted) {
            listed.add(shard.shardId());
            if (isKnown(shard.shardId())) {
                continue;
            }
            List<String> parents = new ArrayList<>(2);
            if (shard.parentShardId() != null) {
                parents.add(shard.parentShardId());
            }
            if (shard.adjacentParentShardId() != null) {
                parents.add(shard.adjacentParentShardId());
            }
            ShardPosition position = ShardPosition.trimHorizon();
            if (!initialDiscoveryDone) {
                switch (config.startPosition()) {
                    case LATEST:
                        if (isClosed(shard)) {
                            // Nothing new can arrive in a closed shard: skip it, free its children.
                            finished.add(shard.shardId());
                            continue;
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
            unassigned.put(shard.shardId(), new KinesisShardSplit(shard.shardId(), position, parents));
            LOG.info("New shard {} of {} (parents {}) from {}",
                    shard.shardId(), config.streamId(), parents, position);
        }
        initialDiscoveryDone = true;
        // Shards past the retention period are no longer listed; nothing can refer to them.
        finished.retainAll(listed);
        assignReadyShards();
    }

    private void onDiscoveryFailed(Throwable error) {
        if (KinesisErrors.isThrottling(error)) {
            LOG.warn("Listing the shards of {} was throttled; trying again in {}",
                    config.streamId(), config.discoveryInterval());
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
        LOG.warn("Listing the shards of {} failed ({} of {} attempts); trying again in {}",
                config.streamId(), failedDiscoveries, config.maxAttempts(),
                config.discoveryInterval(), error);
    }

    private void assignReadyShards() {
        Set<Integer> readers = context.registeredReaders().keySet();
        // Wait for every reader (at start, and while one fails over), or the first to register
        // would get all shards.
        if (readers.size() < context.currentParallelism() || unassigned.isEmpty()) {
            return;
        }
        Map<Integer, Integer> loads = new HashMap<>();
        owners.values().forEach(r -> loads.merge(r, 1, Integer::sum));
        Map<Integer, List<KinesisShardSplit>> assignment = new HashMap<>();
        for (Iterator<KinesisShardSplit> it = unassigned.values().iterator(); it.hasNext(); ) {
            KinesisShardSplit split = it.next();
            if (!parentsFinished(split)) {
                continue;
            }
            int reader = assigner.pick(readers, loads);
            loads.merge(reader, 1, Integer::sum);
            assignment.computeIfAbsent(reader, k -> new ArrayList<>()).add(split);
            assigned.put(split.shardId(), split);
            owners.put(split.shardId(), reader);
            it.remove();
        }
        if (!assignment.isEmpty()) {
            LOG.info("Assigning shards of {}: {}", config.streamId(), assignment);
            context.assignSplits(new SplitsAssignment<>(assignment));
        }
    }

    private boolean parentsFinished(KinesisShardSplit split) {
        for (String parent : split.parentShardIds()) {
            // A parent we never saw is past retention: nothing of it is left to read first.
            if (!finished.contains(parent) && isKnown(parent)) {
                return false;
            }
        }
        return true;
    }

    private boolean isKnown(String shardId) {
        if (assigned.containsKey(shardId) || unassigned.containsKey(shardId) || finished.contains(shardId)) {
            return true;
        }
        for (Map<String, KinesisShardSplit> held : awaiting.values()) {
            if (held.containsKey(shardId)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isClosed(Shard shard) {
        return shard.sequenceNumberRange() != null
                && shard.sequenceNumberRange().endingSequenceNumber() != null;
    }

    @Override
    public KinesisEnumeratorState snapshotState(long checkpointId) {
        lastSnapshotCheckpointId = checkpointId;
        // Awaiting shards are written as finished: should this checkpoint be restored, a reader
        // that still holds one reads it again and reports it, while a reader that does not hold
        // it cannot stall its children.
        Set<String> finishedOut = new HashSet<>(finished);
        awaiting.values().forEach(held -> finishedOut.addAll(held.keySet()));
        return new KinesisEnumeratorState(
                new ArrayList<>(assigned.values()),
                new ArrayList<>(unassigned.values()),
                finishedOut,
                initialDiscoveryDone);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        // Finishes reported before this checkpoint's snapshot are now durable on both sides.
        uncheckpointedFinishes.removeIf(f -> f.afterCheckpointId < checkpointId);
    }

    @Override
    public void close() {
        lister.close();
    }

    private static final class UncheckpointedFinish {
        final int subtask;
        final KinesisShardSplit split;
        final long afterCheckpointId;

        UncheckpointedFinish(int subtask, KinesisShardSplit split, long afterCheckpointId) {
            this.subtask = subtask;
            this.split = split;
            this.afterCheckpointId = afterCheckpointId;
        }
    }
}
