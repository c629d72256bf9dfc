package io.trailstream.integrity.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.control.Integration;
import io.trailstream.control.IntegrationStatus;
import io.trailstream.ledger.LedgerOutcome;
import io.trailstream.ledger.LedgerRow;
import io.trailstream.ledger.ReadFailure;
import io.trailstream.notification.ObjectRef;
import io.trailstream.object.store.ObjectStoreFactory;
import io.trailstream.object.store.S3Settings;
import io.trailstream.trail.KeyClassifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The health operator in Flink's keyed two-input harness, on its processing-time clock: a gap from the chains and its
 * end, silence of an integration that never sends anything, and the job's own disconnect and reconnect across a
 * snapshot and restore, the probe reading a local folder through the job's object store.
 */
class IntegrationHealthFunctionTest {
    private static final long T0 = 1_764_000_000_000L;
    private static final Duration SILENCE = Duration.ofHours(2);
    private static final Duration AFTER = Duration.ofMinutes(30);
    private static final Duration PROBE = Duration.ofMinutes(5);
    private static final String KEY = "AWSLogs/111122223333/CloudTrail/eu-west-1/2026/11/26/"
            + "111122223333_CloudTrail_eu-west-1_20261126T0905Z_abcdefghijklmnop.json.gz";

    @TempDir
    Path bucket;

    private KeyedTwoInputStreamOperatorTestHarness<String, HealthSignal, Integration, IntegrationHealth> harness;

    @AfterEach
    void close() throws Exception {
        if (harness != null) harness.close();
    }

    @Test
    void aGapFromTheChainsAndSilenceOnTheClock() throws Exception {
        start(null);
        harness.processElement2(new StreamRecord<>(integration(IntegrationStatus.ACTIVE, null, 0)));
        HealthSignal overdue =
                HealthSignal.of("acme", "111122223333", "eu-west-1", HealthSignalKind.DIGEST_OVERDUE, "late", T0);
        harness.processElement1(new StreamRecord<>(overdue));
        HealthSignal linked =
                HealthSignal.of("acme", "111122223333", "eu-west-1", HealthSignalKind.DIGEST_LINKED, "ok", T0);
        harness.setProcessingTime(T0 + 1000);
        harness.processElement1(new StreamRecord<>(linked));
        assertThat(changes()).containsExactly("111122223333/eu-west-1 gap", "111122223333/eu-west-1 healthy");

        OperatorSubtaskState snapshot = harness.snapshot(1, T0 + 1000);
        harness.close();
        start(snapshot);
        harness.setProcessingTime(T0 + 1000 + SILENCE.toMillis());
        assertThat(changes()).as("the restored timer finds the silence").containsExactly("null/null silent");
    }

    @Test
    void theJobDisconnectsAndReconnectsAcrossARestore() throws Exception {
        Path file = bucket.resolve(KEY);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {1});
        start(null);
        harness.processElement2(new StreamRecord<>(integration(IntegrationStatus.ACTIVE, null, 0)));
        harness.processElement1(new StreamRecord<>(HealthSignals.of(denied())));
        assertThat(changes()).containsExactly("111122223333/eu-west-1 access_denied");
        OperatorSubtaskState snapshot = harness.snapshot(1, T0);
        harness.close();

        start(snapshot);
        harness.setProcessingTime(T0 + AFTER.toMillis());
        List<ControlRequest> asked = requests();
        assertThat(asked).singleElement().satisfies(r -> {
            assertThat(r.status).isEqualTo(IntegrationStatus.DISCONNECTED);
            assertThat(r.integrationId).isEqualTo("acme");
        });
        harness.processElement2(
                new StreamRecord<>(integration(IntegrationStatus.DISCONNECTED, asked.get(0).messageId, T0 + 1)));
        harness.setProcessingTime(T0 + AFTER.toMillis() + PROBE.toMillis());
        assertThat(requests())
                .as("the probe read the file: reconnect")
                .extracting(r -> r.status)
                .containsExactly(IntegrationStatus.DISCONNECTED, IntegrationStatus.ACTIVE);
    }

    private void start(OperatorSubtaskState restore) throws Exception {
        ObjectProbe probe = new ObjectProbe(
                new ObjectStoreFactory(S3Settings.builder().region("us-east-1").build()));
        harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new IntegrationHealthFunction(SILENCE, true, AFTER, PROBE, probe)),
                s -> s.integrationId,
                i -> i.integrationId,
                Types.STRING);
        harness.setup();
        if (restore != null) harness.initializeState(restore);
        harness.open();
        harness.setProcessingTime(T0);
    }

    private LedgerRow denied() {
        ObjectRef ref = ObjectRef.s3(bucket.toString(), KEY);
        ref.scheme = "file";
        LedgerRow row = LedgerRow.of(
                ref, new KeyClassifier().classify(KEY), "acme", LedgerOutcome.FETCH_FAILED, "ACCESS_DENIED ...");
        row.readFailure = ReadFailure.ACCESS_DENIED;
        row.processedAtMillis = T0;
        return row;
    }

    private static Integration integration(IntegrationStatus status, String messageId, long updatedAt) {
        Integration i = Integration.of("acme", "acme-trail", null);
        i.status = status;
        i.lastMessageId = messageId;
        i.updatedAtMillis = updatedAt;
        return i;
    }

    private List<String> changes() {
        return harness.extractOutputValues().stream()
                .map(h -> h.accountId + "/" + h.region + " " + h.status)
                .collect(Collectors.toList());
    }

    private List<ControlRequest> requests() {
        var out = harness.getSideOutput(IntegrationHealthFunction.REQUESTS);
        return out == null
                ? List.of()
                : out.stream().map(StreamRecord::getValue).collect(Collectors.toList());
    }
}
