package io.trailstream.integrity.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.integrity.IntegrityCheck;
import io.trailstream.integrity.digest.DigestVerifier;
import io.trailstream.integrity.digest.VerifiedDigest;
import io.trailstream.integrity.health.HealthSignal;
import io.trailstream.integrity.health.HealthSignalKind;
import io.trailstream.integrity.keys.PublicKeySource;
import io.trailstream.testing.TrailSigner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The chain rules on digests signed by the test and verified by the job's verifier: a chain of several hours in
 * order and out of order, a wrong previous hash or signature, a restart, a deleted digest, the start of what the job
 * saw, and a predecessor that comes after its successor was decided.
 */
class ChainRulesTest {
    private static final Instant T0 = Instant.parse("2026-11-26T01:00:00Z");
    private static final long GRACE = Duration.ofHours(2).toMillis();

    private final TrailSigner signer = new TrailSigner();
    private final DigestVerifier verifier = new DigestVerifier(new PublicKeySource() {
        @Override
        public Map<String, byte[]> keys(String region, Instant from, Instant to) {
            return Map.of(signer.fingerprint(), signer.publicKeyDer());
        }

        @Override
        public String describe() {
            return "test key";
        }
    });
    private final TrailSigner.Trail trail = signer.trail("acme-trail", null, null, "111122223333", "eu-west-1");
    private final ChainRules rules = new ChainRules(GRACE);
    private final MemoryLinks links = new MemoryLinks();
    private final List<IntegrityCheck> rows = new ArrayList<>();
    private final List<HealthSignal> signals = new ArrayList<>();
    private long now = T0.plusSeconds(7200).toEpochMilli();

    @Test
    void aChainOfSeveralHoursIsValid() throws Exception {
        List<VerifiedDigest> chain = hours(6);
        for (VerifiedDigest d : chain) arrive(d);
        assertThat(statuses())
                .containsExactly(
                        "01:00 valid", "02:00 valid", "03:00 valid", "04:00 valid", "05:00 valid", "06:00 valid");
        assertThat(rows.get(0).reason).endsWith("; it starts a chain");
        assertThat(rows.get(3).reason).endsWith("; linked to " + chain.get(2).key);
        assertThat(signals)
                .extracting(s -> s.kind)
                .containsOnly(HealthSignalKind.DIGEST_LINKED)
                .hasSize(5);
        expire(true);
        assertThat(rows).as("nothing was left waiting").hasSize(6);
    }

    @Test
    void outOfOrderDigestsWaitForTheirPredecessor() throws Exception {
        List<VerifiedDigest> chain = hours(5);
        List<VerifiedDigest> shuffled = new ArrayList<>(chain);
        Collections.reverse(shuffled);
        for (VerifiedDigest d : shuffled) arrive(d);
        assertThat(statuses())
                .as("each decided when its predecessor came; the first starts the chain, then links the second")
                .containsExactly("05:00 valid", "04:00 valid", "03:00 valid", "01:00 valid", "02:00 valid");
        assertThat(rows)
                .filteredOn(r -> r.key.equals(chain.get(4).key))
                .singleElement()
                .satisfies(r -> assertThat(r.reason).endsWith("linked to " + chain.get(3).key));
    }

    @Test
    void aWrongPreviousHashOrSignatureBreaksTheChain() throws Exception {
        VerifiedDigest first = verify(trail.digest(T0).build());
        VerifiedDigest wrongHash = verify(trail.digest(T0.plusSeconds(3600))
                .signedWith(n -> n.put("previousDigestHashValue", "ab".repeat(32)))
                .build());
        VerifiedDigest wrongSignature = verify(trail.digest(T0.plusSeconds(7200))
                .signedWith(n -> n.put("previousDigestSignature", "cd".repeat(256)))
                .build());
        arrive(first);
        arrive(wrongHash);
        arrive(wrongSignature);
        assertThat(statuses()).containsExactly("01:00 valid", "02:00 chain_broken", "03:00 chain_broken");
        assertThat(rows.get(1).reason)
                .isEqualTo("previousDigestHashValue " + "ab".repeat(32) + " is not the SHA-256 of " + first.key + ", "
                        + first.sha256);
        assertThat(rows.get(1).expectedSha256).isEqualTo("ab".repeat(32));
        assertThat(rows.get(2).reason).isEqualTo("previousDigestSignature is not the signature of " + wrongHash.key);
    }

    @Test
    void aRestartedChainIsAGap() throws Exception {
        arrive(verify(trail.digest(T0).build()));
        arrive(verify(trail.digest(T0.plusSeconds(3600)).build()));
        trail.restart();
        arrive(verify(trail.digest(T0.plusSeconds(5 * 3600)).build()));
        assertThat(statuses()).containsExactly("01:00 valid", "02:00 valid", "06:00 valid");
        assertThat(signals)
                .extracting(s -> s.kind)
                .containsExactly(HealthSignalKind.DIGEST_LINKED, HealthSignalKind.CHAIN_RESTARTED);
        assertThat(signals.get(1).reason)
                .startsWith("the digest chain restarted at 2026-11-26T05:00:00Z")
                .contains("the digest before it ended at 2026-11-26T02:00:00Z");
    }

