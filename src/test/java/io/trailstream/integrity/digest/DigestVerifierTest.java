package io.trailstream.integrity.digest;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.integrity.CheckStatus;
import io.trailstream.integrity.ListedLogFile;
import io.trailstream.integrity.keys.PublicKeySource;
import io.trailstream.testing.TrailSigner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The checks of a digest on its own, on digests a test signs with its own key pair through the same code path as
 * CloudTrail's: valid, empty, Organization layout, local folder, forged, signed by another key, moved, copied to
 * another key, no public key, no signature, invalid formats (not gzip, not JSON, missing fields, data after the gzip
 * stream), and the key range asked for.
 */
class DigestVerifierTest {
    private static final String BUCKET = "acme-trail";
    private static final String ACCOUNT = "111122223333";
    private static final Instant END = Instant.parse("2026-11-26T10:00:00Z");
    private static final long NOW = END.plusSeconds(1800).toEpochMilli();

    private final TrailSigner signer = new TrailSigner();
    private final List<String> keyQueries = new ArrayList<>();
    private final PublicKeySource keys = new PublicKeySource() {
        @Override
        public Map<String, byte[]> keys(String region, Instant from, Instant to) {
            keyQueries.add(region + " " + from + " " + to);
            return Map.of(signer.fingerprint(), signer.publicKeyDer());
        }

        @Override
        public String describe() {
            return "the test's key";
        }
    };
    private final DigestVerifier verifier = new DigestVerifier(keys);
    private final TrailSigner.Trail trail = signer.trail(BUCKET, "trails", null, ACCOUNT, "eu-west-1");

    @Test
    void aSignedDigestIsValidAndListsItsFiles() {
        TrailSigner.LogFile a = trail.logFile(END.minusSeconds(3000), 3);
        TrailSigner.LogFile b = trail.logFile(END.minusSeconds(1200), 2);
        TrailSigner.SignedDigest d = trail.digest(END).files(a, b).build();

        DigestVerifier.Result r = verify(d);
        VerifiedDigest v = r.digest();
        assertThat(v.failure).as(v.reason).isNull();
        assertThat(v.reason).isEqualTo("signature verified with key " + signer.fingerprint() + ", 2 log files");
        assertThat(v.sha256).isEqualTo(d.sha256());
        assertThat(v.startsChain).isTrue();
        assertThat(v.trailName)
                .as("a trail name with underscores, read from the right")
                .isEqualTo("management_events");
        assertThat(v.accountId).isEqualTo(ACCOUNT);
        assertThat(v.region).isEqualTo("eu-west-1");
        assertThat(v.chainId).isEqualTo("acme-trail|trails||111122223333|eu-west-1|management_events|");
        assertThat(v.endTimeMillis).isEqualTo(END.toEpochMilli());
        assertThat(v.signatureSha256).isEqualTo(DigestVerifier.signatureHash(d.signatureHex()));
        assertThat(r.listed()).extracting(l -> l.key).containsExactly(a.key(), b.key());
        ListedLogFile first = r.listed().get(0);
        assertThat(first.expectedSha256).isEqualTo(a.sha256());
        assertThat(first.fileKey).isEqualTo(BUCKET + "/" + a.key());
        assertThat(first.digestKey).isEqualTo(d.key());
        assertThat(keyQueries)
                .as("keys of the digest's region, from its start to two hours after its end")
                .containsExactly("eu-west-1 2026-11-26T09:00:00Z 2026-11-26T12:00:00Z");
    }

    @Test
    void theNextDigestNamesItsPredecessor() {
        TrailSigner.SignedDigest first = trail.digest(END).build();
        TrailSigner.SignedDigest second = trail.digest(END.plusSeconds(3600)).build();
        VerifiedDigest v = verify(second).digest();
        assertThat(v.failure).isNull();
        assertThat(v.startsChain).isFalse();
        assertThat(v.previousKey).isEqualTo(first.key());
        assertThat(v.previousBucket).isEqualTo(BUCKET);
        assertThat(v.previousSha256).isEqualTo(first.sha256());
        assertThat(v.previousSignatureSha256).isEqualTo(DigestVerifier.signatureHash(first.signatureHex()));
    }

    @Test
    void anEmptyDigestIsValidAndListsNothing() {
        DigestVerifier.Result r = verify(trail.digest(END).build());
        assertThat(r.digest().failure).isNull();
        assertThat(r.digest().logFileCount).isZero();
        assertThat(r.listed()).isEmpty();
    }

