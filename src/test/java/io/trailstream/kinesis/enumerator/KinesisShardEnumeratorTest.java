package io.trailstream.kinesis.enumerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailstream.kinesis.config.KinesisSourceConfig;
import io.trailstream.kinesis.event.ReaderStartedEvent;
import io.trailstream.kinesis.event.ShardsFinishedAckEvent;
import io.trailstream.kinesis.event.ShardsFinishedEvent;
import io.trailstream.kinesis.split.KinesisShardSplit;
import io.trailstream.kinesis.split.ShardPosition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.util.FlinkRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * The enumerator's decisions, fed with shard listings as Kinesis returns them (SDK {@link Shard}
 * values), through Flink's mock enumerator context.
 */
class KinesisShardEnumeratorTest {

    private static final String S0 = "shardId-000000000000";
    private static final String S1 = "shardId-000000000001";
    private static final String S2 = "shardId-000000000002";
    private static final String S3 = "shardId-000000000003";
    private static final String S4 = "shardId-000000000004";

    private final List<MockSplitEnumeratorContext<KinesisShardSplit>> contexts = new ArrayList<>();

    @AfterEach
    void closeContexts() throws Exception {
        for (MockSplitEnumeratorContext<KinesisShardSplit> context : contexts) {
            context.close();
        }
    }

    @Test
    void spreadsShardsEvenlyOverReaders() {
        var context = context(3);
        var enumerator = enumerator(context, config(Map.of()), KinesisEnumeratorState.empty());
        registerReaders(context, enumerator, 0, 1, 2);

        enumerator.onShardsListed(List.of(open(S0), open(S1), open(S2), open(S3), open(S4)), null);

        Map<Integer, List<String>> assigned = assignedShards(context);
        assertThat(assigned.values().stream().mapToInt(List::size).sorted().toArray())
                .containsExactly(1, 2, 2);
        assertThat(assigned.values().stream().flatMap(List::stream)).containsExactlyInAnyOrder(S0, S1, S2, S3, S4);
    }

    @Test
    void leavesExtraReadersIdleWithFewerShards() {
        var context = context(2);
        var enumerator = enumerator(context, config(Map.of()), KinesisEnumeratorState.empty());
        registerReaders(context, enumerator, 0, 1);

        enumerator.onShardsListed(List.of(open(S0)), null);

        assertThat(assignedShards(context)).hasSize(1);
        assertThat(assignedShards(context).values().iterator().next()).containsExactly(S0);
    }

    @Test
    void waitsForReadersBeforeAssigning() {
        var context = context(2);
        var enumerator = enumerator(context, config(Map.of()), KinesisEnumeratorState.empty());

        enumerator.onShardsListed(List.of(open(S0), open(S1)), null);
        assertThat(context.getSplitsAssignmentSequence()).isEmpty();

        registerReaders(context, enumerator, 0, 1);
        assertThat(assignedShards(context)).containsOnlyKeys(0, 1);
    }

    @Test
    void assignsSplitChildrenOnlyAfterTheParentFinished() throws Exception {
        var context = context(2);
        var enumerator = enumerator(context, config(Map.of()), KinesisEnumeratorState.empty());
        registerReaders(context, enumerator, 0, 1);
        enumerator.onShardsListed(List.of(open(S0), open(S1)), null);
        int ownerOfS0 = ownerOf(context, S0);

        // S0 splits into S2 and S3: both children are listed while S0 still has records.
        enumerator.onShardsListed(List.of(closed(S0), open(S1), open(S2, S0), open(S3, S0)), null);
        assertThat(allAssigned(context)).containsExactlyInAnyOrder(S0, S1);

        enumerator.handleSourceEvent(ownerOfS0, new ShardsFinishedEvent(Set.of(S0)));

        assertThat(allAssigned(context)).containsExactlyInAnyOrder(S0, S1, S2, S3);
        KinesisShardSplit child = assignedSplit(context, S2);
        assertThat(child.position()).isEqualTo(ShardPosition.trimHorizon());
        assertThat(child.parentShardIds()).containsExactly(S0);
        assertThat(context.getSentSourceEvent().get(ownerOfS0))
                .anySatisfy(e -> assertThat(e)
                        .isInstanceOfSatisfying(
                                ShardsFinishedAckEvent.class,
                                ack -> assertThat(ack.shardIds()).containsExactly(S0)));
    }

