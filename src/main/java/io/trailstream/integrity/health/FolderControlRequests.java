package io.trailstream.integrity.health;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Publishes the job's own control requests into the embedded run's control folder, named as the ops command line
 * names its files ({@code <issued_at yyyyMMdd'T'HHmmssSSS>-<message_id>.json}, written under a dot-name and renamed),
 * so the watched folder source applies them. A request already in the folder is not written again.
 */
public final class FolderControlRequests implements ControlRequestPublisher {
    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS").withZone(ZoneOffset.UTC);

    private final String folder;

    public FolderControlRequests(Path folder) {
        this.folder = folder.toAbsolutePath().toString();
    }

    @Override
    public void publish(ControlRequest request) throws IOException {
        Path dir = Files.createDirectories(Path.of(folder));
        String name = STAMP.format(Instant.ofEpochMilli(request.issuedAtMillis)) + "-" + request.messageId + ".json";
        Path target = dir.resolve(name);
        if (Files.exists(target)) return;
        Path tmp = dir.resolve("." + name + ".tmp");
        Files.writeString(tmp, ControlRequestPublisher.wire(request) + "\n", StandardCharsets.UTF_8);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public String describe() {
        return "control folder " + folder;
    }
}
