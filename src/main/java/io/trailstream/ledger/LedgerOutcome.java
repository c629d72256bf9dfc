package io.trailstream.ledger;

import java.util.Locale;

/**
 * What became of one notified object. Each object ends in exactly one ledger row carrying one of these,
 * so that an operator (or a backfill) can find every object that was not fully ingested.
 */
public enum LedgerOutcome {
    /** Fetched and parsed; every record was read (some may have been filtered by account). */
    INGESTED,
    /** Fetched, but the file broke off or turned invalid mid-way; the records before the break were kept. */
    PARTIAL,
    /** Fetched, but it is not a CloudTrail log file ({@code {"Records":[...]}}). */
    NOT_CLOUDTRAIL,
    /** Fetched, but the bytes could not be decompressed or parsed at all. */
    CORRUPT,
    /** The object was gone when fetched. */
    MISSING,
    /** The fetch failed after retries (throttling, network, a server error). */
    FETCH_FAILED,
    /** The same object version was notified before; it was ingested once. */
    DUPLICATE,
    /**
     * Not parsed into a table by design: a write check or another file, recorded from its key alone, or a digest
     * file, fetched and handed to verification (its result is in the {@code integrity} table).
     */
    RECORDED,
    /** No integration claims the object's bucket and prefix. */
    UNROUTED,
    /** Its integration is suspended. */
    SKIPPED_SUSPENDED,
    /** Its integration is disconnected. */
    SKIPPED_DISCONNECTED,
    /** Its integration was deleted. */
    SKIPPED_DELETED,
    /** Its tenant's licence is expired. */
    SKIPPED_LICENCE,
    /** Its account is outside the integration's include-list. */
    SKIPPED_ACCOUNT,
    /** Its Organization differs from the integration's. */
    SKIPPED_ORGANIZATION,
    /**
     * The integration's credentials may not read it: AssumeRole of its read role, or GetObject as that role, was
     * denied (or the job's own identity was, for an integration without a role). Not retried: someone has to fix
     * the customer's role or bucket, and a backfill reads it again afterwards.
     */
    ACCESS_DENIED;

    /**
     * Whether a backfill may replay an object whose latest ledger row has this outcome: nothing of it was kept and
     * the cause lies outside the file (a status, a licence, an include-list, access, a fetch). Not {@code partial}
     * (the records it kept would be written again), nor a file that would end the same ({@code corrupt},
     * {@code not_cloudtrail}), nor one accounted for ({@code ingested}, {@code recorded}, {@code duplicate}).
     * The same list as {@code notebooks/backfill_candidates.sql} (docs/tables.md).
     */
    public boolean replayable() {
        switch (this) {
            case SKIPPED_SUSPENDED:
            case SKIPPED_DISCONNECTED:
            case SKIPPED_DELETED:
            case SKIPPED_LICENCE:
            case SKIPPED_ACCOUNT:
            case SKIPPED_ORGANIZATION:
            case UNROUTED:
            case MISSING:
            case FETCH_FAILED:
            case ACCESS_DENIED:
                return true;
            default:
                return false;
        }
    }

    /** The lower-case name stored in the ledger's {@code outcome} column. */
    public String ledgerName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The outcome of a ledger name (any case), or null when there is none (a row of a newer version). */
    public static LedgerOutcome fromLedgerName(String name) {
        if (name == null) return null;
        for (LedgerOutcome o : values()) {
            if (o.ledgerName().equalsIgnoreCase(name.strip())) return o;
        }
        return null;
    }

    /** The ledger name, as tables and logs show it. */
    @Override
    public String toString() {
        return ledgerName();
    }
}
