package io.trailstream.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.control.ControlStateDescriptors;
import io.trailstream.control.ControlUpdate;
import io.trailstream.control.Integration;
import io.trailstream.control.message.ControlMessage;
import io.trailstream.control.message.InitialIntegrations;
import io.trailstream.ledger.LedgerOutcome;
import io.trailstream.ledger.LedgerRow;
import io.trailstream.notification.NotificationParser;
import io.trailstream.notification.NotificationResult;
import io.trailstream.notification.ObjectRef;
import io.trailstream.notification.ReplayNotification;
import io.trailstream.testing.ControlOps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replays ({@code trailstream backfill}) through Flink's operator harness: a replay bypasses the dedupe
 * check that a plain re-notification of the same version meets, but not the integration's status; when it
 * is fetched its version is remembered as usual; ledger rows of replays say so in their reason.
 */
class ObjectRouterReplayTest {
    private static final String BUCKET = "acme-trail";
    private static final String KEY = "AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/26/"
            + "111122223333_CloudTrail_us-east-1_20261126T0905Z_aBcD1234eFgH5678.json.gz";
    private static final long T0 = Instant.parse("2026-11-27T10:00:00Z").toEpochMilli();

    private KeyedBroadcastOperatorTestHarness<String, ObjectRef, ControlUpdate, ObjectTask> harness;
    private ControlOps ops;
    private long now = T0;
    private final List<ObjectTask> tasks = new ArrayList<>();
    private final List<LedgerRow> ledger = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        InitialIntegrations seeds = InitialIntegrations.of(List.of(Integration.of("acme", BUCKET, null)));
        ObjectRouterFunction router =
                new ObjectRouterFunction(seeds, Duration.ofDays(7), Duration.ZERO, Duration.ofSeconds(1));
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                router,
                ObjectRouterFunction::keyOf,
                Types.STRING,
                ControlStateDescriptors.integrations(),
                ControlStateDescriptors.tenants());
        harness.setProcessingTime(now);
        ops = new ControlOps(seeds, () -> now);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void anObjectWhoseFetchFailedIsFetchedAgainWhenReplayed() throws Exception {
        assertThat(route(s3Event("seq-1"))).isEqualTo("fetch");
        // ... the fetch fails for good: its ledger row says fetch_failed, and routing remembers the version.
        assertThat(route(s3Event("seq-1"))).as("a plain re-notification").isEqualTo("duplicate");
        assertThat(ledger.get(0).reason).isEqualTo("notified again (seq:seq-1)");

        assertThat(route(replay("seq-1"))).isEqualTo("fetch");
        ObjectTask task = tasks.get(0);
        assertThat(task.ref.replay).isTrue();
        assertThat(task.ref.shape).isEqualTo("replay");
        assertThat(task.integrationId).isEqualTo("acme");

        assertThat(route(replay("seq-1")))
                .as("every replay is taken: ops asked for each")
                .isEqualTo("fetch");
        assertThat(route(s3Event("seq-1")))
                .as("still remembered after the replay")
                .isEqualTo("duplicate");
    }

    @Test
    void aReplayWithoutAVersionIsRememberedAsUsual() throws Exception {
        assertThat(route(replay(null))).isEqualTo("fetch");
        assertThat(route(s3Event("seq-1")))
                .as("a replay naming no version took the object as it is")
                .isEqualTo("duplicate");
    }

    @Test
    void aReplayForASuspendedIntegrationIsSkippedAgainAndNotRemembered() throws Exception {
        control(ops.messages().suspend("acme"));
        assertThat(route(s3Event("seq-1"))).isEqualTo("skipped_suspended");
        assertThat(ledger.get(0).reason).isEqualTo("integration acme is suspended");

        assertThat(route(replay("seq-1"))).isEqualTo("skipped_suspended");
        LedgerRow row = ledger.get(0);
        assertThat(row.reason).isEqualTo("replay (dedupe bypassed): integration acme is suspended");
        assertThat(row.notificationShape).isEqualTo("replay");
        assertThat(row.integrationId).isEqualTo("acme");
        assertThat(row.sequencer).isEqualTo("seq-1");

        now += 60_000;
        harness.setProcessingTime(now);
        control(ops.messages().resume("acme"));
        assertThat(route(replay("seq-1")))
                .as("resumed: the backfill ingests it")
                .isEqualTo("fetch");
        assertThat(route(s3Event("seq-1"))).isEqualTo("duplicate");
    }

    @Test
    void aPlainReNotificationOfAFetchedObjectIsStillADuplicate() throws Exception {
        assertThat(route(s3Event("seq-1"))).isEqualTo("fetch");
        assertThat(route(s3Event("seq-1"))).isEqualTo("duplicate");
        assertThat(route(cloudTrailNotice())).isEqualTo("duplicate");
        assertThat(route(s3Event("seq-2"))).as("a new version is no duplicate").isEqualTo("fetch");
    }

    @Test
    void aReplayedDigestIsRecordedWithTheReplayNoted() throws Exception {
        String digestKey = "AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2026/11/26/"
                + "111122223333_CloudTrail-Digest_us-east-1_trail_us-east-1_20261126T090500Z.json.gz";
        ObjectRef digest = replay("seq-9");
        digest.key = digestKey;
        harness.processElement(digest, now);
        drain();
        assertThat(tasks).isEmpty();
        assertThat(ledger).hasSize(1);
        assertThat(ledger.get(0).outcome).isEqualTo(LedgerOutcome.RECORDED);
        assertThat(ledger.get(0).reason).isEqualTo("replay (dedupe bypassed): digest file, not parsed");
    }

    // ------------------------------------------------------------------------------------------------

    @Test
    void aTimeRangeBackfillOfAnObjectTheLedgerNeverSawKeepsTheDedupe() throws Exception {
        // trailstream backfill --from: the ledger has no row of it, so it is asked for with the dedupe on, no version.
        assertThat(route(parsed(new ReplayNotification(
                        "s3", BUCKET, KEY, null, null, null, "ops", Instant.ofEpochMilli(T0), "window", true))))
                .isEqualTo("fetch");
        assertThat(tasks.get(0).ref.replay).as("not a replay proper").isFalse();
        assertThat(route(parsed(new ReplayNotification(
                        "s3", BUCKET, KEY, null, null, null, "ops", Instant.ofEpochMilli(T0), "again", true))))
                .as("a second backfill run is a no-op")
                .isEqualTo("duplicate");
        assertThat(route(s3Event("seq-1")))
                .as("and so is the S3 event that was only late")
                .isEqualTo("duplicate");
    }

    @Test
    void aLateS3EventFirstMakesTheBackfillOfTheKeyADuplicate() throws Exception {
        assertThat(route(s3Event("seq-1"))).isEqualTo("fetch");
        assertThat(route(parsed(new ReplayNotification(
                        "s3", BUCKET, KEY, null, null, null, "ops", Instant.ofEpochMilli(T0), "window", true))))
                .isEqualTo("duplicate");
    }

    private static ObjectRef parsed(ReplayNotification n) {
        NotificationResult r =
                new NotificationParser().parse(n.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8), T0);
        assertThat(r.objects()).as(n.toJson()).hasSize(1);
        return r.objects().get(0);
    }

    private void control(ControlMessage m) throws Exception {
        harness.processBroadcastElement(ops.apply(m), now);
    }

    /** Routes one object and returns its one decision: {@code fetch} or a ledger outcome. */
    private String route(ObjectRef ref) throws Exception {
        harness.processElement(ref, now);
        drain();
        assertThat(tasks.size() + ledger.size()).as("one decision per object").isEqualTo(1);
        return tasks.isEmpty() ? ledger.get(0).outcome.ledgerName() : "fetch";
    }

    private void drain() {
        tasks.clear();
        ledger.clear();
        tasks.addAll(harness.extractOutputValues());
        harness.getOutput().clear();
        var side = harness.getSideOutput(LedgerRow.OUTPUT);
        if (side != null) {
            for (StreamRecord<LedgerRow> r : side) ledger.add(r.getValue());
            side.clear();
        }
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

    /** A replay as the parser makes it of a backfill's notification; {@code sequencer} null for none. */
    private static ObjectRef replay(String sequencer) {
        ObjectRef ref = ObjectRef.s3(BUCKET, KEY);
        ref.sequencer = sequencer;
        ref.shape = "replay";
        ref.replay = true;
        return ref;
    }
}
