package io.trailstream.kinesis.enumerator;

import software.amazon.awssdk.services.kinesis.model.Shard;

import java.util.List;

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
