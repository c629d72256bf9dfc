package io.trailstream.routing;

import org.apache.flink.api.common.state.MapState;

/**
 * Routing's dedupe rule over one object's keyed state: whether this version of the object was notified before
 * (taken, or held waiting for its integration). A notification that does not say which version it announces
 * (CloudTrail's SNS notice names keys only) is a repeat of any earlier notification of the key, and any later one
 * is a repeat of it: it took the object as it was, and CloudTrail never rewrites a file. Without this, a file
 * announced both by an S3 event and by CloudTrail's notice would be ingested twice.
 */
final class NotifiedVersions {
    private NotifiedVersions() {}

    /** @param version the notification's version token; empty when it names none */
    static boolean before(MapState<String, Long> seen, MapState<String, PendingObject> pending, String version)
            throws Exception {
        if (version.isEmpty()) return !seen.isEmpty() || !pending.isEmpty();
        return seen.contains(version) || seen.contains("") || pending.contains(version) || pending.contains("");
    }
}
