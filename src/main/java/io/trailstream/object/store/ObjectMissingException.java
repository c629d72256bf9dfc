package io.trailstream.object.store;

/**
 * The announced object is not there (deleted, expired by a lifecycle rule, or a wrong notification):
 * the caller records it as missing and goes on; retrying does not help.
 */
public class ObjectMissingException extends ObjectFetchException {
    private static final long serialVersionUID = 1L;

    public ObjectMissingException(String uri, String detail, Throwable cause) {
        super(Reason.NOT_FOUND, uri, detail, 1, cause);
    }
}