    @Test
    void assignsMergedChildOnlyAfterBothParentsFinished() {
        var context = context(2);
        var enumerator = enumerator(context, config(Map.of()), KinesisEnumeratorState.empty());
        registerReaders(context, enumerator, 0, 1);
        enumerator.onShardsListed(List.of(open(S0), open(S1)), null);
        enumerator.onShardsListed(List.of(closed(S0), closed(S1), open(S2, S0, S1)), null);

        enumerator.handleSourceEvent(ownerOf(context, S0), new ShardsFinishedEvent(Set.of(S0)));
        assertThat(allAssigned(context)).doesNotContain(S2);

        enumerator.handleSourceEvent(ownerOf(context, S1), new ShardsFinishedEvent(Set.of(S1)));
        assertThat(allAssigned(context)).contains(S2);
        assertThat(assignedSplit(context, S2).parentShardIds()).containsExactly(S0, S1);
    }

    @Test
    void finishEventsAreIdempotent() {
        var context = context(1);
        var enumerator = enumerator(context, config(Map.of()), KinesisEnumeratorState.empty());
        registerReaders(context, enumerator, 0);
        enumerator.onShardsListed(List.of(open(S0)), null);
        enumerator.onShardsListed(List.of(closed(S0), open(S1, S0)), null);

        enumerator.handleSourceEvent(0, new ShardsFinishedEvent(Set.of(S0)));
        enumerator.handleSourceEvent(0, new ShardsFinishedEvent(Set.of(S0)));
        enumerator.onShardsListed(List.of(closed(S0), open(S1, S0)), null);

        assertThat(allAssigned(context)).containsExactly(S0, S1);
    }

    @Test
    void startsAtTheConfiguredPositionOnlyForTheFirstListing() {
        var context = context(1);
        var enumerator = enumerator(
                context,
                config(Map.of(
                        "source.start.position", "AT_TIMESTAMP", "source.start.timestamp", "2026-11-27T05:00:00Z")),
                KinesisEnumeratorState.empty());
        registerReaders(context, enumerator, 0);

        enumerator.onShardsListed(List.of(open(S0)), null);
        enumerator.onShardsListed(List.of(closed(S0), open(S1, S0)), null);
        enumerator.handleSourceEvent(0, new ShardsFinishedEvent(Set.of(S0)));

        assertThat(assignedSplit(context, S0).position())
                .isEqualTo(ShardPosition.atTimestamp(Instant.parse("2026-11-27T05:00:00Z")));
        assertThat(assignedSplit(context, S1).position()).isEqualTo(ShardPosition.trimHorizon());
    }

    @Test
    void latestSkipsClosedShardsAndFreesTheirChildren() {
        var context = context(1);
        var enumerator =
                enumerator(context, config(Map.of("source.start.position", "LATEST")), KinesisEnumeratorState.empty());
        registerReaders(context, enumerator, 0);

        enumerator.onShardsListed(List.of(closed(S0), open(S1, S0), open(S2)), null);

        assertThat(allAssigned(context)).containsExactlyInAnyOrder(S1, S2);
        assertThat(assignedSplit(context, S1).position()).isEqualTo(ShardPosition.latest());
        assertThat(enumerator.snapshotState(1).finished()).containsExactly(S0);
    }

    @Test
    void restoredStateKeepsAssignmentsAndWaitingChildren() throws Exception {
        var context = context(2);
        var enumerator = enumerator(context, config(Map.of()), KinesisEnumeratorState.empty());
        registerReaders(context, enumerator, 0, 1);
        enumerator.onShardsListed(List.of(open(S0), open(S1)), null);
        enumerator.onShardsListed(List.of(closed(S0), open(S1), open(S2, S0), open(S3, S0)), null);
        KinesisEnumeratorState state = enumerator.snapshotState(7);

        KinesisEnumeratorStateSerializer serializer = new KinesisEnumeratorStateSerializer();
        KinesisEnumeratorState restoredState =
                serializer.deserialize(serializer.getVersion(), serializer.serialize(state));
        assertThat(restoredState).isEqualTo(state);
        assertThat(restoredState.assigned().stream().map(KinesisShardSplit::shardId))
                .containsExactlyInAnyOrder(S0, S1);
        assertThat(restoredState.unassigned().stream().map(KinesisShardSplit::shardId))
                .containsExactly(S2, S3);

        var restoredContext = context(2);
        var restored = enumerator(restoredContext, config(Map.of()), restoredState);
        registerReaders(restoredContext, restored, 0, 1);
        restored.onShardsListed(List.of(closed(S0), open(S1), open(S2, S0), open(S3, S0)), null);
        assertThat(restoredContext.getSplitsAssignmentSequence())
                .as("nothing is assigned twice, children still wait")
                .isEmpty();

        restored.handleSourceEvent(1, new ShardsFinishedEvent(Set.of(S0)));
        assertThat(allAssigned(restoredContext)).containsExactlyInAnyOrder(S2, S3);
        assertThat(restored.snapshotState(8))
                .isEqualTo(new KinesisEnumeratorState(
                        List.of(
                                state.assigned().stream()
                                        .filter(s -> s.shardId().equals(S1))
                                        .findFirst()
                                        .orElseThrow(),
                                assignedSplit(restoredContext, S2),
                                assignedSplit(restoredContext, S3)),
                        List.of(),
                        Set.of(S0),
                        true));
    }

