package io.trailstream.object;

import io.trailstream.ledger.LedgerOutcome;
import io.trailstream.ledger.LedgerRow;
import io.trailstream.ledger.ReadFailure;
import io.trailstream.routing.ObjectTask;
import java.util.Map;

/**
 * An object as downloaded: its compressed bytes (as stored, usually gzip), or, when it could not be had,
 * the ledger row that says why. Only compressed bytes wait in memory between the download and the parse,
 * which decompresses and parses them as a stream, one record at a time.
 */
public class DownloadedObject {
    public ObjectTask task;
    /** The object's bytes as stored; null when {@link #failure} is set. */
    public byte[] bytes;
    /** The ETag the store reported, without quotes; null when unknown. */
    public String eTag;
    /** The object's user metadata, names without {@code x-amz-meta-}; empty when it has none. */
    public Map<String, String> metadata;
    /** The ledger row of an object that could not be downloaded (missing, fetch_failed); null otherwise. */
    public LedgerRow failure;

    public DownloadedObject() {}

    static DownloadedObject of(ObjectTask task, byte[] bytes, String eTag, Map<String, String> metadata) {
        DownloadedObject d = new DownloadedObject();
        d.task = task;
        d.bytes = bytes;
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

    @Override
    public String toString() {
        return "DownloadedObject{" + task
                + (failure != null
                        ? " failed: " + failure.outcome
                        : " " + (bytes == null ? 0 : bytes.length) + " bytes")
                + "}";
    }
}
