package io.trailstream.object.store;

/**
 * The announced object is not there (deleted, expired by a lifecycle rule, or a wrong notification):
 * the caller records it as missing and goes on; retrying does not help.
 */
public class ObjectMissingException extends ObjectFetchException {
    private static final long serialVersionUID = 1L;

    private final boolean bucketMissing;

    public ObjectMissingException(String uri, String detail, Throwable cause) {
        this(uri, detail, false, cause);
    }

    /** @param bucketMissing whether the bucket itself does not exist (NoSuchBucket), not only the object */
    public ObjectMissingException(String uri, String detail, boolean bucketMissing, Throwable cause) {
        super(Reason.NOT_FOUND, uri, detail, 1, cause);
        this.bucketMissing = bucketMissing;
    }

    /** Whether the bucket does not exist: an integration problem, not a missing file. */
    public boolean bucketMissing() {
        return bucketMissing;
    }
}
