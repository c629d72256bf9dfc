package io.trailstream.kinesis.enumerator;

import io.trailstream.kinesis.split.KinesisShardSplit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The enumerator's book of shards: unassigned, assigned (and to which reader), finished, or held
 * after a reader's failover, and the rule for when an unassigned shard is ready (every parent
 * finished). Pure bookkeeping without Flink's context, so the rules can be read in one place.
 *
 * <p>A finish reported after the last completed checkpoint is remembered with its reader: if
 * that reader fails over alone, it restores a checkpoint from before the finish, so the shard is
 * held (neither finished nor free) until the restarted reader says whether it restored it.
 */
final class ShardTracker {

    private final Map<String, KinesisShardSplit> assigned = new HashMap<>();
    /** Which reader holds an assigned shard; runtime only, refilled as readers start. */
    private final Map<String, Integer> owners = new HashMap<>();

    private final TreeMap<String, KinesisShardSplit> unassigned = new TreeMap<>();
    private final Set<String> finished = new HashSet<>();
    private final Map<Integer, Map<String, KinesisShardSplit>> held = new HashMap<>();
    private final List<UncheckpointedFinish> uncheckpointedFinishes = new ArrayList<>();
    private long lastSnapshotCheckpointId = Long.MIN_VALUE;

    ShardTracker(KinesisEnumeratorState state) {
        state.assigned().forEach(s -> assigned.put(s.shardId(), s));
        state.unassigned().forEach(s -> unassigned.put(s.shardId(), s));
        finished.addAll(state.finished());
    }

    /** Whether the shard was seen before, in any condition. */
    boolean isKnown(String shardId) {
        return assigned.containsKey(shardId)
                || unassigned.containsKey(shardId)
                || finished.contains(shardId)
                || held.values().stream().anyMatch(h -> h.containsKey(shardId));
    }

    void addUnassigned(KinesisShardSplit split) {
        unassigned.put(split.shardId(), split);
    }

    /** A shard that needs no reading (e.g. closed before a LATEST start). */
    void addFinished(String shardId) {
        finished.add(shardId);
    }

    /** Forgets finished shards no longer listed (past retention): nothing can refer to them. */
    void retainFinished(Set<String> listedShardIds) {
        finished.retainAll(listedShardIds);
    }

    /** Unassigned shards whose parents are all finished, in shard id order. */
    List<KinesisShardSplit> readyShards() {
        List<KinesisShardSplit> ready = new ArrayList<>();
        for (KinesisShardSplit split : unassigned.values()) {
            if (split.parentShardIds().stream().allMatch(this::isFinishedOrGone)) {
                ready.add(split);
            }
        }
        return ready;
    }

    private boolean isFinishedOrGone(String parent) {
        // A parent never seen is past retention: nothing of it is left to read first.
        return finished.contains(parent) || !isKnown(parent);
    }

    void assign(KinesisShardSplit split, int reader) {
        unassigned.remove(split.shardId());
        assigned.put(split.shardId(), split);
        owners.put(split.shardId(), reader);
    }

    /** Unfinished shards per reader, as far as known. */
    Map<Integer, Integer> loads() {
        Map<Integer, Integer> loads = new HashMap<>();
        owners.values().forEach(reader -> loads.merge(reader, 1, Integer::sum));
        return loads;
    }

    /** Records shards a reader read to the end; repeated reports change nothing. */
    void finish(int reader, Set<String> shardIds) {
        Map<String, KinesisShardSplit> heldByReader = held.get(reader);
        for (String shardId : shardIds) {
            KinesisShardSplit split = assigned.remove(shardId);
            if (split == null && heldByReader != null) {
                split = heldByReader.remove(shardId);
            }
            owners.remove(shardId);
            if (finished.add(shardId) && split != null) {
                uncheckpointedFinishes.add(new UncheckpointedFinish(reader, split, lastSnapshotCheckpointId));
            }
        }
    }

    /**
     * A reader failed over alone: its recent finishes are held, and the splits assigned to it
     * since the checkpoint it restores ({@code givenBack}) are free again.
     *
     * @return how many shards are now held for that reader
     */
    int readerFailedOver(int reader, List<KinesisShardSplit> givenBack) {
        Map<String, KinesisShardSplit> heldByReader = held.computeIfAbsent(reader, k -> new HashMap<>());
        for (Iterator<UncheckpointedFinish> it = uncheckpointedFinishes.iterator(); it.hasNext(); ) {
            UncheckpointedFinish f = it.next();
            if (f.reader == reader) {
                finished.remove(f.split.shardId());
                heldByReader.put(f.split.shardId(), f.split);
                it.remove();
            }
        }
        for (KinesisShardSplit split : givenBack) {
            assigned.remove(split.shardId());
            heldByReader.remove(split.shardId());
            finished.remove(split.shardId());
            unassigned.put(split.shardId(), split);
        }
        owners.values().removeIf(owner -> owner == reader);
        if (heldByReader.isEmpty()) {
            held.remove(reader);
        }
        return heldByReader.size();
    }

    /** A reader (re)started with these shards restored: held ones it lacks are finished. */
    void readerStarted(int reader, Set<String> restoredShardIds) {
        for (String shardId : restoredShardIds) {
            if (assigned.containsKey(shardId)) {
                owners.put(shardId, reader);
            }
        }
        Map<String, KinesisShardSplit> heldByReader = held.remove(reader);
        if (heldByReader != null) {
            heldByReader.forEach((shardId, split) -> {
                if (restoredShardIds.contains(shardId)) {
                    assigned.put(shardId, split);
                    owners.put(shardId, reader);
                } else {
                    finished.add(shardId);
                }
            });
        }
    }

    KinesisEnumeratorState snapshot(long checkpointId, boolean initialDiscoveryDone) {
        lastSnapshotCheckpointId = checkpointId;
        // Held shards are written as finished: should this checkpoint be restored, a reader that
        // still holds one reads it again and reports it, while one that does not cannot stall
        // its children.
        Set<String> finishedOut = new HashSet<>(finished);
        held.values().forEach(h -> finishedOut.addAll(h.keySet()));
        return new KinesisEnumeratorState(
                new ArrayList<>(assigned.values()),
                new ArrayList<>(unassigned.values()),
                finishedOut,
                initialDiscoveryDone);
    }

    /** Finishes reported before this checkpoint's snapshot are now durable on both sides. */
    void checkpointComplete(long checkpointId) {
        uncheckpointedFinishes.removeIf(f -> f.afterCheckpointId < checkpointId);
    }

    private static final class UncheckpointedFinish {
        final int reader;
        final KinesisShardSplit split;
        final long afterCheckpointId;

        UncheckpointedFinish(int reader, KinesisShardSplit split, long afterCheckpointId) {
            this.reader = reader;
            this.split = split;
            this.afterCheckpointId = afterCheckpointId;
        }
    }
}
