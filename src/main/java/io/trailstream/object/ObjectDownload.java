package io.trailstream.object;

import io.trailstream.ledger.LedgerOutcome;
import io.trailstream.ledger.ReadFailure;
import io.trailstream.notification.ObjectRef;
import io.trailstream.object.gzip.Gzip;
import io.trailstream.object.store.ObjectFetchException;
import io.trailstream.object.store.ObjectStore;
import io.trailstream.object.store.OpenedObject;
import io.trailstream.routing.ObjectTask;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * One attempt at reading an object whole, within its subtask's {@link FetchBuffers}: it reserves the object's
 * bytes (before opening it when the notification told its size, so no connection waits idle), then reads it into
 * memory or, above the spool threshold, into a local file. Nothing of the object reaches the parse before it was
 * read to its end, so a read that breaks off is simply read again and no row comes from a half-read object.
 */
final class ObjectDownload {
    /** Larger objects are not downloaded (CloudTrail's files are a few MB). */
    static final long MAX_OBJECT_BYTES = 1L << 30;

    private final ObjectStore store;
    private final FetchBuffers buffers;
    private final BooleanSupplier abandoned;

    /** @param abandoned says when nobody waits for the object any more (its fetch timed out): reading stops */
    ObjectDownload(ObjectStore store, FetchBuffers buffers, BooleanSupplier abandoned) {
        this.store = store;
        this.buffers = buffers;
        this.abandoned = abandoned;
    }

    /**
     * Reads {@code task}'s object. Opening is retried by the store itself, so a failure to open is the result, not
     * thrown; a read that breaks off is a TRANSIENT {@link ObjectFetchException}, read again by the caller. A
     * download abandoned or interrupted ends as {@code fetch_failed}, which nobody waits for.
     */
    DownloadedObject attempt(ObjectTask task, int attempt) throws ObjectFetchException {
        ObjectRef ref = task.ref;
        FetchBuffers.Hold hold = null;
        Path spool = null;
        CountingInputStream in = null;
        try {
            if (ref.size >= 0 && ref.size <= MAX_OBJECT_BYTES) hold = buffers.reserve(ref.size, MAX_OBJECT_BYTES);
            try (OpenedObject object = store.open(ref, task.readRole())) {
                long length = object.contentLength();
                if (length > MAX_OBJECT_BYTES) {
                    return DownloadedObject.failed(
                            task,
                            LedgerOutcome.FETCH_FAILED,
                            ReadFailure.TOO_LARGE,
                            "object of " + length + " bytes is larger than " + MAX_OBJECT_BYTES + ", not downloaded");
                }
                if (hold == null || (length >= 0 && length != ref.size)) {
                    buffers.release(hold);
                    hold = null;
                    hold = buffers.reserve(length, MAX_OBJECT_BYTES);
                }
                in = new CountingInputStream(object.stream());
                DownloadedObject downloaded;
                if (hold.spooled()) {
                    spool = buffers.newSpoolFile();
                    long read = copy(in, spool, length >= 0 ? length : MAX_OBJECT_BYTES, ref);
                    downloaded = DownloadedObject.spooled(task, spool, read, object.eTag(), object.userMetadata());
                } else {
                    downloaded = DownloadedObject.inMemory(
                            task, readExactly(in, (int) length, ref), object.eTag(), object.userMetadata());
                }
                downloaded.heldBy(buffers, hold);
                hold = null;
                spool = null;
                return downloaded;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DownloadedObject.failed(
                    task, LedgerOutcome.FETCH_FAILED, ReadFailure.TRANSIENT, "interrupted before the download");
        } catch (ObjectFetchException e) {
            return DownloadedObject.failed(
                    task, FetchFailures.outcomeOf(e), FetchFailures.readFailure(e), e.getMessage());
        } catch (Abandoned e) {
            return DownloadedObject.failed(task, LedgerOutcome.FETCH_FAILED, ReadFailure.TRANSIENT, e.getMessage());
        } catch (IOException | RuntimeException e) {
            long read = in == null ? 0 : in.count();
            if (ObjectFetcher.isBrokenRead(e)) {
                throw new ObjectFetchException(
                        ObjectFetchException.Reason.TRANSIENT,
                        ref.uri(),
                        "read broke off after " + read + " bytes: " + e,
                        attempt,
                        e);
            }
            return DownloadedObject.failed(
                    task,
                    LedgerOutcome.FETCH_FAILED,
                    ReadFailure.FAILED,
                    e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            buffers.release(hold);
            if (spool != null) deleteQuietly(spool);
        }
    }

    private byte[] readExactly(InputStream in, int length, ObjectRef ref) throws IOException {
        byte[] bytes = new byte[length];
        int n = 0;
        while (n < length) {
            checkWanted(ref);
            int r = in.read(bytes, n, Math.min(length - n, Gzip.BUFFER_SIZE));
            if (r < 0) return Arrays.copyOf(bytes, n);
            n += r;
        }
        if (in.read() >= 0) throw grew(ref, length);
        return bytes;
    }

    private long copy(InputStream in, Path file, long limit, ObjectRef ref) throws IOException {
        byte[] chunk = new byte[Gzip.BUFFER_SIZE];
        long n = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            int r;
            while ((r = in.read(chunk)) >= 0) {
                checkWanted(ref);
                n += r;
                if (n > limit) throw grew(ref, limit);
                out.write(chunk, 0, r);
            }
        }
        return n;
    }

    private void checkWanted(ObjectRef ref) throws Abandoned {
        if (abandoned.getAsBoolean() || Thread.currentThread().isInterrupted()) {
            throw new Abandoned("download of " + ref.uri() + " abandoned (timed out or cancelled)");
        }
    }

    /** Nobody waits for the object any more: reading stops, and is not tried again. */
    private static final class Abandoned extends IOException {
        private static final long serialVersionUID = 1L;

        Abandoned(String message) {
            super(message);
        }
    }

    /** The object holds more than its announced length: it changed while read, a broken read, read again. */
    private static IOException grew(ObjectRef ref, long length) {
        return new IOException(ref.uri() + " is longer than its " + length + " bytes: it changed while read");
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the spool folder is removed when the subtask closes
        }
    }
}
