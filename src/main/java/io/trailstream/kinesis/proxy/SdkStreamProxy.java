package io.trailstream.kinesis.proxy;

import io.trailstream.aws.AwsClients;
import io.trailstream.kinesis.config.KinesisSourceConfig;
import io.trailstream.kinesis.split.ShardPosition;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * {@link StreamProxy} on the AWS SDK's {@link KinesisClient}, addressing the stream by ARN when the config
 * has one (needed for a stream of another account) and by name otherwise. It holds no state besides the
 * client: iterators, positions and retries belong to the callers.
 */
public final class SdkStreamProxy implements StreamProxy {

    private final KinesisClient client;
    private final String streamArn;
    private final String streamName;

    /** A proxy owning {@code client}: {@link #close()} closes it. */
    public SdkStreamProxy(KinesisClient client, String streamArn, String streamName) {
        if (streamArn == null && streamName == null) {
            throw new IllegalArgumentException("a stream ARN or a stream name is required");
        }
        this.client = client;
        this.streamArn = streamArn;
        this.streamName = streamName;
    }

    /** A proxy with a client of its own, built from the source's client settings. */
    public static SdkStreamProxy create(KinesisSourceConfig config) {
        return new SdkStreamProxy(AwsClients.kinesis(config.clientSettings()), config.streamArn(), config.streamName());
    }

    @Override
    public ListShardsResponse listShards(String nextToken, int maxResults) {
        ListShardsRequest.Builder request = ListShardsRequest.builder().maxResults(maxResults);
        if (nextToken != null) {
            // Later pages carry only the token, as the API demands.
            request.nextToken(nextToken);
        } else if (streamArn != null) {
            request.streamARN(streamArn);
        } else {
            request.streamName(streamName);
        }
        return client.listShards(request.build());
    }

    @Override
    public String shardIterator(String shardId, ShardPosition position) {
        GetShardIteratorRequest.Builder request =
                GetShardIteratorRequest.builder().shardId(shardId);
        if (streamArn != null) {
            request.streamARN(streamArn);
        } else {
            request.streamName(streamName);
        }
        switch (position.type()) {
            case TRIM_HORIZON:
                request.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
                break;
            case LATEST:
                request.shardIteratorType(ShardIteratorType.LATEST);
                break;
            case AT_TIMESTAMP:
                request.shardIteratorType(ShardIteratorType.AT_TIMESTAMP).timestamp(position.timestamp());
                break;
            case AFTER_SEQUENCE_NUMBER:
                request.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                        .startingSequenceNumber(position.sequenceNumber());
                break;
            default:
                throw new IllegalArgumentException("No shard iterator for position " + position + " of " + shardId);
        }
        return client.getShardIterator(request.build()).shardIterator();
    }

    @Override
    public GetRecordsResponse getRecords(String shardIterator, int limit) {
        GetRecordsRequest.Builder request =
                GetRecordsRequest.builder().shardIterator(shardIterator).limit(limit);
        if (streamArn != null) {
            request.streamARN(streamArn);
        }
        return client.getRecords(request.build());
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "SdkStreamProxy{" + (streamArn != null ? streamArn : streamName) + "}";
    }
}