    @Test
    void anOrganizationTrailAndALocalFolder() {
        TrailSigner.Trail org = signer.trail(BUCKET, null, "o-a1b2c3d4e5", "444455556666", "us-east-1");
        TrailSigner.SignedDigest d =
                org.digest(END).files(org.logFile(END.minusSeconds(600), 1)).build();
        VerifiedDigest v = verifier.verify(
                        "acme-org", "file", "/data/" + BUCKET, d.key(), d.stored(), d.metadata(), NOW)
                .digest();
        assertThat(v.failure)
                .as("read from a folder named as the bucket: %s", v.reason)
                .isNull();
        assertThat(v.organizationId).isEqualTo("o-a1b2c3d4e5");
        assertThat(v.bucket).isEqualTo(BUCKET);
        assertThat(verifier.verify("acme-org", "file", "/data/other", d.key(), d.stored(), d.metadata(), NOW)
                        .digest()
                        .failure)
                .isEqualTo(CheckStatus.MOVED);
    }

    @Test
    void aForgedDigestFailsItsSignature() {
        TrailSigner.LogFile f = trail.logFile(END.minusSeconds(600), 1);
        TrailSigner.SignedDigest forged = trail.digest(END)
                .files(f)
                .forged(d -> ((com.fasterxml.jackson.databind.node.ObjectNode)
                                d.withArray("logFiles").get(0))
                        .put("hashValue", "0".repeat(64)))
                .build();
        DigestVerifier.Result r = verify(forged);
        assertThat(r.digest().failure).isEqualTo(CheckStatus.INVALID_SIGNATURE);
        assertThat(r.digest().reason).isEqualTo("the signature does not verify with the key " + signer.fingerprint());
        assertThat(r.listed()).as("a forged digest's listing is never trusted").isEmpty();

        TrailSigner.SignedDigest otherKey = trail.digest(END.plusSeconds(3600))
                .signingKeys(TrailSigner.newKeyPair())
                .build();
        assertThat(verify(otherKey).digest().failure).isEqualTo(CheckStatus.INVALID_SIGNATURE);

        TrailSigner.SignedDigest good = trail.digest(END.plusSeconds(7200)).build();
        Map<String, String> flipped = new HashMap<>(good.metadata());
        flipped.put("signature", flip(good.signatureHex()));
        assertThat(verifier.verify("acme", "s3", BUCKET, good.key(), good.stored(), flipped, NOW)
                        .digest()
                        .failure)
                .isEqualTo(CheckStatus.INVALID_SIGNATURE);
        assertThat(verifier.verify("acme", "s3", BUCKET, good.key(), good.stored(), Map.of(), NOW)
                        .digest()
                        .reason)
                .isEqualTo("no signature and signature-algorithm in its S3 metadata");
        assertThat(verifier.verify(
                                "acme",
                                "s3",
                                BUCKET,
                                good.key(),
                                good.stored(),
                                Map.of("signature", good.signatureHex(), "signature-algorithm", "SHA1withRSA"),
                                NOW)
                        .digest()
                        .failure)
                .isEqualTo(CheckStatus.INVALID_SIGNATURE);
    }

    @Test
    void aDigestCopiedToAnotherKeyHasMoved() {
        TrailSigner.SignedDigest d = trail.digest(END).build();
        String elsewhere = trail.digestKey(END.plusSeconds(7200), false);
        DigestVerifier.Result r = verifier.verify("acme", "s3", BUCKET, elsewhere, d.stored(), d.metadata(), NOW);
        assertThat(r.digest().failure).isEqualTo(CheckStatus.MOVED);
        assertThat(r.digest().reason)
                .isEqualTo("signed for s3://" + BUCKET + "/" + d.key() + ", read at " + BUCKET + "/" + elsewhere);
        assertThat(verifier.verify("acme", "s3", "other-bucket", d.key(), d.stored(), d.metadata(), NOW)
                        .digest()
                        .failure)
                .isEqualTo(CheckStatus.MOVED);
    }

