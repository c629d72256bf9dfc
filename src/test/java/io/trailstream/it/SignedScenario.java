package io.trailstream.it;

import io.trailstream.control.Integration;
import io.trailstream.testing.TrailSigner;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A trail bucket with every case of log file validation, signed by the test's own key pair (see
 * {@link TrailSigner}), and what the {@code integrity} table must say of each object: a valid chain of four hours
 * (one with an empty digest), a log file with one byte flipped, a listed file deleted, a digest with a wrong previous
 * hash, a forged digest, a digest copied to another key, and an Organization trail under a prefix. Objects are in
 * two phases, so a test can deliver some log files before their digest and the others after it.
 */
final class SignedScenario {
    static final String BUCKET = "acme-trail";
    static final String ORG = "o-a1b2c3d4e5";
    static final String ORG_PREFIX = "org";
    static final String A = "111122223333";
    static final String B = "222233334444";
    static final String C = "444455556666";
    static final Instant T0 = Instant.parse("2026-11-26T01:00:00Z");

    /** One object to store: its key, bytes, user metadata and the phase it is delivered in. */
    record Obj(String key, byte[] bytes, Map<String, String> metadata, boolean digest, int phase) {}

    final TrailSigner signer = new TrailSigner();
    final List<Obj> objects = new ArrayList<>();
    /** {@code "digest KEY"} or {@code "log_file KEY"} to the status its latest integrity row must have. */
    final Map<String, String> expected = new TreeMap<>();

    SignedScenario() {
        validChainWithAFlippedAndADeletedFile();
        brokenAndForgedChain();
        movedDigest();
        organizationTrail();
    }

    /** The integrations that own the bucket (for a local run, pointed at its folder). */
    static List<Integration> integrations(String bucket) {
        Integration acme = Integration.of("acme", bucket, null);
        Integration org = Integration.of("acme-org", bucket, ORG_PREFIX);
        org.organizationId = ORG;
        return List.of(acme, org);
    }

    private void validChainWithAFlippedAndADeletedFile() {
        TrailSigner.Trail t = signer.trail(BUCKET, null, null, A, "eu-west-1");
        for (int hour = 0; hour < 4; hour++) {
            Instant end = T0.plusSeconds(3600L * (hour + 1));
            List<TrailSigner.LogFile> files = new ArrayList<>();
            if (hour < 3) {
                files.add(t.logFile(end.minusSeconds(3000), 3));
                files.add(t.logFile(end.minusSeconds(1500), 2));
            }
            TrailSigner.SignedDigest d = t.digest(end)
                    .files(files.toArray(new TrailSigner.LogFile[0]))
                    .build();
            digest(d, "valid");
            for (int i = 0; i < files.size(); i++) {
                TrailSigner.LogFile f = files.get(i);
                if (hour == 1 && i == 0) {
                    // One byte of the delivered file changed after CloudTrail hashed it.
                    byte[] changed = f.uncompressed().clone();
                    int at = new String(changed, StandardCharsets.UTF_8).indexOf("ListBuckets");
                    changed[at] = (byte) 'l';
                    put(f.key(), TrailSigner.gzip(changed), Map.of(), false, 1 + i % 2);
                    expected.put("log_file " + f.key(), "hash_mismatch");
                } else if (hour == 2 && i == 1) {
                    expected.put("log_file " + f.key(), "missing"); // deleted: never stored
                } else {
                    logFile(f, "verified", 1 + i % 2);
                }
            }
        }
    }

    private void brokenAndForgedChain() {
        TrailSigner.Trail t = signer.trail(BUCKET, null, null, A, "us-east-1");
        TrailSigner.LogFile f1 = t.logFile(T0.plusSeconds(600), 2);
        digest(t.digest(T0.plusSeconds(3600)).files(f1).build(), "valid");
        logFile(f1, "verified", 1);
        TrailSigner.LogFile f2 = t.logFile(T0.plusSeconds(4200), 2);
        digest(
                t.digest(T0.plusSeconds(7200))
                        .files(f2)
                        .signedWith(n -> n.put("previousDigestHashValue", "ab".repeat(32)))
                        .build(),
                "chain_broken");
        logFile(f2, "verified", 2); // its digest is still authentic: the file is checked against it
        TrailSigner.LogFile f3 = t.logFile(T0.plusSeconds(7800), 2);
        digest(
                t.digest(T0.plusSeconds(10800))
                        .files(f3)
                        .forged(n -> n.put("digestStartTime", "2026-11-26T02:30:00Z"))
                        .build(),
                "invalid_signature");
        logFile(f3, "unlisted", 1); // only a forged digest lists it
    }

    private void movedDigest() {
        TrailSigner.Trail t = signer.trail(BUCKET, null, null, B, "eu-west-1");
        TrailSigner.LogFile f = t.logFile(T0.plusSeconds(900), 1);
        String elsewhere = t.digestKey(T0.plusSeconds(5 * 3600), false);
        TrailSigner.SignedDigest d =
                t.digest(T0.plusSeconds(3600)).files(f).storedAt(elsewhere).build();
        digest(d, "moved");
        logFile(f, "unlisted", 2);
    }

    private void organizationTrail() {
        TrailSigner.Trail t = signer.trail(BUCKET, ORG_PREFIX, ORG, C, "us-east-1");
        for (int hour = 0; hour < 2; hour++) {
            Instant end = T0.plusSeconds(3600L * (hour + 1));
            TrailSigner.LogFile f = t.logFile(end.minusSeconds(1200), 2);
            digest(t.digest(end).files(f).build(), "valid");
            logFile(f, "verified", 1 + hour);
        }
    }

    private void digest(TrailSigner.SignedDigest d, String status) {
        put(d.key(), d.stored(), d.metadata(), true, 1);
        expected.put("digest " + d.key(), status);
    }

    private void logFile(TrailSigner.LogFile f, String status, int phase) {
        put(f.key(), f.stored(), Map.of(), false, phase);
        expected.put("log_file " + f.key(), status);
    }

    private void put(String key, byte[] bytes, Map<String, String> metadata, boolean digest, int phase) {
        objects.add(new Obj(key, bytes, metadata, digest, phase));
    }

    /** Log files stored: their records are what lands in events. */
    long logFiles() {
        return objects.stream().filter(o -> !o.digest()).count();
    }
}
