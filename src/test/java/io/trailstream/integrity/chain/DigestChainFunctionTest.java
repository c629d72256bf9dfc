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
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The chain operator in Flink's keyed operator harness: digests out of order across a snapshot and restore, the
 * hourly digest overdue on a controllable processing-time clock (a gap, then its end), and a bounded input's end
 * deciding what still waits.
 */
class DigestChainFunctionTest {
    private static final Instant T0 = Instant.parse("2026-11-26T01:00:00Z");
    private static final Duration GRACE = Duration.ofHours(2);
    private static final Duration DELAY = Duration.ofMinutes(30);

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
    private KeyedOneInputStreamOperatorTestHarness<String, VerifiedDigest, IntegrityCheck> harness;
    private long now = T0.plusSeconds(1800).toEpochMilli();

    @AfterEach
    void close() throws Exception {
        if (harness != null) harness.close();
    }

    @Test
    void digestsOutOfOrderAcrossARestore() throws Exception {
        VerifiedDigest d1 = verify(trail.digest(T0).build());
        VerifiedDigest d2 = verify(trail.digest(T0.plusSeconds(3600)).build());
        VerifiedDigest d3 = verify(trail.digest(T0.plusSeconds(7200)).build());
        start(null);
        process(d3);
        process(d1);
        assertThat(statuses()).containsExactly("01:00 valid");
        OperatorSubtaskState snapshot = harness.snapshot(1, now);
        harness.close();

        start(snapshot);
        process(d2);
        assertThat(statuses())
                .as("the restored state links 02:00 to 01:00 and 03:00 to 02:00")
                .containsExactly("02:00 valid", "03:00 valid");
        assertThat(harness.extractOutputValues().get(1).reason).endsWith("linked to " + d2.key);
    }

    @Test
    void anOverdueHourlyDigestIsAGapUntilTheNextOneComes() throws Exception {
        start(null);
        process(verify(trail.digest(T0).build()));
        process(verify(trail.digest(T0.plusSeconds(3600)).build()));
        harness.setProcessingTime(now + Duration.ofHours(1).plus(DELAY).toMillis() - 1);
        assertThat(signals(HealthSignalKind.DIGEST_OVERDUE)).isEmpty();
        harness.setProcessingTime(now + Duration.ofHours(1).plus(DELAY).toMillis());
        List<HealthSignal> overdue = signals(HealthSignalKind.DIGEST_OVERDUE);
        assertThat(overdue).hasSize(1);
        assertThat(overdue.get(0).accountId).isEqualTo("111122223333");
        assertThat(overdue.get(0).region).isEqualTo("eu-west-1");
        assertThat(overdue.get(0).reason).startsWith("no digest of trail management_events after 2026-11-26T02:00:00Z");
        harness.setProcessingTime(now + Duration.ofHours(5).toMillis());
        assertThat(signals(HealthSignalKind.DIGEST_OVERDUE)).as("reported once").hasSize(1);

        now += Duration.ofHours(5).toMillis();
        process(verify(trail.digest(T0.plusSeconds(7200)).build()));
        assertThat(signals(HealthSignalKind.DIGEST_LINKED))
                .as("the next digest ends the gap")
                .hasSize(2);
    }

    @Test
    void theEndOfABoundedInputDecidesWhatWaits() throws Exception {
        VerifiedDigest d1 = verify(trail.digest(T0).build());
        verify(trail.digest(T0.plusSeconds(3600)).build()); // deleted from the bucket
        VerifiedDigest d3 = verify(trail.digest(T0.plusSeconds(7200)).build());
        start(null);
        process(d1);
        process(d3);
        harness.processWatermark(new Watermark(Long.MAX_VALUE));
        assertThat(statuses()).containsExactly("01:00 valid", "02:00 missing", "03:00 valid");
        assertThat(signals(HealthSignalKind.DIGEST_OVERDUE))
                .as("no cadence at the end of a bounded run")
                .isEmpty();
    }

    private void start(OperatorSubtaskState restore) throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new DigestChainFunction(GRACE, Duration.ofDays(2), DELAY)),
                d -> d.chainId,
                Types.STRING);
        harness.setup();
        if (restore != null) harness.initializeState(restore);
        harness.open();
        harness.setProcessingTime(now);
    }

    private void process(VerifiedDigest d) throws Exception {
        harness.setProcessingTime(now);
        harness.processElement(new StreamRecord<>(d, 0));
    }

    private VerifiedDigest verify(TrailSigner.SignedDigest d) {
        return verifier.verify("acme", "s3", "acme-trail", d.key(), d.stored(), d.metadata(), now)
                .digest();
    }

    private List<String> statuses() {
        return harness.extractOutputValues().stream()
                .map(r -> Instant.ofEpochMilli(r.digestEndTimeMillis).toString().substring(11, 16) + " " + r.status)
                .collect(Collectors.toList());
    }

    private List<HealthSignal> signals(HealthSignalKind kind) {
        return harness.getSideOutput(DigestChainFunction.HEALTH) == null
                ? List.of()
                : harness.getSideOutput(DigestChainFunction.HEALTH).stream()
                        .map(StreamRecord::getValue)
                        .filter(s -> s.kind == kind)
                        .collect(Collectors.toList());
    }
}
