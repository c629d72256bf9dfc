package io.trailstream.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.control.ControlStateDescriptors;
import io.trailstream.control.ControlUpdate;
import io.trailstream.control.Integration;
import io.trailstream.control.message.InitialIntegrations;
import io.trailstream.ledger.LedgerRow;
import io.trailstream.notification.ObjectRef;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * Dedupe across notification shapes: S3 events name a version (sequencer, ETag), CloudTrail's SNS notice
 * names keys only; one file announced both ways is fetched once, also across a snapshot and restore.
 */
class ObjectRouterDedupeTest {
    private static final String BUCKET = "trail-bucket";
    private static final String KEY = "AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/26/"
            + "111122223333_CloudTrail_us-east-1_20261126T0905Z_aBcD1234eFgH5678.json.gz";

    @Test
    void aRedeliveredEventIsADuplicate() throws Exception {
        try (var harness = harness(null)) {
            harness.processElement(s3Event("seq-1"), 1);
            harness.processElement(s3Event("seq-1"), 2);
            assertThat(harness.extractOutputValues()).hasSize(1);
            assertThat(ledger(harness)).containsExactly("duplicate");
        }
    }

    @Test
    void aCloudTrailNoticeOfAnObjectAnnouncedByAnS3EventIsADuplicate() throws Exception {
        try (var harness = harness(null)) {
            harness.processElement(s3Event("seq-1"), 1);
            harness.processElement(cloudTrailNotice(), 2);
            assertThat(harness.extractOutputValues()).hasSize(1);
            assertThat(ledger(harness)).containsExactly("duplicate");
        }
    }

    @Test
    void anS3EventOfAnObjectAnnouncedByACloudTrailNoticeIsADuplicate() throws Exception {
        try (var harness = harness(null)) {
            harness.processElement(cloudTrailNotice(), 1);
            harness.processElement(s3Event("seq-1"), 2);
            harness.processElement(cloudTrailNotice(), 3);
            assertThat(harness.extractOutputValues()).hasSize(1);
            assertThat(ledger(harness)).containsExactly("duplicate", "duplicate");
        }
    }

    @Test
    void aNewVersionOfTheObjectIsFetchedAgain() throws Exception {
        try (var harness = harness(null)) {
            harness.processElement(s3Event("seq-1"), 1);
            harness.processElement(s3Event("seq-2"), 2);
            assertThat(harness.extractOutputValues()).hasSize(2);
            assertThat(ledger(harness)).isEmpty();
        }
    }

    @Test
    void dedupeStateSurvivesARestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var harness = harness(null)) {
            harness.processElement(s3Event("seq-1"), 1);
            snapshot = harness.snapshot(1, 10);
        }
        try (var restored = harness(snapshot)) {
            restored.processElement(s3Event("seq-1"), 20);
            restored.processElement(cloudTrailNotice(), 21);
            assertThat(restored.extractOutputValues()).isEmpty();
            assertThat(ledger(restored)).containsExactly("duplicate", "duplicate");
        }
    }

    private static KeyedBroadcastOperatorTestHarness<String, ObjectRef, ControlUpdate, ObjectTask> harness(
            OperatorSubtaskState restore) throws Exception {
        InitialIntegrations seeds = InitialIntegrations.of(List.of(Integration.of("acme", BUCKET, null)));
        ObjectRouterFunction router =
                new ObjectRouterFunction(seeds, Duration.ofDays(7), Duration.ZERO, Duration.ofSeconds(1));
        if (restore == null) {
            return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                    router,
                    ObjectRouterFunction::keyOf,
                    Types.STRING,
                    ControlStateDescriptors.integrations(),
                    ControlStateDescriptors.tenants());
        }
        var harness = new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(
                        router, List.of(ControlStateDescriptors.integrations(), ControlStateDescriptors.tenants())),
                ObjectRouterFunction::keyOf,
                Types.STRING,
                1,
                1,
                0);
        harness.setup();
        harness.initializeState(restore);
        harness.open();
        return harness;
    }

    private static ObjectRef s3Event(String sequencer) {
        ObjectRef ref = ObjectRef.s3(BUCKET, KEY);
        ref.eTag = "0e1c4d8a6b0f3a9d2c7e5b4a39f8e6d1";
        ref.sequencer = sequencer;
        ref.shape = "s3_event";
        return ref;
    }

    private static ObjectRef cloudTrailNotice() {
        ObjectRef ref = ObjectRef.s3(BUCKET, KEY);
        ref.shape = "cloudtrail_sns";
        return ref;
    }

    private static List<String> ledger(
            KeyedBroadcastOperatorTestHarness<String, ObjectRef, ControlUpdate, ObjectTask> h) {
        var side = h.getSideOutput(LedgerRow.OUTPUT);
        if (side == null) return List.of();
        return side.stream()
                .map(StreamRecord::getValue)
                .map(o -> o.outcome.ledgerName())
                .collect(Collectors.toList());
    }
}
