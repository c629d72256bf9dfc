package io.trailstream.kinesis.event;

import java.util.Set;
import org.apache.flink.api.connector.source.SourceEvent;

/**
 * Reader to enumerator, once per reader start: the shards the reader restored from its checkpoint.
 * After a failover of one reader the enumerator uses it to tell shards that the reader will read
 * (or report finished) again from shards that stay finished.
 */
public final class ReaderStartedEvent implements SourceEvent {

    private static final long serialVersionUID = 1L;

    private final Set<String> restoredShardIds;

    public ReaderStartedEvent(Set<String> restoredShardIds) {
        this.restoredShardIds = Set.copyOf(restoredShardIds);
    }

    public Set<String> restoredShardIds() {
        return restoredShardIds;
    }

    @Override
    public String toString() {
        return "ReaderStartedEvent" + restoredShardIds;
    }
}
