package io.trailstream.notification;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.enumerate.DefaultFileFilter;
import org.apache.flink.connector.file.src.enumerate.NonSplittingRecursiveEnumerator;

/**
 * The embedded default's notification source: a local folder laid out like a trail bucket
 * ({@code DIR/AWSLogs/...}) where every file is notified once. Bounded unless watching.
 *
 * <p>{@code LocalBucketSource.create(Path.of("samples"), null)} announces every file once and finishes;
 * with a watch interval it keeps announcing new files as they appear.
 */
public final class LocalBucketSource {
    /**
     * {@code KEY.s3meta.json} beside an object holds its S3 user metadata (a JSON object of names to values): it
     * is not an object of the bucket, so it is never notified and gets no ledger row.
     */
    public static final String METADATA_SIDECAR_SUFFIX = ".s3meta.json";

    private LocalBucketSource() {}

    /** Whether the file named {@code fileName} is a metadata sidecar, not an object. */
    public static boolean isMetadataSidecar(String fileName) {
        return fileName.endsWith(METADATA_SIDECAR_SUFFIX);
    }

    /**
     * Files handed to a reader per split request: a folder of small files is read without a round trip to the
     * coordinator per file (see {@link SplitBatchingSource}).
     */
    static final int SPLITS_PER_REQUEST = 32;

    /** A source over {@code root}; {@code watchInterval} null for a bounded run. */
    public static Source<ObjectRef, ?, ?> create(Path root, Duration watchInterval) {
        Path abs = root.toAbsolutePath().normalize();
        FileSource.FileSourceBuilder<ObjectRef> builder = FileSource.forBulkFileFormat(
                        new LocalBucketFormat(abs), new org.apache.flink.core.fs.Path(abs.toUri()))
                .setFileEnumerator(() -> new NonSplittingRecursiveEnumerator(new ObjectsOnly()));
        if (watchInterval != null) {
            builder.monitorContinuously(watchInterval);
        }
        return new SplitBatchingSource<>(builder.build(), SPLITS_PER_REQUEST);
    }

    /** Flink's default filter (no hidden or {@code _} files), and no metadata sidecars. */
    private static final class ObjectsOnly implements Predicate<org.apache.flink.core.fs.Path> {
        private final DefaultFileFilter defaults = new DefaultFileFilter();

        @Override
        public boolean test(org.apache.flink.core.fs.Path path) {
            return defaults.test(path) && !isMetadataSidecar(path.getName());
        }
    }
}
