package io.trailstream.notification;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.connector.file.src.FileSource;

/**
 * The embedded default's notification source: a local folder laid out like a trail bucket
 * ({@code DIR/AWSLogs/...}) where every file is notified once. Bounded unless watching.
 *
 * <p>{@code LocalBucketSource.create(Path.of("samples"), null)} announces every file once and finishes;
 * with a watch interval it keeps announcing new files as they appear.
 */
public final class LocalBucketSource {
    private LocalBucketSource() {}

    /** A source over {@code root}; {@code watchInterval} null for a bounded run. */
    public static FileSource<ObjectRef> create(Path root, Duration watchInterval) {
        Path abs = root.toAbsolutePath().normalize();
        FileSource.FileSourceBuilder<ObjectRef> builder = FileSource.forBulkFileFormat(
                new LocalBucketFormat(abs), new org.apache.flink.core.fs.Path(abs.toUri()));
        if (watchInterval != null) {
            builder.monitorContinuously(watchInterval);
        }
        return builder.build();
    }
}
