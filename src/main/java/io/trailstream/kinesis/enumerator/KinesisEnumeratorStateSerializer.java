package io.trailstream.kinesis.enumerator;

import io.trailstream.kinesis.split.KinesisShardSplit;
import io.trailstream.kinesis.split.KinesisShardSplitSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Writes the enumerator's state into checkpoints and savepoints. Versioned like the split
 * serializer, whose version it records so that either can evolve on its own.
 *
 * <p>Version 1: split serializer version (int), initial discovery done (boolean), assigned splits,
 * unassigned splits (each as count + splits), finished shard ids (count + UTF).
 */
public final class KinesisEnumeratorStateSerializer implements SimpleVersionedSerializer<KinesisEnumeratorState> {

    static final int VERSION_1 = 1;
    static final int CURRENT_VERSION = VERSION_1;

    private final KinesisShardSplitSerializer splitSerializer = KinesisShardSplitSerializer.INSTANCE;

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public byte[] serialize(KinesisEnumeratorState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        out.writeInt(splitSerializer.getVersion());
        out.writeBoolean(state.initialDiscoveryDone());
        writeSplits(state.assigned(), out);
        writeSplits(state.unassigned(), out);
        out.writeInt(state.finished().size());
        for (String shardId : state.finished()) {
            out.writeUTF(shardId);
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public KinesisEnumeratorState deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION_1) {
            throw new IOException("Unknown Kinesis enumerator state version " + version + " (this build reads 1 to "
                    + CURRENT_VERSION + "); was the checkpoint written by a newer build?");
        }
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        int splitVersion = in.readInt();
        boolean initialDiscoveryDone = in.readBoolean();
        List<KinesisShardSplit> assigned = readSplits(splitVersion, in);
        List<KinesisShardSplit> unassigned = readSplits(splitVersion, in);
        int finishedCount = checkCount(in.readInt());
        Set<String> finished = new HashSet<>();
        for (int i = 0; i < finishedCount; i++) {
            finished.add(in.readUTF());
        }
        if (in.available() > 0) {
            throw new IOException("Trailing " + in.available() + " bytes after the enumerator state");
        }
        return new KinesisEnumeratorState(assigned, unassigned, finished, initialDiscoveryDone);
    }

    private void writeSplits(List<KinesisShardSplit> splits, DataOutputView out) throws IOException {
        out.writeInt(splits.size());
        for (KinesisShardSplit split : splits) {
            splitSerializer.write(split, out);
        }
    }

    private List<KinesisShardSplit> readSplits(int splitVersion, DataInputView in) throws IOException {
        int count = checkCount(in.readInt());
        List<KinesisShardSplit> splits = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            splits.add(splitSerializer.read(splitVersion, in));
        }
        return splits;
    }

    private static int checkCount(int count) throws IOException {
        if (count < 0) {
            throw new IOException("Corrupt Kinesis enumerator state: negative count " + count);
        }
        return count;
    }
}
