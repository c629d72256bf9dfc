package io.trailstream.integrity.keys;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;

/**
 * Turns the DER bytes CloudTrail publishes into an RSA {@link PublicKey}, and says their fingerprint. CloudTrail
 * documents PKCS#1 {@code RSAPublicKey}; its samples also carry X.509 {@code SubjectPublicKeyInfo}. Both are
 * accepted: X.509 first, else the PKCS#1 bytes are wrapped in a SubjectPublicKeyInfo for the JDK's key factory.
 */
public final class RsaPublicKeys {
    /** {@code SEQUENCE { OID 1.2.840.113549.1.1.1 (rsaEncryption), NULL }}. */
    private static final byte[] RSA_ALGORITHM = {
        0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00
    };

    private RsaPublicKeys() {}

    /** The hex MD5 of {@code der}: the fingerprint a digest names its key by. */
    public static String fingerprint(byte[] der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }

    /**
     * The RSA key of {@code der}, PKCS#1 or X.509.
     *
     * @throws InvalidKeySpecException when the bytes are neither
     */
    public static PublicKey parse(byte[] der) throws InvalidKeySpecException {
        KeyFactory rsa;
        try {
            rsa = KeyFactory.getInstance("RSA");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no RSA", e);
        }
        try {
            return rsa.generatePublic(new X509EncodedKeySpec(der));
        } catch (InvalidKeySpecException notX509) {
            try {
                return rsa.generatePublic(new X509EncodedKeySpec(wrapPkcs1(der)));
            } catch (GeneralSecurityException | RuntimeException e) {
                InvalidKeySpecException neither =
                        new InvalidKeySpecException("neither an X.509 nor a PKCS#1 RSA public key", e);
                neither.addSuppressed(notX509);
                throw neither;
            }
        }
    }

    /** {@code SEQUENCE { algorithm, BIT STRING { 0x00, pkcs1 } }}. */
    static byte[] wrapPkcs1(byte[] pkcs1) {
        ByteArrayOutputStream bitString = new ByteArrayOutputStream();
        bitString.write(0x03);
        writeLength(bitString, pkcs1.length + 1);
        bitString.write(0x00);
        bitString.writeBytes(pkcs1);
        byte[] body = concat(RSA_ALGORITHM, bitString.toByteArray());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        writeLength(out, body.length);
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
            return;
        }
        int bytes = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
        out.write(0x80 | bytes);
        for (int i = bytes - 1; i >= 0; i--) out.write((length >>> (8 * i)) & 0xff);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
