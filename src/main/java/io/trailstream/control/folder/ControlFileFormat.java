package io.trailstream.control.folder;

import io.trailstream.input.RawMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.SingletonResultIterator;
import org.apache.flink.core.fs.FileSystem;

/**
 * Reads one file of a control folder as one control message (its whole content), for the embedded
 * default's control source. A file larger than the limit is not read: it arrives empty-handed with its
 * origin and the parser rejects it as too large.
 */
public class ControlFileFormat implements BulkFormat<RawMessage, FileSourceSplit> {
    private static final long serialVersionUID = 1L;

    private final int maxBytes;

    public ControlFileFormat(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public Reader<RawMessage> createReader(Configuration config, FileSourceSplit split) {
        return new OneMessageReader(split, false, maxBytes);
    }

    @Override
    public Reader<RawMessage> restoreReader(Configuration config, FileSourceSplit split) {
        boolean emitted = split.getReaderPosition()
                .map(p -> p.getRecordsAfterOffset() > 0)
                .orElse(false);
        return new OneMessageReader(split, emitted, maxBytes);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<RawMessage> getProducedType() {
        return TypeInformation.of(RawMessage.class);
    }

    private static final class OneMessageReader implements Reader<RawMessage> {
        private final FileSourceSplit split;
        private final int maxBytes;
        private boolean done;

        OneMessageReader(FileSourceSplit split, boolean alreadyEmitted, int maxBytes) {
            this.split = split;
            this.done = alreadyEmitted;
            this.maxBytes = maxBytes;
        }

        @Override
        public RecordIterator<RawMessage> readBatch() throws IOException {
            if (done) return null;
            done = true;
            byte[] bytes;
            if (split.fileSize() > maxBytes) {
                // Read one byte past the limit: enough for the parser to say "too large" without loading it.
                bytes = read(maxBytes + 1);
            } else {
                bytes = read(Integer.MAX_VALUE);
            }
            String origin = "file:" + Path.of(split.path().toUri()).getFileName();
            SingletonResultIterator<RawMessage> it = new SingletonResultIterator<>();
            it.set(new RawMessage(bytes, origin, System.currentTimeMillis()), CheckpointedPosition.NO_OFFSET, 1);
            return it;
        }

        private byte[] read(int limit) throws IOException {
            FileSystem fs = split.path().getFileSystem();
            try (InputStream in = fs.open(split.path())) {
                return in.readNBytes(limit);
            }
        }

        @Override
        public void close() {}
    }
}
