package io.trailstream.control.folder;

import io.trailstream.input.RawMessage;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.connector.file.src.FileSource;

/**
 * The embedded default's control stream: a local folder where each file is one control message, applied
 * in name order (the ops command line writes {@code <issued-at>-<message-id>.json}). Files whose names
 * start with a dot or an underscore (in-progress writes) are not read.
 */
public final class ControlFolderSource {
    private ControlFolderSource() {}

    /** A source over {@code folder}; {@code watchInterval} null to read what is there and finish. */
    public static FileSource<RawMessage> create(Path folder, Duration watchInterval, int maxMessageBytes) {
        Path abs = folder.toAbsolutePath().normalize();
        FileSource.FileSourceBuilder<RawMessage> builder = FileSource.forBulkFileFormat(
                        new ControlFileFormat(maxMessageBytes), new org.apache.flink.core.fs.Path(abs.toUri()))
                .setSplitAssigner(NameOrderSplitAssigner.provider());
        if (watchInterval != null) builder.monitorContinuously(watchInterval);
        return builder.build();
    }
}
