package io.trailstream.integrity.digest;

import java.time.Instant;
import java.util.List;

/**
 * The fields of one CloudTrail digest file as it was signed (see {@code ../shared/DIGEST-VALIDATION.md}): times
 * verbatim where the signature covers them, the previous digest's fields (all null when a chain starts), and the
 * log files it lists. Made by {@link DigestParser} from the exact bytes; immutable.
 */
public final class DigestDocument {
    public final String awsAccountId;
    /** {@code digestEndTime} exactly as written: it is part of the signed string. */
    public final String endTimeText;

    public final Instant startTime;
    public final Instant endTime;
    public final String s3Bucket;
    public final String s3Object;
    public final String publicKeyFingerprint;
    public final String signatureAlgorithm;
    public final String previousS3Bucket;
    public final String previousS3Object;
    public final String previousHashValue;
    public final String previousHashAlgorithm;
    /** Hex, or null for the first digest of a chain (then the signed string says {@code null}). */
    public final String previousSignature;

    public final List<Listed> logFiles;

    DigestDocument(Builder b) {
        awsAccountId = b.awsAccountId;
        endTimeText = b.endTimeText;
        startTime = b.startTime;
        endTime = b.endTime;
        s3Bucket = b.s3Bucket;
        s3Object = b.s3Object;
        publicKeyFingerprint = b.publicKeyFingerprint;
        signatureAlgorithm = b.signatureAlgorithm;
        previousS3Bucket = b.previousS3Bucket;
        previousS3Object = b.previousS3Object;
        previousHashValue = b.previousHashValue;
        previousHashAlgorithm = b.previousHashAlgorithm;
        previousSignature = b.previousSignature;
        logFiles = List.copyOf(b.logFiles);
    }

    /** Whether this digest starts a chain: it names no previous digest. */
    public boolean startsChain() {
        return previousS3Object == null && previousHashValue == null && previousSignature == null;
    }

    /** One listed log file: where it is and the SHA-256 (lower-case hex) of its uncompressed bytes. */
    public record Listed(String s3Bucket, String s3Object, String hashValue) {}

    static final class Builder {
        String awsAccountId;
        String endTimeText;
        Instant startTime;
        Instant endTime;
        String s3Bucket;
        String s3Object;
        String publicKeyFingerprint;
        String signatureAlgorithm;
        String previousS3Bucket;
        String previousS3Object;
        String previousHashValue;
        String previousHashAlgorithm;
        String previousSignature;
        List<Listed> logFiles = List.of();
    }
}
