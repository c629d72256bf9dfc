package io.trailstream.kinesis.event;

import java.util.Set;
import org.apache.flink.api.connector.source.SourceEvent;

/**
 * Reader to enumerator: these shards were read to their end and every record of them was emitted.
 * Only then may the enumerator hand out their children. Sent again after a restore until {@link
 * ShardsFinishedAckEvent} confirms it, so it must be handled idempotently.
 */
public final class ShardsFinishedEvent implements SourceEvent {

    private static final long serialVersionUID = 1L;

    private final Set<String> shardIds;

    public ShardsFinishedEvent(Set<String> shardIds) {
        this.shardIds = Set.copyOf(shardIds);
    }

    public Set<String> shardIds() {
        return shardIds;
    }

    @Override
    public String toString() {
        return "ShardsFinishedEvent" + shardIds;
    }
}
