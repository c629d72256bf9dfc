package io.trailstream.kinesis.enumerator;

import io.trailstream.kinesis.split.KinesisShardSplit;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the enumerator checkpoints: shards handed to readers and not yet finished, shards known but
 * not yet handed out (new, or children waiting for their parents), and shards read to their end.
 * Together they keep a restored job from reading a shard twice or a child before its parents.
 */
public final class KinesisEnumeratorState {

    private final List<KinesisShardSplit> assigned;
    private final List<KinesisShardSplit> unassigned;
    private final Set<String> finished;
    private final boolean initialDiscoveryDone;

    public KinesisEnumeratorState(
            List<KinesisShardSplit> assigned,
            List<KinesisShardSplit> unassigned,
            Set<String> finished,
            boolean initialDiscoveryDone) {
        this.assigned = List.copyOf(assigned);
        this.unassigned = List.copyOf(unassigned);
        this.finished = Set.copyOf(finished);
        this.initialDiscoveryDone = initialDiscoveryDone;
    }

    /** The state of a job that has not listed its stream yet. */
    public static KinesisEnumeratorState empty() {
        return new KinesisEnumeratorState(List.of(), List.of(), Set.of(), false);
    }

    public List<KinesisShardSplit> assigned() {
        return assigned;
    }

    public List<KinesisShardSplit> unassigned() {
        return unassigned;
    }

    public Set<String> finished() {
        return finished;
    }

    /**
     * Whether the first listing happened: shards first seen later are children of a reshard and
     * are read from TRIM_HORIZON whatever the configured start position.
     */
    public boolean initialDiscoveryDone() {
        return initialDiscoveryDone;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KinesisEnumeratorState)) {
            return false;
        }
        KinesisEnumeratorState that = (KinesisEnumeratorState) o;
        return initialDiscoveryDone == that.initialDiscoveryDone
                && Set.copyOf(assigned).equals(Set.copyOf(that.assigned))
                && Set.copyOf(unassigned).equals(Set.copyOf(that.unassigned))
                && finished.equals(that.finished);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Set.copyOf(assigned), Set.copyOf(unassigned), finished, initialDiscoveryDone);
    }

    @Override
    public String toString() {
        return "KinesisEnumeratorState{assigned=" + assigned + ", unassigned=" + unassigned + ", finished=" + finished
                + ", initialDiscoveryDone=" + initialDiscoveryDone + '}';
    }
}
