package io.trailstream.kinesis.enumerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailstream.aws.AwsClients;
import io.trailstream.kinesis.config.KinesisSourceConfig;
import io.trailstream.testing.KinesisEmulator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;

/** ListShards pagination and parents against a real Kinesis API server. */
class ShardDiscoveryTest {

    @RegisterExtension
    static final KinesisEmulator KINESIS = KinesisEmulator.shared();

    @Test
    void listsAllPagesByArnAndByName() {
        KINESIS.createStream("discovery-pages", 5);
        KINESIS.splitShard("discovery-pages", "shardId-000000000002");

        List<String> byArn = ids(discovery(Map.of("stream.arn", KinesisEmulator.streamArn("discovery-pages")), 2));
        List<String> byName = ids(discovery(Map.of("stream.name", "discovery-pages"), 3));

        assertThat(byArn)
                .containsExactly(
                        "shardId-000000000000",
                        "shardId-000000000001",
                        "shardId-000000000002",
                        "shardId-000000000003",
                        "shardId-000000000004",
                        "shardId-000000000005",
                        "shardId-000000000006");
        assertThat(byName).isEqualTo(byArn);
    }

    @Test
    void reportsParentsOfSplitAndMergedShards() {
        KINESIS.createStream("discovery-parents", 2);
        KINESIS.mergeShards("discovery-parents", "shardId-000000000000", "shardId-000000000001");

        List<Shard> shards = discovery(Map.of("stream.name", "discovery-parents"), 1000);

        Shard merged = shards.stream()
                .filter(s -> s.shardId().equals("shardId-000000000002"))
                .findFirst()
                .orElseThrow();
        assertThat(List.of(merged.parentShardId(), merged.adjacentParentShardId()))
                .containsExactlyInAnyOrder("shardId-000000000000", "shardId-000000000001");
        assertThat(shards.get(0).sequenceNumberRange().endingSequenceNumber())
                .as("parent is closed")
                .isNotNull();
    }

    @Test
    void aMissingStreamIsAPermanentError() {
        assertThatThrownBy(() -> discovery(Map.of("stream.name", "no-such-stream"), 1000))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    private static List<Shard> discovery(Map<String, String> stream, int pageSize) {
        Map<String, String> options = new HashMap<>(KINESIS.sourceOptions("unused"));
        options.remove("stream.arn");
        options.putAll(stream);
        KinesisSourceConfig config = KinesisSourceConfig.from(Configuration.fromMap(options));
        try (ShardDiscovery discovery =
                new ShardDiscovery(AwsClients.kinesis(config.clientSettings()), config, pageSize)) {
            return discovery.listShards();
        }
    }

    private static List<String> ids(List<Shard> shards) {
        return shards.stream().map(Shard::shardId).collect(Collectors.toList());
    }
}
