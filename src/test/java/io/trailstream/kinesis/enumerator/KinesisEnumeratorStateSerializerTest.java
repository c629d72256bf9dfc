package io.trailstream.kinesis.enumerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailstream.kinesis.split.KinesisShardSplit;
import io.trailstream.kinesis.split.ShardPosition;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KinesisEnumeratorStateSerializerTest {

    private final KinesisEnumeratorStateSerializer serializer = new KinesisEnumeratorStateSerializer();

    @Test
    void roundTrips() throws IOException {
        KinesisEnumeratorState state = new KinesisEnumeratorState(
                List.of(
                        new KinesisShardSplit("shardId-000000000001", ShardPosition.trimHorizon(), List.of()),
                        new KinesisShardSplit(
                                "shardId-000000000003",
                                ShardPosition.afterSequenceNumber("123"),
                                List.of("shardId-000000000000"))),
                List.of(new KinesisShardSplit(
                        "shardId-000000000005",
                        ShardPosition.trimHorizon(),
                        List.of("shardId-000000000003", "shardId-000000000004"))),
                Set.of("shardId-000000000000", "shardId-000000000002"),
                true);

        KinesisEnumeratorState copy = serializer.deserialize(serializer.getVersion(), serializer.serialize(state));

        assertThat(copy).isEqualTo(state);
        assertThat(copy.assigned()).containsExactlyInAnyOrderElementsOf(state.assigned());
        assertThat(copy.unassigned()).containsExactlyElementsOf(state.unassigned());
        assertThat(copy.finished()).isEqualTo(state.finished());
        assertThat(copy.initialDiscoveryDone()).isTrue();
    }

    @Test
    void roundTripsTheEmptyState() throws IOException {
        KinesisEnumeratorState empty = KinesisEnumeratorState.empty();
        assertThat(serializer.deserialize(1, serializer.serialize(empty))).isEqualTo(empty);
    }

    /** Version 1 as documented, written independently of the serializer: must stay readable. */
    @Test
    void readsVersion1Bytes() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(1); // split serializer version
        out.writeBoolean(true);
        out.writeInt(1); // assigned
        out.writeUTF("shardId-000000000001");
        out.writeByte(0); // TRIM_HORIZON
        out.writeInt(0);
        out.writeInt(1); // unassigned
        out.writeUTF("shardId-000000000002");
        out.writeByte(0);
        out.writeInt(1);
        out.writeUTF("shardId-000000000000");
        out.writeInt(1); // finished
        out.writeUTF("shardId-000000000009");

        KinesisEnumeratorState state = serializer.deserialize(1, bytes.toByteArray());

        assertThat(state)
                .isEqualTo(new KinesisEnumeratorState(
                        List.of(new KinesisShardSplit("shardId-000000000001", ShardPosition.trimHorizon(), List.of())),
                        List.of(new KinesisShardSplit(
                                "shardId-000000000002", ShardPosition.trimHorizon(), List.of("shardId-000000000000"))),
                        Set.of("shardId-000000000009"),
                        true));
    }

    @Test
    void rejectsUnknownVersion() throws IOException {
        byte[] bytes = serializer.serialize(KinesisEnumeratorState.empty());
        assertThatThrownBy(() -> serializer.deserialize(7, bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 7");
    }
}
