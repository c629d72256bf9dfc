package io.trailstream.object;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one fetch subtask holds of downloaded objects, within its {@link FetchLimits}: compressed bytes in memory
 * (a {@link ByteBudget}) for objects up to the spool threshold, local files (another budget) for larger ones. A
 * download reserves its object's bytes before it reads them and the parse gives them back once it is done with
 * the object, so the bytes in flight never exceed the budgets, whatever the objects and their order.
 *
 * <p>The parse finds the buffers again by the id a {@link DownloadedObject} carries (a Flink field, so a copy of
 * the object made between chained operators still finds them); the registry is per class loader, so per job.
 */
final class FetchBuffers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FetchBuffers.class);
    private static final Map<String, FetchBuffers> OPEN = new ConcurrentHashMap<>();

    final String id = UUID.randomUUID().toString();
    private final FetchLimits limits;
    private final ByteBudget memory;
    private final ByteBudget spool;
    private final Path spoolRoot;
    private volatile Path spoolFolder;

    /** What a download may hold: {@code bytes} in memory, or on local disk when {@code spooled}. */
    record Hold(boolean spooled, long bytes) {}

    /** @param spoolRoot where the spool folder goes when {@code limits} names none */
    FetchBuffers(FetchLimits limits, Path spoolRoot) {
        this.limits = limits;
        this.memory = new ByteBudget(limits.memoryBudget());
        this.spool = new ByteBudget(limits.spoolBudget());
        this.spoolRoot = limits.spoolDirectory() != null ? Path.of(limits.spoolDirectory()) : spoolRoot;
        OPEN.put(id, this);
    }

    /** Buffers within the default limits, spooling under the JVM's temporary folder: for tools and tests. */
    static FetchBuffers withDefaults() {
        return new FetchBuffers(FetchLimits.DEFAULTS, Path.of(System.getProperty("java.io.tmpdir")));
    }

    FetchLimits limits() {
        return limits;
    }

    /**
     * Waits until an object of {@code storedLength} bytes (-1: not known) may be downloaded and reserves its room:
     * in memory up to the spool threshold, on disk above it or when its length is not known (then as much as an
     * object may have, up to the whole spool budget).
     */
    Hold reserve(long storedLength, long largestObject) throws InterruptedException {
        if (storedLength >= 0 && storedLength <= limits.spoolThreshold()) {
            return new Hold(false, memory.acquire(storedLength));
        }
        return new Hold(true, spool.acquire(storedLength >= 0 ? storedLength : largestObject));
    }

    void release(Hold hold) {
        if (hold == null) return;
        (hold.spooled() ? spool : memory).release(hold.bytes());
    }

    /** A new, empty file in this subtask's spool folder (created on first use). */
    Path newSpoolFile() throws IOException {
        Path folder = spoolFolder;
        if (folder == null) {
            synchronized (this) {
                if (spoolFolder == null) {
                    Files.createDirectories(spoolRoot);
                    spoolFolder = Files.createTempDirectory(spoolRoot, "trailstream-spool-");
                }
                folder = spoolFolder;
            }
        }
        return Files.createTempFile(folder, "object-", ".stored");
    }

    ByteBudget memory() {
        return memory;
    }

    ByteBudget spool() {
        return spool;
    }

    /**
     * Gives back what {@code object} holds (its bytes, its spool file) to the buffers it was downloaded into;
     * idempotent. Called once its parse is done, or when nobody will parse it.
     */
    static void release(DownloadedObject object) {
        if (object == null) return;
        FetchBuffers buffers = object.buffers == null ? null : OPEN.get(object.buffers);
        if (buffers != null) {
            buffers.memory.release(object.heldInMemory);
            buffers.spool.release(object.heldOnDisk);
        }
        object.heldInMemory = 0;
        object.heldOnDisk = 0;
        object.buffers = null;
        object.bytes = null;
        if (object.spoolFile != null) {
            try {
                Files.deleteIfExists(Path.of(object.spoolFile));
            } catch (IOException e) {
                LOG.warn("Could not delete spool file {}", object.spoolFile, e);
            }
            object.spoolFile = null;
        }
    }

    /** Forgets these buffers and deletes the spool folder with whatever is left in it. */
    @Override
    public void close() {
        OPEN.remove(id);
        Path folder = spoolFolder;
        if (folder == null) return;
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not delete spool folder {}", folder, e);
        }
    }
}