    @Test
    void aDeletedDigestIsMissingOnceTheGraceIsOver() throws Exception {
        List<VerifiedDigest> chain = hours(4);
        arrive(chain.get(0));
        arrive(chain.get(1));
        arrive(chain.get(3)); // 03:00 was deleted
        expire(false);
        assertThat(statuses()).as("still waiting").containsExactly("01:00 valid", "02:00 valid");
        now += GRACE;
        expire(false);
        assertThat(statuses()).containsExactly("01:00 valid", "02:00 valid", "03:00 missing", "04:00 valid");
        IntegrityCheck missing = rows.get(2);
        assertThat(missing.key).isEqualTo(chain.get(2).key);
        assertThat(missing.reason).isEqualTo("named as predecessor by " + chain.get(3).key + ", never seen");
        assertThat(missing.expectedSha256).isEqualTo(chain.get(2).sha256);
        assertThat(rows.get(3).reason)
                .endsWith("its predecessor " + chain.get(2).key + " is missing: link not checked");
        assertThat(signals).extracting(s -> s.kind).contains(HealthSignalKind.DIGEST_MISSING);

        // The missing digest shows up after all (a late notification): both are checked again.
        rows.clear();
        arrive(chain.get(2));
        assertThat(statuses()).containsExactly("03:00 valid", "04:00 valid");
        assertThat(rows.get(1).reason).endsWith("linked to " + chain.get(2).key);
    }

    @Test
    void theFirstDigestTheJobSeesNeedsNoPredecessor() throws Exception {
        List<VerifiedDigest> chain = hours(3);
        arrive(chain.get(1));
        arrive(chain.get(2));
        expire(true);
        assertThat(statuses()).containsExactly("03:00 valid", "02:00 valid");
        assertThat(rows.get(1).reason).endsWith("precedes what this job has read: link not checked");
        assertThat(signals).extracting(s -> s.kind).doesNotContain(HealthSignalKind.DIGEST_MISSING);
    }

    @Test
    void aDigestForgedAfterItsSuccessorWasSignedFailsAndBreaksTheChain() throws Exception {
        TrailSigner.SignedDigest original = trail.digest(T0).build();
        TrailSigner.SignedDigest next = trail.digest(T0.plusSeconds(3600)).build();
        // Someone rewrites the first digest in the bucket, keeping its signature metadata.
        byte[] rewritten = TrailSigner.gzip(original.json()
                .replace("\"logFiles\":[]", "\"logFiles\":[]  ")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        VerifiedDigest forged = verifier.verify(
                        "acme", "s3", "acme-trail", original.key(), rewritten, original.metadata(), now)
                .digest();
        arrive(forged);
        arrive(verify(next));
        assertThat(statuses()).containsExactly("01:00 invalid_signature", "02:00 chain_broken");
        assertThat(rows.get(1).reason)
                .startsWith("previousDigestHashValue " + original.sha256() + " is not the SHA-256 of");
    }

    private List<VerifiedDigest> hours(int n) {
        List<VerifiedDigest> out = new ArrayList<>();
        for (int i = 0; i < n; i++)
            out.add(verify(trail.digest(T0.plusSeconds(3600L * i)).build()));
        return out;
    }

    private VerifiedDigest verify(TrailSigner.SignedDigest d) {
        VerifiedDigest v = verifier.verify("acme", "s3", "acme-trail", d.key(), d.stored(), d.metadata(), now)
                .digest();
        assertThat(v.failure).as(v.reason).isNull();
        return v;
    }

    private void arrive(VerifiedDigest d) throws Exception {
        collect(rules.arrive(d, links, now));
    }

    private void expire(boolean ended) throws Exception {
        collect(rules.expire(links, now, ended));
    }

    private void collect(ChainOutput o) {
        rows.addAll(o.checks);
        signals.addAll(o.signals);
    }

    /** "HH:mm status" of each row, by the hour the digest (or the missing one) ended. */
    private List<String> statuses() {
        return rows.stream()
                .map(r -> Instant.ofEpochMilli(r.digestEndTimeMillis).toString().substring(11, 16) + " " + r.status)
                .collect(Collectors.toList());
    }

    /** The chain's links in a map, as the operator keeps them in map state. */
    static final class MemoryLinks implements ChainLinks {
        final Map<String, ChainLink> map = new LinkedHashMap<>();

        @Override
        public ChainLink get(String key) {
            return map.get(key);
        }

        @Override
        public void put(String key, ChainLink link) {
            map.put(key, link);
        }

        @Override
        public Iterable<ChainLink> all() {
            return new ArrayList<>(map.values());
        }
    }
}
