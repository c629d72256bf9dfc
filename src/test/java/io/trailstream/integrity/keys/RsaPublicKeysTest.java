package io.trailstream.integrity.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailstream.testing.TrailSigner;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys as CloudTrail publishes them: PKCS#1 (documented) and X.509 (in AWS's samples), fingerprinted by MD5. */
class RsaPublicKeysTest {
    private static final KeyPair KEYS = TrailSigner.newKeyPair();

    @Test
    void readsX509AndPkcs1AsTheSameKey() throws Exception {
        RSAPublicKey rsa = (RSAPublicKey) KEYS.getPublic();
        PublicKey fromX509 = RsaPublicKeys.parse(rsa.getEncoded());
        PublicKey fromPkcs1 = RsaPublicKeys.parse(pkcs1(rsa.getModulus(), rsa.getPublicExponent()));
        assertThat(fromX509).isEqualTo(rsa);
        assertThat(fromPkcs1)
                .as("PKCS#1 bytes wrapped in a SubjectPublicKeyInfo")
                .isEqualTo(rsa);
    }

    @Test
    void refusesWhatIsNoRsaKey() {
        assertThatThrownBy(() -> RsaPublicKeys.parse(new byte[] {0x30, 0x03, 0x02, 0x01, 0x05}))
                .isInstanceOf(InvalidKeySpecException.class)
                .hasMessageContaining("neither an X.509 nor a PKCS#1 RSA public key");
    }

    @Test
    void theFingerprintIsTheMd5OfTheDer() throws Exception {
        byte[] der = KEYS.getPublic().getEncoded();
        assertThat(RsaPublicKeys.fingerprint(der))
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("MD5").digest(der)))
                .hasSize(32);
    }

    @Test
    void aKeysFileIsReadAndChecked(@TempDir Path dir) throws Exception {
        TrailSigner signer = new TrailSigner();
        Path file = signer.writePublicKeys(dir.resolve("keys.json"));
        FilePublicKeys keys = new FilePublicKeys(file);
        assertThat(keys.keys("eu-west-1", Instant.EPOCH, Instant.now()))
                .containsOnlyKeys(signer.fingerprint())
                .hasEntrySatisfying(signer.fingerprint(), der -> assertThat(der).isEqualTo(signer.publicKeyDer()));

        Path wrong = dir.resolve("wrong.json");
        Files.writeString(wrong, signer.publicKeysJson().replace(signer.fingerprint(), "00".repeat(16)));
        assertThatThrownBy(() -> new FilePublicKeys(wrong).keys("eu-west-1", Instant.EPOCH, Instant.now()))
                .hasMessageContaining(
                        "the key listed as " + "00".repeat(16) + " has fingerprint " + signer.fingerprint());
        Path notJson = Files.writeString(dir.resolve("bad.json"), "[1,2]");
        assertThatThrownBy(() -> new FilePublicKeys(notJson).keys("eu-west-1", Instant.EPOCH, Instant.now()))
                .hasMessageContaining("must hold a JSON object");
    }

    /** {@code RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }}. */
    static byte[] pkcs1(BigInteger modulus, BigInteger exponent) {
        byte[] body = concat(integer(modulus), integer(exponent));
        return concat(new byte[] {0x30}, length(body.length), body);
    }

    private static byte[] integer(BigInteger v) {
        byte[] b = v.toByteArray();
        return concat(new byte[] {0x02}, length(b.length), b);
    }

    private static byte[] length(int n) {
        if (n < 0x80) return new byte[] {(byte) n};
        if (n <= 0xff) return new byte[] {(byte) 0x81, (byte) n};
        return new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }
}
