package io.trailstream.kinesis.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KinesisShardSplitSerializerTest {

    private final KinesisShardSplitSerializer serializer = KinesisShardSplitSerializer.INSTANCE;

    static Stream<KinesisShardSplit> splits() {
        return Stream.of(
                new KinesisShardSplit("shardId-000000000000", ShardPosition.trimHorizon(), List.of()),
                new KinesisShardSplit("shardId-000000000001", ShardPosition.latest(), List.of()),
                new KinesisShardSplit(
                        "shardId-000000000002",
                        ShardPosition.atTimestamp(Instant.ofEpochMilli(1_795_000_000_123L)),
                        List.of()),
                new KinesisShardSplit(
                        "shardId-000000000003",
                        ShardPosition.afterSequenceNumber("49680604827497257185470690056422998447662655343647784962"),
                        List.of("shardId-000000000000")),
                new KinesisShardSplit(
                        "shardId-000000000004",
                        ShardPosition.shardEnd(),
                        List.of("shardId-000000000002", "shardId-000000000003")));
    }

    @ParameterizedTest
    @MethodSource("splits")
    void roundTripsEveryPositionType(KinesisShardSplit split) throws IOException {
        byte[] bytes = serializer.serialize(split);
        assertThat(serializer.deserialize(serializer.getVersion(), bytes)).isEqualTo(split);
    }

    /** Version 1 as documented, written independently of the serializer: must stay readable. */
    @Test
    void readsVersion1Bytes() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeUTF("shardId-000000000007");
        out.writeByte(3); // AFTER_SEQUENCE_NUMBER
        out.writeUTF("4968060482749725718547069005642299844766265534364778496");
        out.writeInt(2);
        out.writeUTF("shardId-000000000005");
        out.writeUTF("shardId-000000000006");

        KinesisShardSplit split = serializer.deserialize(1, bytes.toByteArray());

        assertThat(split)
                .isEqualTo(new KinesisShardSplit(
                        "shardId-000000000007",
                        ShardPosition.afterSequenceNumber("4968060482749725718547069005642299844766265534364778496"),
                        List.of("shardId-000000000005", "shardId-000000000006")));
        assertThat(serializer.serialize(split)).isEqualTo(bytes.toByteArray());
    }

    @Test
    void readsVersion1AtTimestamp() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeUTF("shardId-000000000001");
        out.writeByte(2); // AT_TIMESTAMP
        out.writeLong(1_795_000_000_123L);
        out.writeInt(0);

        assertThat(serializer.deserialize(1, bytes.toByteArray()))
                .isEqualTo(new KinesisShardSplit(
                        "shardId-000000000001",
                        ShardPosition.atTimestamp(Instant.ofEpochMilli(1_795_000_000_123L)),
                        List.of()));
    }

    @Test
    void rejectsUnknownVersionsAndTrailingBytes() throws IOException {
        byte[] bytes = serializer.serialize(splits().findFirst().orElseThrow());
        assertThatThrownBy(() -> serializer.deserialize(2, bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 2");
        byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> serializer.deserialize(1, longer))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Trailing 1 bytes");
    }

    @Test
    void checkpointedStateContinuesAfterTheLastEmittedRecord() {
        KinesisShardSplit assigned =
                new KinesisShardSplit("shardId-000000000000", ShardPosition.trimHorizon(), List.of());
        KinesisShardSplitState state = new KinesisShardSplitState(assigned);
        assertThat(state.toSplit()).isEqualTo(assigned);

        state.setLastEmittedSequenceNumber("42");

        assertThat(state.toSplit().position()).isEqualTo(ShardPosition.afterSequenceNumber("42"));
        assertThat(state.toSplit().parentShardIds()).isEmpty();
    }
}
