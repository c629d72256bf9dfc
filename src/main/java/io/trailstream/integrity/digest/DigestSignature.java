package io.trailstream.integrity.digest;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.HexFormat;

/**
 * Verifies a digest's signature: RSASSA-PKCS1-v1_5 with SHA-256 ({@code SHA256withRSA}) over the
 * {@link SignedString}, the signature being the hex value of the object's {@code signature} user metadata.
 */
public final class DigestSignature {
    /** The only algorithm CloudTrail signs with. */
    public static final String ALGORITHM = "SHA256withRSA";
    /** The user metadata names, as S3 returns them (without {@code x-amz-meta-}). */
    public static final String METADATA_SIGNATURE = "signature";

    public static final String METADATA_ALGORITHM = "signature-algorithm";

    private DigestSignature() {}

    /** Whether {@code signatureHex} is {@code key}'s signature of {@code signed}; false for a signature that is not hex. */
    public static boolean verify(PublicKey key, byte[] signed, String signatureHex) {
        byte[] signature;
        try {
            signature = HexFormat.of().parseHex(signatureHex);
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        try {
            Signature rsa = Signature.getInstance(ALGORITHM);
            rsa.initVerify(key);
            rsa.update(signed);
            return rsa.verify(signature);
        } catch (GeneralSecurityException e) {
            // A signature of the wrong length or a key of another kind: not verified, never an exception upward.
            return false;
        }
    }
}
