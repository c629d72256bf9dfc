package io.trailstream.kinesis.split;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Writes splits into checkpoints and savepoints. Versioned: a new field means a new version here,
 * with {@link #deserialize} still reading every older one, so savepoints survive upgrades.
 *
 * <p>Version 1: shard id (UTF), position type (byte), sequence number (UTF) for
 * AFTER_SEQUENCE_NUMBER or epoch millis (long) for AT_TIMESTAMP, parent count (int) and parent ids
 * (UTF).
 */
public final class KinesisShardSplitSerializer implements SimpleVersionedSerializer<KinesisShardSplit> {

    public static final KinesisShardSplitSerializer INSTANCE = new KinesisShardSplitSerializer();

    static final int VERSION_1 = 1;
    static final int CURRENT_VERSION = VERSION_1;

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public byte[] serialize(KinesisShardSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public KinesisShardSplit deserialize(int version, byte[] serialized) throws IOException {
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        KinesisShardSplit split = read(version, in);
        if (in.available() > 0) {
            throw new IOException("Trailing " + in.available() + " bytes after a Kinesis split");
        }
        return split;
    }

    /** Writes in the current version, for nesting in other serializers. */
    public void write(KinesisShardSplit split, DataOutputView out) throws IOException {
        out.writeUTF(split.shardId());
        ShardPosition position = split.position();
        out.writeByte(position.type().ordinal());
        switch (position.type()) {
            case AFTER_SEQUENCE_NUMBER:
                out.writeUTF(position.sequenceNumber());
                break;
            case AT_TIMESTAMP:
                out.writeLong(position.timestamp().toEpochMilli());
                break;
            default:
                break;
        }
        out.writeInt(split.parentShardIds().size());
        for (String parent : split.parentShardIds()) {
            out.writeUTF(parent);
        }
    }

    /** Reads a split written in {@code version}. */
    public KinesisShardSplit read(int version, DataInputView in) throws IOException {
        if (version != VERSION_1) {
            throw new IOException("Unknown Kinesis split version " + version + " (this build reads 1 to "
                    + CURRENT_VERSION + "); was the checkpoint written by a newer build?");
        }
        String shardId = in.readUTF();
        int typeOrdinal = in.readByte();
        ShardPosition.Type[] types = ShardPosition.Type.values();
        if (typeOrdinal < 0 || typeOrdinal >= types.length) {
            throw new IOException("Unknown shard position type " + typeOrdinal + " for " + shardId);
        }
        ShardPosition position;
        switch (types[typeOrdinal]) {
            case TRIM_HORIZON:
                position = ShardPosition.trimHorizon();
                break;
            case LATEST:
                position = ShardPosition.latest();
                break;
            case AT_TIMESTAMP:
                position = ShardPosition.atTimestamp(Instant.ofEpochMilli(in.readLong()));
                break;
            case AFTER_SEQUENCE_NUMBER:
                position = ShardPosition.afterSequenceNumber(in.readUTF());
                break;
            default:
                position = ShardPosition.shardEnd();
                break;
        }
        int parents = in.readInt();
        if (parents < 0 || parents > 2) {
            throw new IOException("A shard has at most 2 parents, read " + parents + " for " + shardId);
        }
        List<String> parentIds = new ArrayList<>(parents);
        for (int i = 0; i < parents; i++) {
            parentIds.add(in.readUTF());
        }
        return new KinesisShardSplit(shardId, position, parentIds);
    }
}
