package io.trailstream.cli;

import io.trailstream.notification.ReplayNotification;
import java.time.Instant;

/**
 * One object as the {@code objects} ledger last recorded it: what {@code trailstream backfill} selects and
 * replays. The version columns travel into the replay, so the job fetches and remembers the same version.
 */
record LedgerEntry(
        String scheme,
        String bucket,
        String key,
        String integrationId,
        String outcome,
        Instant processedAt,
        String eTag,
        String sequencer,
        String versionId) {

    /** {@code scheme://bucket/key} (with {@code file:///dir/key} for local folders), as the job logs it. */
    String uri() {
        return "file".equals(scheme) ? "file://" + bucket + "/" + key : scheme + "://" + bucket + "/" + key;
    }

    /** The object's identity in the ledger: one latest row per value. */
    String objectId() {
        return scheme + "://" + bucket + "/" + key;
    }

    /** The replay notification asking for this object again. */
    ReplayNotification replay(String requestedBy, Instant requestedAt, String reason) {
        return new ReplayNotification(
                scheme, bucket, key, versionId, eTag, sequencer, requestedBy, requestedAt, reason);
    }
}
