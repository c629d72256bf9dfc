package io.trailstream.kinesis.enumerator;

import io.trailstream.kinesis.config.KinesisSourceConfig;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredNextTokenException;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * ListShards over all pages, by stream ARN or name. Later pages carry only the NextToken, as the
 * API demands; an expired token restarts the listing. Errors go to the enumerator, which decides
 * whether to retry at the next interval or fail the job.
 */
public final class ShardDiscovery implements ShardLister {

    static final int DEFAULT_PAGE_SIZE = 1000;
    private static final int MAX_RESTARTS = 3;

    private final KinesisClient client;
    private final KinesisSourceConfig config;
    private final int pageSize;

    public ShardDiscovery(KinesisClient client, KinesisSourceConfig config) {
        this(client, config, DEFAULT_PAGE_SIZE);
    }

    ShardDiscovery(KinesisClient client, KinesisSourceConfig config, int pageSize) {
        this.client = client;
        this.config = config;
        this.pageSize = pageSize;
    }

    @Override
    public List<Shard> listShards() {
        List<Shard> shards = new ArrayList<>();
        String token = null;
        int restarts = 0;
        while (true) {
            ListShardsResponse response;
            try {
                response = client.listShards(request(token));
            } catch (ExpiredNextTokenException e) {
                if (++restarts > MAX_RESTARTS) {
                    throw e;
                }
                shards.clear();
                token = null;
                continue;
            }
            shards.addAll(response.shards());
            token = response.nextToken();
            if (token == null || token.isEmpty()) {
                return shards;
            }
        }
    }

    private ListShardsRequest request(String token) {
        ListShardsRequest.Builder request = ListShardsRequest.builder().maxResults(pageSize);
        if (token != null) {
            return request.nextToken(token).build();
        }
        return config.streamArn() != null
                ? request.streamARN(config.streamArn()).build()
                : request.streamName(config.streamName()).build();
    }

    @Override
    public void close() {
        client.close();
    }
}
