package io.trailstream.ledger;

import io.trailstream.notification.ObjectRef;
import io.trailstream.trail.TrailKey;

/**
 * One row of the {@code objects} ledger: what a notified object was and what became of it. Produced by
 * routing (for objects never fetched) and by fetching (for the rest); a Flink POJO until the Iceberg edge.
 */
public class LedgerRow {
    public String scheme;
    public String bucket;
    public String key;
    public String kind;
    public String integrationId;
    public String organizationId;
    public String accountId;
    public String region;
    public String deliveryDate;
    public String outcome;
    public String reason;
    /** Records written to a table. */
    public long recordCount;
    /** Records read but not kept (account outside the include-list). */
    public long droppedRecords;
    /** Records whose recipient account differs from the key's account. */
    public long mismatchedRecords;
    /** Array entries that were not records (not a JSON object). */
    public long malformedRecords;

    public long compressedBytes = -1;
    public long uncompressedBytes = -1;
    public String eTag;
    public String sequencer;
    public String versionId;
    public String notificationShape;
    public long notifiedAtMillis;
    public long processedAtMillis;

    public LedgerRow() {}

    /** A ledger row for {@code ref} with the facts its key told, and the given outcome and reason. */
    public static LedgerRow of(
            ObjectRef ref, TrailKey key, String integrationId, LedgerOutcome outcome, String reason) {
        LedgerRow o = new LedgerRow();
        o.scheme = ref.scheme;
        o.bucket = ref.bucket;
        o.key = ref.key;
        o.eTag = ref.eTag;
        o.sequencer = ref.sequencer;
        o.versionId = ref.versionId;
        o.notificationShape = ref.shape;
        o.notifiedAtMillis = ref.notifiedAtMillis;
        o.compressedBytes = ref.size;
        if (key != null) {
            o.kind = key.kind.ledgerName();
            o.organizationId = key.organizationId;
            o.accountId = key.accountId;
            o.region = key.region;
            o.deliveryDate = key.deliveryDate;
        }
        o.integrationId = integrationId;
        o.outcome = outcome.ledgerName();
        o.reason = reason;
        o.processedAtMillis = System.currentTimeMillis();
        return o;
    }

    /** How the reason of an object ops asked for again begins: the ledger says why it was not a duplicate. */
    public static final String REPLAY_NOTE = "replay (dedupe bypassed)";

    /**
     * This row, its reason beginning with {@link #REPLAY_NOTE} when {@code ref} is a replay: called once, on the
     * row's final reason.
     */
    public LedgerRow noteReplay(ObjectRef ref) {
        if (ref.replay) reason = reason == null || reason.isEmpty() ? REPLAY_NOTE : REPLAY_NOTE + ": " + reason;
        return this;
    }

    @Override
    public String toString() {
        return outcome + " " + scheme + "://" + bucket + "/" + key + " (" + reason + ")";
    }
}
