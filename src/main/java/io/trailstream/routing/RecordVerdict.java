package io.trailstream.routing;

/**
 * The per-record check after parsing: whether a record is kept, and whether its account differs from
 * the key's (a mismatch, counted per integration).
 */
public enum RecordVerdict {
    KEEP(true, false),
    /** Kept: its account is allowed, but it is not the account of the key it came in. */
    KEEP_MISMATCH(true, true),
    /** Dropped: its account is outside the include-list. */
    DROP_ACCOUNT(false, false),
    /** Dropped: its account is outside the include-list and not the key's account. */
    DROP_ACCOUNT_MISMATCH(false, true);

    private final boolean kept;
    private final boolean mismatch;

    RecordVerdict(boolean kept, boolean mismatch) {
        this.kept = kept;
        this.mismatch = mismatch;
    }

    public boolean kept() {
        return kept;
    }

    public boolean mismatch() {
        return mismatch;
    }
}
