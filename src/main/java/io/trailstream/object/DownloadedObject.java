package io.trailstream.object;

import io.trailstream.ledger.LedgerOutcome;
import io.trailstream.ledger.LedgerRow;
import io.trailstream.ledger.ReadFailure;
import io.trailstream.routing.ObjectTask;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * An object as downloaded, whole: its compressed bytes (as stored, usually gzip) in memory, or for a large object
 * in a local spool file; or, when it could not be had, the ledger row that says why. Only compressed bytes wait
 * between the download and the parse, which decompresses and parses them as a stream, one record at a time, and
 * then gives back what they held ({@link FetchBuffers#release}).
 */
public class DownloadedObject {
    public ObjectTask task;
    /** The object's bytes as stored, when held in memory; null otherwise. */
    public byte[] bytes;
    /** The local file holding the object's bytes as stored, when spooled; null otherwise. */
    public String spoolFile;
    /** How many bytes the object has as stored (the length of {@link #bytes} or of the spool file). */
    public long storedLength = -1;
    /** The ETag the store reported, without quotes; null when unknown. */
    public String eTag;
    /** The object's user metadata, names without {@code x-amz-meta-}; empty when it has none. */
    public Map<String, String> metadata;
    /** The ledger row of an object that could not be downloaded (missing, fetch_failed); null otherwise. */
    public LedgerRow failure;
    /** The id of the {@link FetchBuffers} that hold this object's bytes; null once given back. */
    public String buffers;
    /** Bytes reserved for the object in its buffers' memory budget. */
    public long heldInMemory;
    /** Bytes reserved for the object in its buffers' spool budget. */
    public long heldOnDisk;

    public DownloadedObject() {}

    static DownloadedObject inMemory(ObjectTask task, byte[] bytes, String eTag, Map<String, String> metadata) {
        DownloadedObject d = new DownloadedObject();
        d.task = task;
        d.bytes = bytes;
        d.storedLength = bytes.length;
        d.eTag = eTag;
        d.metadata = metadata;
        return d;
    }

    static DownloadedObject spooled(
            ObjectTask task, Path file, long length, String eTag, Map<String, String> metadata) {
        DownloadedObject d = new DownloadedObject();
        d.task = task;
        d.spoolFile = file.toString();
        d.storedLength = length;
        d.eTag = eTag;
        d.metadata = metadata;
        return d;
    }

    /**
     * An object that could not be had: its ledger row says {@code outcome} (missing, fetch_failed), why, and which
     * kind of failure it was.
     */
    static DownloadedObject failed(ObjectTask task, LedgerOutcome outcome, ReadFailure failure, String reason) {
        DownloadedObject d = new DownloadedObject();
        d.task = task;
        d.failure = LedgerRow.of(task.ref, task.trailKey, task.integrationId, outcome, reason);
        d.failure.readFailure = failure;
        return d;
    }

    /** Records that {@code hold} in {@code owner} is this object's until it is released. */
    DownloadedObject heldBy(FetchBuffers owner, FetchBuffers.Hold hold) {
        buffers = owner.id;
        if (hold.spooled()) {
            heldOnDisk = hold.bytes();
        } else {
            heldInMemory = hold.bytes();
        }
        return this;
    }

    /** The object's bytes as stored, from memory or from its spool file; the caller closes the stream. */
    InputStream openStored() throws IOException {
        if (bytes != null) return new ByteArrayInputStream(bytes);
        if (spoolFile != null) return Files.newInputStream(Path.of(spoolFile));
        throw new IllegalStateException("no bytes: " + this);
    }

    @Override
    public String toString() {
        return "DownloadedObject{" + task
                + (failure != null
                        ? " failed: " + failure.outcome
                        : " " + storedLength + " bytes" + (spoolFile != null ? " spooled" : ""))
                + "}";
    }
}
