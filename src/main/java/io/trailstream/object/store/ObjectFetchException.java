package io.trailstream.object.store;

import java.io.IOException;

/**
 * An object could not be opened. The {@link Reason} tells the caller what to do (skip and record a
 * missing object, alert on permissions, retry later), and {@link #attempts()} how hard the store tried.
 */
public class ObjectFetchException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Why an object could not be opened. */
    public enum Reason {
        /** No such object or bucket. */
        NOT_FOUND(false),
        /** The store refused the credentials or the request. */
        ACCESS_DENIED(false),
        /** The store asked us to slow down (503 SlowDown, 429). */
        THROTTLED(true),
        /** Network trouble, timeouts, 5xx: likely to pass. */
        TRANSIENT(true),
        /** The reference cannot name an object of this store (bad path, wrong scheme). */
        INVALID_REF(false),
        /** Anything else the store said no to. */
        FAILED(false);

        private final boolean retryable;

        Reason(boolean retryable) {
            this.retryable = retryable;
        }

        /** Whether another attempt may succeed. */
        public boolean retryable() {
            return retryable;
        }
    }

    private final Reason reason;
    private final String uri;
    private final String detail;
    private final int attempts;

    public ObjectFetchException(Reason reason, String uri, String detail, int attempts, Throwable cause) {
        super(reason + " " + uri + ": " + detail + (attempts > 1 ? " (after " + attempts + " attempts)" : ""), cause);
        this.reason = reason;
        this.uri = uri;
        this.detail = detail;
        this.attempts = attempts;
    }

    public Reason reason() {
        return reason;
    }

    /** The object's address, {@code s3://bucket/key} or {@code file://…}. */
    public String uri() {
        return uri;
    }

    /** What went wrong, without reason, address and attempt count (e.g. {@code HTTP 503 SlowDown}). */
    public String detail() {
        return detail;
    }

    /** How many attempts were made, the failed last one included. */
    public int attempts() {
        return attempts;
    }
}
