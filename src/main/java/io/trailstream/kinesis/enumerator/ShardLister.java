package io.trailstream.kinesis.enumerator;

import java.util.List;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * Lists every shard of the stream (open and closed, with parents). The enumerator calls it on a
 * worker thread; {@link ShardDiscovery} is the implementation that talks to Kinesis.
 */
@FunctionalInterface
public interface ShardLister extends AutoCloseable {

    List<Shard> listShards() throws Exception;

    @Override
    default void close() {}
}
