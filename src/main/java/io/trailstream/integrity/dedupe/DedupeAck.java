package io.trailstream.integrity.dedupe;

/**
 * What event dedupe did with one record of an object: kept or dropped. Keyed by the object downstream, where
 * the object's ledger row waits until every record's ack came, so the row counts the dropped ones. A Flink POJO.
 */
public class DedupeAck {
    /** {@code bucket/key} of the record's object (its lineage columns). */
    public String objectKey;

    public boolean dropped;

    public DedupeAck() {}

    static DedupeAck of(String objectKey, boolean dropped) {
        DedupeAck a = new DedupeAck();
        a.objectKey = objectKey;
        a.dropped = dropped;
        return a;
    }

    /** The key a ledger row and its records' acks share. */
    public static String objectKey(String bucket, String key) {
        return bucket + "/" + key;
    }
}
