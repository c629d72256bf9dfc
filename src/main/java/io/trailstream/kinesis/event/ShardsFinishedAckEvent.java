package io.trailstream.kinesis.event;

import java.util.Set;
import org.apache.flink.api.connector.source.SourceEvent;

/**
 * Enumerator to reader: the end of these shards is recorded in the enumerator's state, so the
 * reader may drop them from its own checkpoints. Flink delivers an event sent after the
 * enumerator's checkpoint only after the reader's part of that checkpoint, so a shard is always in
 * at least one of the two states.
 */
public final class ShardsFinishedAckEvent implements SourceEvent {

    private static final long serialVersionUID = 1L;

    private final Set<String> shardIds;

    public ShardsFinishedAckEvent(Set<String> shardIds) {
        this.shardIds = Set.copyOf(shardIds);
    }

    public Set<String> shardIds() {
        return shardIds;
    }

    @Override
    public String toString() {
        return "ShardsFinishedAckEvent" + shardIds;
    }
}