    @Test
    void anUnknownFingerprintHasNoPublicKey() {
        TrailSigner.SignedDigest d = trail.digest(END)
                .signedWith(n -> n.put("digestPublicKeyFingerprint", "ab".repeat(16)))
                .build();
        VerifiedDigest v = verify(d).digest();
        assertThat(v.failure).isEqualTo(CheckStatus.NO_PUBLIC_KEY);
        assertThat(v.reason)
                .isEqualTo("no public key with fingerprint " + "ab".repeat(16) + " in eu-west-1 from the test's key");

        PublicKeySource down = new PublicKeySource() {
            @Override
            public Map<String, byte[]> keys(String region, Instant from, Instant to) throws IOException {
                throw new IOException("ListPublicKeys in eu-west-1 failed: AccessDenied");
            }

            @Override
            public String describe() {
                return "nothing";
            }
        };
        VerifiedDigest unreadable = new DigestVerifier(down)
                .verify("acme", "s3", BUCKET, d.key(), d.stored(), d.metadata(), NOW)
                .digest();
        assertThat(unreadable.failure).isEqualTo(CheckStatus.NO_PUBLIC_KEY);
        assertThat(unreadable.reason)
                .isEqualTo("public keys not readable: ListPublicKeys in eu-west-1 failed: AccessDenied");
    }

    @Test
    void invalidFormats() {
        TrailSigner.SignedDigest d = trail.digest(END).build();
        assertThat(check(d.key(), "not gzip, not json".getBytes(StandardCharsets.UTF_8)).reason)
                .startsWith("not JSON");
        assertThat(check(d.key(), new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2}).reason)
                .startsWith("not readable gzip");
        assertThat(check(d.key(), TrailSigner.gzip("[1,2]".getBytes(StandardCharsets.UTF_8))).reason)
                .isEqualTo("top level is not a JSON object");
        byte[] noEnd = TrailSigner.gzip(
                d.json().replace("\"digestEndTime\"", "\"other\"").getBytes(StandardCharsets.UTF_8));
        assertThat(check(d.key(), noEnd).reason).isEqualTo("no digestEndTime");
        byte[] badHash = TrailSigner.gzip(trail.digest(END.plusSeconds(3600))
                .build()
                .json()
                .replaceFirst("\"previousDigestHashValue\":\"[0-9a-f]+\"", "\"previousDigestHashValue\":\"xyz\"")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(check(trail.digestKey(END.plusSeconds(3600), false), badHash).reason)
                .isEqualTo("previousDigestHashValue is not 64 hex digits");

        ByteArrayOutputStream trailing = new ByteArrayOutputStream();
        trailing.writeBytes(d.stored());
        trailing.writeBytes(new byte[] {0, 0, 0});
        VerifiedDigest padded = check(d.key(), trailing.toByteArray());
        assertThat(padded.failure).isEqualTo(CheckStatus.INVALID_FORMAT);
        assertThat(padded.reason)
                .isEqualTo("3 bytes after the end of the gzip stream (at byte " + d.stored().length + ")");
        assertThat(padded.sha256)
                .as("the first member's bytes are still hashed")
                .isEqualTo(d.sha256());
        trailing.writeBytes(new byte[] {'x', 'y'});
        assertThat(check(d.key(), trailing.toByteArray()).reason)
                .startsWith("5 bytes after the end of the gzip stream");

        assertThat(verifier.verify("acme", "s3", BUCKET, "AWSLogs/not-a-digest.json.gz", d.stored(), d.metadata(), NOW)
                        .digest()
                        .reason)
                .isEqualTo("the key is not a digest's key");
    }

    @Test
    void theSignedStringIsExact() {
        byte[] s = SignedString.of("2026-11-26T10:00:00Z", "b", "k/d.json.gz", "ab".repeat(32), null);
        assertThat(new String(s, StandardCharsets.UTF_8))
                .isEqualTo("2026-11-26T10:00:00Z\nb/k/d.json.gz\n" + "ab".repeat(32) + "\nnull");
    }

    private VerifiedDigest check(String key, byte[] stored) {
        VerifiedDigest v = verifier.verify("acme", "s3", BUCKET, key, stored, Map.of(), NOW)
                .digest();
        assertThat(v.failure).as(v.reason).isEqualTo(CheckStatus.INVALID_FORMAT);
        return v;
    }

    private DigestVerifier.Result verify(TrailSigner.SignedDigest d) {
        return verifier.verify("acme", "s3", BUCKET, d.key(), d.stored(), d.metadata(), NOW);
    }

    private static String flip(String hex) {
        char c = hex.charAt(10);
        return hex.substring(0, 10) + (c == '0' ? '1' : '0') + hex.substring(11);
    }
}