    @Test
    void readerFailoverReturnsItsUncheckpointedSplits() {
        var context = context(2);
        var enumerator = enumerator(context, config(Map.of()), KinesisEnumeratorState.empty());
        registerReaders(context, enumerator, 0, 1);
        enumerator.onShardsListed(List.of(open(S0), open(S1)), null);
        int owner = ownerOf(context, S0);
        KinesisShardSplit split = assignedSplit(context, S0);

        context.unregisterReader(owner);
        enumerator.addSplitsBack(List.of(split), owner);
        assertThat(enumerator.snapshotState(1).unassigned()).containsExactly(split);

        registerReaders(context, enumerator, owner);
        assertThat(context.getSplitsAssignmentSequence()
                        .get(context.getSplitsAssignmentSequence().size() - 1)
                        .assignment())
                .containsEntry(owner, List.of(split));
    }

    @Test
    void holdsBackAFinishReportedAfterTheCheckpointUntilTheReaderRestarts() {
        var context = context(2);
        var enumerator = enumerator(context, config(Map.of()), KinesisEnumeratorState.empty());
        registerReaders(context, enumerator, 0, 1);
        enumerator.onShardsListed(List.of(open(S0), open(S1)), null);
        int owner = ownerOf(context, S0);
        enumerator.snapshotState(1);
        enumerator.notifyCheckpointComplete(1);
        enumerator.onShardsListed(List.of(closed(S0), open(S1), open(S2, S0)), null);

        // S0 finishes after checkpoint 1, then its reader fails and restores checkpoint 1.
        enumerator.handleSourceEvent(owner, new ShardsFinishedEvent(Set.of(S0)));
        assertThat(allAssigned(context)).contains(S2);
        assertThat(ownerOf(context, S2))
                .as("the least loaded reader gets the child")
                .isEqualTo(owner);
        KinesisShardSplit child = assignedSplit(context, S2);
        context.unregisterReader(owner);
        enumerator.addSplitsBack(List.of(child), owner);
        int assignmentsBefore = context.getSplitsAssignmentSequence().size();

        // The restarted reader restored S0 (it will read its tail again): S2 must wait.
        registerReaders(context, enumerator, owner);
        enumerator.handleSourceEvent(owner, new ReaderStartedEvent(Set.of(S0)));
        assertThat(context.getSplitsAssignmentSequence()).hasSize(assignmentsBefore);
        assertThat(enumerator.snapshotState(2).unassigned()).containsExactly(child);

        enumerator.handleSourceEvent(owner, new ShardsFinishedEvent(Set.of(S0)));
        assertThat(context.getSplitsAssignmentSequence()).hasSize(assignmentsBefore + 1);
        assertThat(assignedSplit(context, S2)).isEqualTo(child);
        assertThat(enumerator.snapshotState(3).finished()).contains(S0);
    }

    @Test
    void aFinishNotInTheRestartedReadersStateStaysFinished() {
        var context = context(1);
        var enumerator = enumerator(context, config(Map.of()), KinesisEnumeratorState.empty());
        registerReaders(context, enumerator, 0);
        enumerator.onShardsListed(List.of(open(S0)), null);
        enumerator.snapshotState(1);
        enumerator.notifyCheckpointComplete(1);
        enumerator.onShardsListed(List.of(closed(S0), open(S1, S0)), null);
        enumerator.handleSourceEvent(0, new ShardsFinishedEvent(Set.of(S0)));
        KinesisShardSplit child = assignedSplit(context, S1);

        context.unregisterReader(0);
        enumerator.addSplitsBack(List.of(child), 0);
        registerReaders(context, enumerator, 0);
        assertThat(enumerator.snapshotState(2).unassigned()).containsExactly(child);

        enumerator.handleSourceEvent(0, new ReaderStartedEvent(Set.of()));

        assertThat(enumerator.snapshotState(3).finished()).containsExactly(S0);
        assertThat(enumerator.snapshotState(3).unassigned()).isEmpty();
    }

