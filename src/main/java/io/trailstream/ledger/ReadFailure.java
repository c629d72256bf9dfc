package io.trailstream.ledger;

import java.util.Locale;

/**
 * Why an object could not be read, when it could not: typed, so that health checks act on access problems (which
 * someone must fix) and not on transient ones. Stored in the ledger's {@code read_failure} column.
 */
public enum ReadFailure {
    /** The store refused the credentials or the request (AccessDenied on GetObject, or on the AssumeRole before it). */
    ACCESS_DENIED,
    /** The bucket does not exist. */
    NO_SUCH_BUCKET,
    /** The object does not exist (any more). */
    NOT_FOUND,
    /** The store kept throttling until the retries ran out. */
    THROTTLED,
    /** Network trouble, timeouts, 5xx, a read that kept breaking off. */
    TRANSIENT,
    /** The reference cannot name an object of its store. */
    INVALID_REF,
    /** Larger than the job downloads. */
    TOO_LARGE,
    /** Anything else. */
    FAILED;

    /** The lower-case name stored in the ledger. */
    public String ledgerName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The failure of a ledger name (any case), or null. */
    public static ReadFailure fromLedgerName(String name) {
        if (name == null) return null;
        for (ReadFailure f : values()) {
            if (f.ledgerName().equalsIgnoreCase(name.strip())) return f;
        }
        return null;
    }

    @Override
    public String toString() {
        return ledgerName();
    }
}
