package io.trailstream.integrity.digest;

import io.trailstream.integrity.CheckStatus;

/**
 * A digest after the checks that need nothing but the digest itself (format, location, key, signature), with what
 * its chain needs to be checked: its own hash and signature, its predecessor's as it names them. Travels from
 * verification to the chain operator, keyed by {@link #chainId}; a Flink POJO. Signatures are kept as the
 * SHA-256 of their lower-case hex: enough to compare, a tenth of the state.
 */
public class VerifiedDigest {
    /** Null when every check passed so far; else why the digest is not valid (its chain is then not checked). */
    public CheckStatus failure;

    public String reason;

    /** The chain the digest belongs to: see {@link #chainIdOf}. */
    public String chainId;

    public String integrationId;
    /** The bucket's name (for a local run, the folder's name) and the key it was read from. */
    public String bucket;

    public String key;
    public String organizationId;
    public String accountId;
    public String region;
    public String trailName;
    public boolean backfill;

    public long startTimeMillis;
    public long endTimeMillis;
    /** Lower-case hex SHA-256 of the uncompressed digest; null when it could not be decompressed. */
    public String sha256;
    /** SHA-256 of the lower-case hex signature in the object's metadata; null without one. */
    public String signatureSha256;

    /** The previous digest as this one names it; all null when a chain starts. */
    public String previousBucket;

    public String previousKey;
    public String previousSha256;
    public String previousSignatureSha256;
    public boolean startsChain;
    public int logFileCount;
    public long checkedAtMillis;

    public VerifiedDigest() {}

    /**
     * The chain a digest's key puts it in: bucket, prefix, Organization, account, region, trail and whether it is a
     * backfill digest (backfill digests chain among themselves).
     */
    public static String chainIdOf(String bucket, DigestName name) {
        return String.join(
                "|",
                bucket,
                name.prefix == null ? "" : name.prefix,
                name.organizationId == null ? "" : name.organizationId,
                name.accountId,
                name.region,
                name.trailName,
                name.backfill ? "backfill" : "");
    }

    /** Whether every check that needs only this digest passed. */
    public boolean passed() {
        return failure == null;
    }

    @Override
    public String toString() {
        return "VerifiedDigest{" + bucket + "/" + key + (failure == null ? "" : " " + failure) + "}";
    }
}
