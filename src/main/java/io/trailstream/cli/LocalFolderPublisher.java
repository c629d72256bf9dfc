package io.trailstream.cli;

import io.trailstream.control.message.ControlMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Publishes control messages as files in a folder, the control source of the embedded run:
 * {@code <issued_at yyyyMMdd'T'HHmmssSSS, UTC>-<message_id>.json}, so that name order is issue order.
 * A file appears whole: it is written under a dot-name and renamed. Readers take
 * {@link #messagesInOrder} (dot-files and other names are not messages).
 */
public final class LocalFolderPublisher implements ControlPublisher {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS").withZone(ZoneOffset.UTC);
    private static final int STAMP_LENGTH = "yyyyMMddTHHmmssSSS".length();
    private final Path dir;

    /** Publishes into {@code dir}, created when the first message is written. */
    public LocalFolderPublisher(Path dir) {
        this.dir = dir;
    }

    /** The control folder. */
    public Path dir() {
        return dir;
    }

    /** The file name of {@code m}. */
    public static String fileName(ControlMessage m) {
        return STAMP.format(Instant.ofEpochMilli(m.issuedAtMillis)) + "-" + m.messageId + ".json";
    }

    @Override
    public String publish(ControlMessage m) throws IOException {
        Files.createDirectories(dir);
        String name = fileName(m);
        Path target = dir.resolve(name);
        if (Files.exists(target)) throw new IOException("control message file exists already: " + target);
        Path tmp = dir.resolve("." + name + ".tmp");
        Files.writeString(tmp, m.json + "\n", StandardCharsets.UTF_8);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return target.toString();
    }

    /**
     * The issue time in the name of the folder's last message file, or 0 for an empty or missing folder:
     * a message issued after it sorts after every file already there.
     */
    public static long latestIssuedMillis(Path dir) throws IOException {
        List<Path> files = messagesInOrder(dir);
        for (int i = files.size() - 1; i >= 0; i--) {
            String name = files.get(i).getFileName().toString();
            if (name.length() < STAMP_LENGTH) continue;
            try {
                return Instant.from(STAMP.parse(name.substring(0, STAMP_LENGTH)))
                        .toEpochMilli();
            } catch (DateTimeParseException e) {
                // not one of ours: ignore it
            }
        }
        return 0;
    }

    /** The message files of {@code dir} in the order they apply (name order); empty if it does not exist. */
    public static List<Path> messagesInOrder(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> Files.isRegularFile(p))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted((a, b) ->
                            a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .forEach(out::add);
        }
        return out;
    }
}
