package io.trailstream.object.store;

/**
 * The store refused to hand out the object: a permissions or credentials problem that someone has to
 * fix, so it is not retried and should be alerted on.
 */
public class ObjectAccessDeniedException extends ObjectFetchException {
    private static final long serialVersionUID = 1L;

    public ObjectAccessDeniedException(String uri, String detail, Throwable cause) {
        super(Reason.ACCESS_DENIED, uri, detail, 1, cause);
    }
}
