package io.trailstream.kinesis.enumerator;

import static io.trailstream.kinesis.proxy.InMemoryStream.Call.LIST_SHARDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailstream.kinesis.proxy.InMemoryStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.ExpiredNextTokenException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;

/** ListShards over all pages, restarts on expired tokens, parents: against an in-memory stream. */
class ShardDiscoveryTest {

    @Test
    void listsAllPagesInOrder() {
        InMemoryStream stream = new InMemoryStream(5);
        stream.split(InMemoryStream.shardId(2));

        for (int pageSize : new int[] {2, 3, 1000}) {
            assertThat(ids(new ShardDiscovery(stream, pageSize).listShards()))
                    .as("pages of %s", pageSize)
                    .containsExactly(ids(0, 1, 2, 3, 4, 5, 6));
        }
        assertThat(stream.calls(LIST_SHARDS))
                .extracting(InMemoryStream.Logged::argument)
                .as("the first page without a token, the others with the token")
                .containsExactly(null, "2/0", "4/0", "6/0", null, "3/0", "6/0", null);
    }

    @Test
    void anExpiredTokenRestartsTheListingWithoutRepeats() {
        InMemoryStream stream = new InMemoryStream(5);
        // The tokens expire once the first page was handed out.
        stream.afterNext(LIST_SHARDS, stream::expireTokens);

        List<String> listed = ids(new ShardDiscovery(stream, 2).listShards());

        assertThat(listed).containsExactly(ids(0, 1, 2, 3, 4));
        assertThat(stream.calls(LIST_SHARDS))
                .extracting(InMemoryStream.Logged::argument)
                .containsExactly(null, "2/0", null, "2/1", "4/1");
    }

    @Test
    void tokensExpiringOverAndOverFailTheListing() {
        InMemoryStream stream = new InMemoryStream(5);
        stream.failNext(
                LIST_SHARDS,
                ExpiredNextTokenException.builder().message("1").build(),
                ExpiredNextTokenException.builder().message("2").build(),
                ExpiredNextTokenException.builder().message("3").build(),
                ExpiredNextTokenException.builder().message("4").build());

        assertThatThrownBy(() -> new ShardDiscovery(stream, 2).listShards())
                .isInstanceOf(ExpiredNextTokenException.class)
                .hasMessageContaining("4");
    }

    @Test
    void reportsParentsOfSplitAndMergedShards() {
        InMemoryStream stream = new InMemoryStream(2);
        String merged = stream.merge(InMemoryStream.shardId(0), InMemoryStream.shardId(1));

        List<Shard> shards = new ShardDiscovery(stream).listShards();

        Shard child = shards.stream()
                .filter(s -> s.shardId().equals(merged))
                .findFirst()
                .orElseThrow();
        assertThat(List.of(child.parentShardId(), child.adjacentParentShardId()))
                .containsExactlyInAnyOrder(InMemoryStream.shardId(0), InMemoryStream.shardId(1));
        assertThat(shards.get(0).sequenceNumberRange().endingSequenceNumber())
                .as("parent is closed")
                .isNotNull();
        assertThat(child.sequenceNumberRange().endingSequenceNumber())
                .as("child is open")
                .isNull();
    }

    @Test
    void otherErrorsReachTheEnumerator() {
        InMemoryStream stream = new InMemoryStream(1);
        stream.failNext(
                LIST_SHARDS,
                ResourceNotFoundException.builder().message("no stream").build());

        assertThatThrownBy(() -> new ShardDiscovery(stream).listShards()).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void closingTheDiscoveryClosesItsProxy() {
        InMemoryStream stream = new InMemoryStream(1);

        new ShardDiscovery(stream).close();

        assertThat(stream.closes()).isEqualTo(1);
    }

    private static String[] ids(int... indexes) {
        return Arrays.stream(indexes).mapToObj(InMemoryStream::shardId).toArray(String[]::new);
    }

    private static List<String> ids(List<Shard> shards) {
        return shards.stream().map(Shard::shardId).toList();
    }
}
