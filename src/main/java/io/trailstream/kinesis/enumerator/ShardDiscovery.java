package io.trailstream.kinesis.enumerator;

import io.trailstream.kinesis.proxy.StreamProxy;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.model.ExpiredNextTokenException;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * ListShards over all pages of the stream behind a {@link StreamProxy}; an expired token restarts the
 * listing. Errors go to the enumerator, which decides whether to retry at the next interval or fail the job.
 */
public final class ShardDiscovery implements ShardLister {

    static final int DEFAULT_PAGE_SIZE = 1000;
    private static final int MAX_RESTARTS = 3;

    private final StreamProxy proxy;
    private final int pageSize;

    /** Discovery over {@code proxy}, which it owns: {@link #close()} closes it. */
    public ShardDiscovery(StreamProxy proxy) {
        this(proxy, DEFAULT_PAGE_SIZE);
    }

    /** As {@link #ShardDiscovery(StreamProxy)}, asking for {@code pageSize} shards per ListShards call. */
    public ShardDiscovery(StreamProxy proxy, int pageSize) {
        this.proxy = proxy;
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
                response = proxy.listShards(token, pageSize);
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

    @Override
    public void close() {
        proxy.close();
    }
}
