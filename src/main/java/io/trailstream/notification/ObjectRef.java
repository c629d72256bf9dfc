package io.trailstream.notification;

import java.util.Objects;

/**
 * One object that a notification announced: where it lives and what the notification said of it.
 *
 * <p>It is the unit that travels from the notification parser to routing, dedupe and fetching, so it
 * is a Flink POJO (public fields, no-arg constructor) and serializes without Kryo.
 */
public class ObjectRef {
    /** Where the object lives: {@code s3} for a bucket, {@code file} for a local folder. */
    public String scheme = "s3";
    /** Bucket name; for {@code file} objects the absolute path of the folder that plays the bucket. */
    public String bucket;
    /** Object key, already URL-decoded. */
    public String key;
    /** Size in bytes as notified, or -1 when the notification did not say. */
    public long size = -1;

    public String eTag;
    public String sequencer;
    public String versionId;
    /** Event time the notification carried (epoch millis), or 0. */
    public long eventTimeMillis;
    /** When trailstream received the notification (epoch millis). */
    public long notifiedAtMillis;
    /** The notification shape it came from, e.g. {@code s3_event}, {@code cloudtrail_sns}, {@code local}. */
    public String shape;
    /**
     * Whether ops asked for this object again ({@code trailstream backfill}): routing then does not treat it as
     * a repeat of an earlier notification, though every other decision (status, licence, accounts) applies.
     */
    public boolean replay;

    public ObjectRef() {}

    public static ObjectRef s3(String bucket, String key) {
        ObjectRef ref = new ObjectRef();
        ref.bucket = bucket;
        ref.key = key;
        return ref;
    }

    /** {@code s3://bucket/key} or {@code file:///dir/key}: the object's address, for logs and the ledger. */
    public String uri() {
        return "file".equals(scheme) ? "file://" + bucket + "/" + key : scheme + "://" + bucket + "/" + key;
    }

    /**
     * An ETag as notifications and HTTP carry it, without the surrounding quotes HTTP adds, so that
     * notified and fetched ETags compare; null for null or empty.
     */
    public static String normalizeETag(String eTag) {
        if (eTag == null || eTag.isEmpty()) return null;
        if (eTag.length() >= 2 && eTag.charAt(0) == '"' && eTag.charAt(eTag.length() - 1) == '"') {
            return eTag.substring(1, eTag.length() - 1);
        }
        return eTag;
    }

    /** Identity of one version of one object, as far as the notification tells it. */
    public String versionToken() {
        if (sequencer != null && !sequencer.isEmpty()) return "seq:" + sequencer;
        if (eTag != null && !eTag.isEmpty()) return "etag:" + eTag;
        if (versionId != null && !versionId.isEmpty()) return "ver:" + versionId;
        return "";
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof ObjectRef)) return false;
        ObjectRef that = (ObjectRef) o;
        return size == that.size
                && eventTimeMillis == that.eventTimeMillis
                && notifiedAtMillis == that.notifiedAtMillis
                && Objects.equals(scheme, that.scheme)
                && Objects.equals(bucket, that.bucket)
                && Objects.equals(key, that.key)
                && Objects.equals(eTag, that.eTag)
                && Objects.equals(sequencer, that.sequencer)
                && Objects.equals(versionId, that.versionId)
                && Objects.equals(shape, that.shape)
                && replay == that.replay;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                scheme,
                bucket,
                key,
                size,
                eTag,
                sequencer,
                versionId,
                eventTimeMillis,
                notifiedAtMillis,
                shape,
                replay);
    }

    @Override
    public String toString() {
        return uri() + (versionToken().isEmpty() ? "" : " (" + versionToken() + ")") + (replay ? " [replay]" : "");
    }
}