    @Test
    void failsTheJobOnPermanentDiscoveryErrorsAndToleratesTransientOnes() {
        var context = context(1);
        var enumerator =
                enumerator(context, config(Map.of("source.retry.max-attempts", "3")), KinesisEnumeratorState.empty());
        SdkClientException network = SdkClientException.create("connection refused");

        enumerator.onShardsListed(null, network);
        enumerator.onShardsListed(null, network);
        assertThatThrownBy(() -> enumerator.onShardsListed(null, network))
                .isInstanceOf(FlinkRuntimeException.class)
                .hasMessageContaining("3 time(s) in a row");

        var other = enumerator(context(1), config(Map.of()), KinesisEnumeratorState.empty());
        assertThatThrownBy(() -> other.onShardsListed(
                        null,
                        ResourceNotFoundException.builder()
                                .message("Stream it not found")
                                .build()))
                .isInstanceOf(FlinkRuntimeException.class)
                .hasMessageContaining("listing the shards of arn:aws:kinesis:us-east-1:000000000000:stream/it")
                .hasRootCauseMessage("Stream it not found");
    }

    // ---------------------------------------------------------------------------------------

    private MockSplitEnumeratorContext<KinesisShardSplit> context(int parallelism) {
        var context = new MockSplitEnumeratorContext<KinesisShardSplit>(parallelism);
        contexts.add(context);
        return context;
    }

    private static KinesisShardEnumerator enumerator(
            MockSplitEnumeratorContext<KinesisShardSplit> context,
            KinesisSourceConfig config,
            KinesisEnumeratorState state) {
        ShardLister notCalled = () -> {
            throw new AssertionError("these tests feed listings directly");
        };
        return new KinesisShardEnumerator(context, config, notCalled, state);
    }

    private static KinesisSourceConfig config(Map<String, String> extra) {
        Map<String, String> options = new HashMap<>(extra);
        options.put("stream.arn", "arn:aws:kinesis:us-east-1:000000000000:stream/it");
        return KinesisSourceConfig.from(Configuration.fromMap(options));
    }

    private static void registerReaders(
            MockSplitEnumeratorContext<KinesisShardSplit> context, KinesisShardEnumerator enumerator, int... ids) {
        for (int id : ids) {
            context.registerReader(new ReaderInfo(id, "localhost"));
            enumerator.addReader(id);
        }
    }

    private static Shard open(String id, String... parents) {
        return shard(id, null, parents);
    }

    private static Shard closed(String id, String... parents) {
        return shard(id, "99", parents);
    }

    private static Shard shard(String id, String endingSequence, String... parents) {
        return Shard.builder()
                .shardId(id)
                .parentShardId(parents.length > 0 ? parents[0] : null)
                .adjacentParentShardId(parents.length > 1 ? parents[1] : null)
                .sequenceNumberRange(r -> r.startingSequenceNumber("1").endingSequenceNumber(endingSequence))
                .build();
    }

    private static Map<Integer, List<String>> assignedShards(MockSplitEnumeratorContext<KinesisShardSplit> context) {
        Map<Integer, List<String>> byReader = new HashMap<>();
        for (SplitsAssignment<KinesisShardSplit> a : context.getSplitsAssignmentSequence()) {
            a.assignment()
                    .forEach((reader, splits) ->
                            splits.forEach(s -> byReader.computeIfAbsent(reader, k -> new ArrayList<>())
                                    .add(s.shardId())));
        }
        return byReader;
    }

    private static List<String> allAssigned(MockSplitEnumeratorContext<KinesisShardSplit> context) {
        return assignedShards(context).values().stream()
                .flatMap(List::stream)
                .sorted()
                .collect(Collectors.toList());
    }

    private static int ownerOf(MockSplitEnumeratorContext<KinesisShardSplit> context, String shardId) {
        return assignedShards(context).entrySet().stream()
                .filter(e -> e.getValue().contains(shardId))
                .map(Map.Entry::getKey)
                .reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError(shardId + " not assigned"));
    }

    private static KinesisShardSplit assignedSplit(
            MockSplitEnumeratorContext<KinesisShardSplit> context, String shardId) {
        return context.getSplitsAssignmentSequence().stream()
                .flatMap(a -> a.assignment().values().stream())
                .flatMap(List::stream)
                .filter(s -> s.shardId().equals(shardId))
                .reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError(shardId + " not assigned"));
    }
}
