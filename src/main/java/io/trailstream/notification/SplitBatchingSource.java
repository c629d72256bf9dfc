package io.trailstream.notification;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.PendingSplitsCheckpoint;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Flink's {@link FileSource} with its splits handed out in batches. A file source reader asks for its next split
 * only when it has finished one, and the enumerator answers a request with one split: over a folder of small
 * files (an Organization trail writes thousands an hour) every file then waits for a round trip to the
 * coordinator. Here each request is answered with up to {@code batch} splits in one event
 * ({@link SplitBatchingEnumerator}); readers, formats, state and its serializers are the file source's own.
 */
final class SplitBatchingSource<T>
        implements Source<T, FileSourceSplit, PendingSplitsCheckpoint<FileSourceSplit>>, ResultTypeQueryable<T> {
    private static final long serialVersionUID = 1L;

    private final FileSource<T> files;
    private final int batch;

    SplitBatchingSource(FileSource<T> files, int batch) {
        if (batch < 1) throw new IllegalArgumentException("batch must be at least 1, was " + batch);
        this.files = files;
        this.batch = batch;
    }

    @Override
    public Boundedness getBoundedness() {
        return files.getBoundedness();
    }

    @Override
    public SourceReader<T, FileSourceSplit> createReader(SourceReaderContext context) throws Exception {
        return files.createReader(context);
    }

    @Override
    public SplitEnumerator<FileSourceSplit, PendingSplitsCheckpoint<FileSourceSplit>> createEnumerator(
            SplitEnumeratorContext<FileSourceSplit> context) throws Exception {
        SplitBatchingEnumerator.BatchingContext batching = new SplitBatchingEnumerator.BatchingContext(context);
        return new SplitBatchingEnumerator(files.createEnumerator(batching), batching, batch);
    }

    @Override
    public SplitEnumerator<FileSourceSplit, PendingSplitsCheckpoint<FileSourceSplit>> restoreEnumerator(
            SplitEnumeratorContext<FileSourceSplit> context, PendingSplitsCheckpoint<FileSourceSplit> checkpoint)
            throws Exception {
        SplitBatchingEnumerator.BatchingContext batching = new SplitBatchingEnumerator.BatchingContext(context);
        return new SplitBatchingEnumerator(files.restoreEnumerator(batching, checkpoint), batching, batch);
    }

    @Override
    public SimpleVersionedSerializer<FileSourceSplit> getSplitSerializer() {
        return files.getSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<PendingSplitsCheckpoint<FileSourceSplit>> getEnumeratorCheckpointSerializer() {
        return files.getEnumeratorCheckpointSerializer();
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return files.getProducedType();
    }
}
