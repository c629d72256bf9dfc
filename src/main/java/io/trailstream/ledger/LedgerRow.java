package io.trailstream.ledger;

import io.trailstream.notification.ObjectRef;
import io.trailstream.trail.ObjectKind;
import io.trailstream.trail.TrailKey;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/**
 * One row of the ledger (the Iceberg table {@code objects}): what a notified object was and what became of it.
 * Produced by routing (for objects never fetched) and by fetching (for the rest), both through
 * {@link #OUTPUT}; a Flink POJO until the Iceberg edge, and what readers of the ledger get back.
 */
public class LedgerRow {
    /** The side output both routing and fetching write ledger rows to. */
    public static final OutputTag<LedgerRow> OUTPUT = new OutputTag<>("ledger", TypeInformation.of(LedgerRow.class)) {};

    public String scheme;
    public String bucket;
    public String key;
    /** What the key says the object is; null when the key was not classified. */
    public ObjectKind kind;

    public String integrationId;
    public String organizationId;
    public String accountId;
    public String region;
    public String deliveryDate;
    public LedgerOutcome outcome;
    public String reason;
    /** Records written to a table. */
    public long recordCount;
    /** Records read but not kept (account outside the include-list). */
    public long droppedRecords;
    /** Records whose recipient account differs from the key's account. */
    public long mismatchedRecords;
    /** Array entries that were not records (not a JSON object). */
    public long malformedRecords;
    /**
     * Records skipped because they were larger than {@code records.max-size}; the reason names them (not a column
     * of the ledger table yet).
     */
    public long oversizedRecords;

    public long compressedBytes = -1;
    public long uncompressedBytes = -1;
    /**
     * Lower-case hex SHA-256 of the uncompressed bytes, computed in the parsing pass; null when the object was not
     * read to its end. Digest verification compares it with the hash a digest lists.
     */
    public String sha256;
    /** Compressed bytes after the end of the first gzip member (CloudTrail writes one); -1 for none. */
    public long gzipTrailingBytes = -1;
    /** Records dropped because their eventID was seen before for the integration (event dedupe, when on). */
    public long duplicateEvents;
    /** Why the object could not be read, for {@code missing} and {@code fetch_failed}; null otherwise. */
    public ReadFailure readFailure;

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
            o.kind = key.kind;
            o.organizationId = key.organizationId;
            o.accountId = key.accountId;
            o.region = key.region;
            o.deliveryDate = key.deliveryDate;
        }
        o.integrationId = integrationId;
        o.outcome = outcome;
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

    /** {@code s3://bucket/key} or {@code file:///dir/key}: the object's address, as the job logs it. */
    public String uri() {
        return "file".equals(scheme) ? "file://" + bucket + "/" + key : scheme + "://" + bucket + "/" + key;
    }

    /** The object's identity in the ledger: its rows share it, whatever their outcome. */
    public String objectId() {
        return scheme + "://" + bucket + "/" + key;
    }

    @Override
    public String toString() {
        return outcome + " " + scheme + "://" + bucket + "/" + key + " (" + reason + ")";
    }
}
