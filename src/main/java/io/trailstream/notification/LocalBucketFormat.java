package io.trailstream.notification;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.api.java.typeutils.TypeExtractor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.SingletonResultIterator;

/**
 * Turns each file of a local folder into one {@link ObjectRef} notification, without reading the file.
 *
 * <p>It lets Flink's {@code FileSource} play the part of S3 + notifications for the embedded default: the
 * folder is the bucket, each file's path below it is the key. The file source's checkpointed enumerator
 * guarantees each file is announced once, also across restarts; fetching happens later, as for S3.
 */
public class LocalBucketFormat implements BulkFormat<ObjectRef, FileSourceSplit> {
    private static final long serialVersionUID = 1L;

    private final String root;

    /** @param root the folder that plays the bucket; absolute. */
    public LocalBucketFormat(Path root) {
        this.root = root.toAbsolutePath().normalize().toString();
    }

    @Override
    public Reader<ObjectRef> createReader(Configuration config, FileSourceSplit split) {
        return new OneRefReader(toRef(split), false);
    }

    @Override
    public Reader<ObjectRef> restoreReader(Configuration config, FileSourceSplit split) {
        boolean emitted = split.getReaderPosition()
                .map(p -> p.getRecordsAfterOffset() > 0)
                .orElse(false);
        return new OneRefReader(toRef(split), emitted);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<ObjectRef> getProducedType() {
        return (PojoTypeInfo<ObjectRef>) TypeExtractor.createTypeInfo(ObjectRef.class);
    }

    ObjectRef toRef(FileSourceSplit split) {
        Path file = Path.of(split.path().toUri()).toAbsolutePath().normalize();
        ObjectRef ref = new ObjectRef();
        ref.scheme = "file";
        ref.bucket = root;
        ref.key = Path.of(root).relativize(file).toString().replace(java.io.File.separatorChar, '/');
        ref.size = split.fileSize();
        ref.eventTimeMillis = split.fileModificationTime();
        ref.notifiedAtMillis = System.currentTimeMillis();
        ref.shape = "local";
        return ref;
    }

    /** Emits the one reference of a split, unless a restored position says it was emitted already. */
    private static final class OneRefReader implements Reader<ObjectRef> {
        private ObjectRef pending;

        OneRefReader(ObjectRef ref, boolean alreadyEmitted) {
            this.pending = alreadyEmitted ? null : ref;
        }

        @Override
        public RecordIterator<ObjectRef> readBatch() {
            if (pending == null) return null;
            SingletonResultIterator<ObjectRef> it = new SingletonResultIterator<>();
            it.set(pending, CheckpointedPosition.NO_OFFSET, 1);
            pending = null;
            return it;
        }

        @Override
        public void close() throws IOException {}
    }
}
