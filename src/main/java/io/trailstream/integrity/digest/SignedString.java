package io.trailstream.integrity.digest;

import java.nio.charset.StandardCharsets;

/**
 * The string CloudTrail signs for a digest, UTF-8, fields joined by one {@code \n}, no trailing newline:
 * {@code digestEndTime}, {@code digestS3Bucket/digestS3Object}, the hex SHA-256 of the uncompressed digest, and
 * {@code previousDigestSignature} or the literal {@code null} for the first digest of a chain.
 */
public final class SignedString {
    private SignedString() {}

    /** The signed bytes of {@code digest}, whose uncompressed bytes hash to {@code sha256Hex}. */
    public static byte[] of(DigestDocument digest, String sha256Hex) {
        return of(digest.endTimeText, digest.s3Bucket, digest.s3Object, sha256Hex, digest.previousSignature);
    }

    /** The signed bytes of these fields; {@code previousSignature} null for the first digest of a chain. */
    public static byte[] of(
            String endTime, String s3Bucket, String s3Object, String sha256Hex, String previousSignature) {
        String text = endTime + "\n" + s3Bucket + "/" + s3Object + "\n" + sha256Hex + "\n"
                + (previousSignature == null ? "null" : previousSignature);
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
