package io.trailstream.integrity;

import java.util.Locale;

/**
 * The outcome of one integrity check, as the {@code integrity} table's {@code status} column holds it. Digest
 * statuses and log-file statuses are one enum so that a row's status is typed end to end; {@link #kind()} says
 * which rows may carry a status ({@link #MISSING} both).
 */
public enum CheckStatus {
    /** Digest: signed by CloudTrail's key, where it says it is, and linked to its predecessor. */
    VALID(CheckKind.DIGEST),
    /** Digest: the signature does not verify, or is absent, or names another algorithm. */
    INVALID_SIGNATURE(CheckKind.DIGEST),
    /** Digest: signed, but its previous-digest fields do not match the previous digest's hash or signature. */
    CHAIN_BROKEN(CheckKind.DIGEST),
    /** Digest: signed for another bucket or key than where it was read (copied or moved). */
    MOVED(CheckKind.DIGEST),
    /** Digest: no public key with its fingerprint in its region (or the key source could not be read). */
    NO_PUBLIC_KEY(CheckKind.DIGEST),
    /** Digest: not gzip JSON of a digest's fields, or data after the end of its gzip stream. */
    INVALID_FORMAT(CheckKind.DIGEST),
    /** Log file: ingested, and the SHA-256 of its uncompressed bytes is the one its signed digest lists. */
    VERIFIED(CheckKind.LOG_FILE),
    /** Log file: its bytes differ from what its digest lists (or it had data after its gzip stream). */
    HASH_MISMATCH(CheckKind.LOG_FILE),
    /** Log file: listed, never seen or not found; digest: named by its successor, never seen. */
    MISSING(null),
    /** Log file: ingested, but in no signed digest within the grace period. */
    UNLISTED(CheckKind.LOG_FILE),
    /** Log file: listed, but never fetched by design (its integration skipped it): not checked. */
    SKIPPED(CheckKind.LOG_FILE);

    private final CheckKind kind;

    CheckStatus(CheckKind kind) {
        this.kind = kind;
    }

    /** The kind of row this status belongs to; null for statuses both kinds use. */
    public CheckKind kind() {
        return kind;
    }

    /** Whether the check found nothing wrong ({@link #VALID}, {@link #VERIFIED}, {@link #SKIPPED}). */
    public boolean isGood() {
        return this == VALID || this == VERIFIED || this == SKIPPED;
    }

    /** The lower-case name stored in the {@code status} column. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return wireName();
    }
}
