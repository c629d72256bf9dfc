package io.trailstream.trail;

/** What an object is, judged from its key alone, so that nothing is downloaded that need not be. */
public enum ObjectKind {
    /** A CloudTrail log file: fetched and parsed into {@code events}. */
    LOG,
    /** A CloudTrail Insights file: fetched and parsed into {@code insights}. */
    INSIGHT,
    /** A CloudTrail digest file: fetched for verification when integrity is on (else recorded), never parsed into a table. */
    DIGEST,
    /** The write check AWS Config / CloudTrail leaves in a bucket: recorded, not parsed. */
    CONFIG_CHECK,
    /** Anything else in the bucket: recorded, not parsed. */
    OTHER;

    /** Whether objects of this kind are downloaded and parsed into a table (digests are fetched apart, see routing). */
    public boolean isFetched() {
        return this == LOG || this == INSIGHT;
    }

    /** The lower-case name used in the ledger. */
    public String ledgerName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The kind of a ledger name (any case), or null when there is none. */
    public static ObjectKind fromLedgerName(String name) {
        if (name == null) return null;
        for (ObjectKind k : values()) {
            if (k.ledgerName().equalsIgnoreCase(name.strip())) return k;
        }
        return null;
    }

    /** The ledger name, as tables and logs show it. */
    @Override
    public String toString() {
        return ledgerName();
    }
}
