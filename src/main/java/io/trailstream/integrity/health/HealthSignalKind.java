package io.trailstream.integrity.health;

/** What one observation says about an integration's delivery or access, for its health. */
public enum HealthSignalKind {
    /** An object of the integration was read (or found missing, which needs access too). */
    READ_OK,
    /** GetObject (or the AssumeRole before it) was refused. */
    ACCESS_DENIED,
    /** The integration's bucket does not exist. */
    NO_SUCH_BUCKET,
    /** An object was notified and decided without a read (skipped, duplicate, a failed fetch): not silent. */
    NOTIFIED,
    /** A digest arrived linked to its predecessor: the chain of its account and region delivers. */
    DIGEST_LINKED,
    /** The hourly digest of a chain is overdue. */
    DIGEST_OVERDUE,
    /** A digest starts a new chain although the chain had digests: logging or validation was off for a while. */
    CHAIN_RESTARTED,
    /** A digest named as its successor's predecessor was never seen. */
    DIGEST_MISSING;

    /** Whether this signal says the chain has a gap. */
    public boolean isGap() {
        return this == DIGEST_OVERDUE || this == CHAIN_RESTARTED || this == DIGEST_MISSING;
    }
}
