package io.trailstream.kinesis.proxy;

import io.trailstream.kinesis.split.ShardPosition;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;

/**
 * The three Kinesis calls the source makes on its one stream, and nothing else: the seam between the source's
 * logic (shard discovery, polling, pacing, retries) and the AWS SDK. {@link SdkStreamProxy} makes the calls;
 * the source's unit tests run against an in-memory stream behind this interface, without an emulator.
 *
 * <p>Failures are the SDK's exceptions as the service reports them ({@code ExpiredIteratorException},
 * {@code ProvisionedThroughputExceededException}, {@code ExpiredNextTokenException}, an {@code
 * SdkClientException} for a network error, ...): {@code kinesis.retry.KinesisErrors} sorts them, the caller
 * decides what to do.
 */
public interface StreamProxy extends AutoCloseable {

    /**
     * One page of ListShards: the first page of the stream when {@code nextToken} is null, else the page the
     * token points to.
     */
    ListShardsResponse listShards(String nextToken, int maxResults);

    /**
     * A shard iterator of {@code shardId} at {@code position}, which is not {@link ShardPosition.Type#SHARD_END}
     * (a finished shard has nothing left to iterate).
     */
    String shardIterator(String shardId, ShardPosition position);

    /** One GetRecords call: at most {@code limit} records, the next iterator (null once a closed shard ended). */
    GetRecordsResponse getRecords(String shardIterator, int limit);

    @Override
    void close();
}
