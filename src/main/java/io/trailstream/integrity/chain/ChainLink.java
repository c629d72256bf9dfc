package io.trailstream.integrity.chain;

import io.trailstream.integrity.digest.VerifiedDigest;

/**
 * One digest of a chain as the chain operator keeps it (by key, for a retention period): what its successor's
 * previous-digest fields are checked against, and whether its own link to its predecessor is decided yet. A Flink
 * POJO in keyed map state.
 */
public class ChainLink {
    public VerifiedDigest digest;
    /** Whether this digest's row was written. */
    public boolean decided;
    /** Decided without its predecessor (not seen in time): checked again if the predecessor comes late. */
    public boolean linkUnchecked;
    /** While undecided: when to stop waiting for the predecessor (processing time, epoch millis). */
    public long waitUntilMillis;

    public ChainLink() {}

    ChainLink(VerifiedDigest digest) {
        this.digest = digest;
    }
}
