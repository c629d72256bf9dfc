package io.trailstream.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.control.ControlStateDescriptors;
import io.trailstream.control.ControlUpdate;
import io.trailstream.control.Integration;
import io.trailstream.control.message.ControlMessage;
import io.trailstream.control.message.InitialIntegrations;
import io.trailstream.control.message.IntegrationPatch;
import io.trailstream.ledger.LedgerRow;
import io.trailstream.notification.ObjectRef;
import io.trailstream.testing.ControlOps;
import io.trailstream.trail.ObjectKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Routing with the control state in Flink broadcast state, through Flink's own operator and test
 * harness: control before data, data before control (the grace period), include-list updates, suspend
 * and resume, delete, licences (by message and by valid_until alone), duplicates, digests, and a
 * snapshot restored into a new harness that decides the same.
 *
 * <p>Every {@link ControlUpdate} is the after-state of a message built by the ops builder and applied
 * by the job's {@code ControlApplier} ({@link ControlOps}), as the control applier would broadcast it.
 */
class ObjectRouterFunctionTest {
    private static final String BUCKET = "acme-trail";
    private static final String OTHER_BUCKET = "beta-trail";
    private static final String ORG = "o-abcdef1234";
    private static final String OTHER_ORG = "o-zzzzzz9999";
    private static final String A = "111111111111";
    private static final String B = "222222222222";
    private static final String C = "333333333333";
    private static final long T0 = Instant.parse("2026-11-27T10:00:00Z").toEpochMilli();
    private static final Duration GRACE = Duration.ofMinutes(10);
    private static final Duration RECHECK = Duration.ofSeconds(5);
    private static final Duration DEDUPE_TTL = Duration.ofDays(7);

    private InitialIntegrations seeds = InitialIntegrations.none();
    private KeyedBroadcastOperatorTestHarness<String, ObjectRef, ControlUpdate, ObjectTask> harness;
    private ControlOps ops;
    private long now = T0;
    private int sequencer;
    /** What the last {@link #drain()} saw, for detailed assertions. */
    private final List<ObjectTask> tasks = new ArrayList<>();

    private final List<LedgerRow> ledger = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        startWith(InitialIntegrations.none());
    }

    private void startWith(InitialIntegrations seeds) throws Exception {
        if (harness != null) harness.close();
        this.seeds = seeds;
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                function(),
                ObjectRouterFunction::keyOf,
                Types.STRING,
                ControlStateDescriptors.integrations(),
                ControlStateDescriptors.tenants());
        harness.setProcessingTime(now);
        ops = new ControlOps(seeds, () -> now);
    }

    @AfterEach
    void stop() throws Exception {
        if (harness != null) harness.close();
    }

    private ObjectRouterFunction function() {
        return new ObjectRouterFunction(seeds, DEDUPE_TTL, GRACE, RECHECK);
    }

    // ---- control before data ----------------------------------------------------------------------

    @Test
    void controlBeforeData() throws Exception {
        control(organization("acme-org", A, B));
        control(ops.messages()
                .upsert("beta", new IntegrationPatch().tenantId("beta").bucket(OTHER_BUCKET)));

        assertThat(route(log(BUCKET, ORG, A))).isEqualTo("fetch");
        ObjectTask task = tasks.get(0);
        assertThat(task.integrationId).isEqualTo("acme-org");
        assertThat(task.includedAccounts)
                .as("the include-list travels for the per-record filter")
                .containsExactly(A, B);
        assertThat(task.trailKey.kind).isEqualTo(ObjectKind.LOG);
        assertThat(task.trailKey.accountId).isEqualTo(A);
        assertThat(task.trailKey.organizationId).isEqualTo(ORG);

        assertThat(route(log(BUCKET, ORG, B))).isEqualTo("fetch");
        assertThat(route(log(BUCKET, ORG, C))).isEqualTo("skipped_account");
        assertThat(ledger.get(0).integrationId).isEqualTo("acme-org");
        assertThat(ledger.get(0).accountId).isEqualTo(C);
        assertThat(ledger.get(0).reason)
                .isEqualTo("account " + C + " is not in the include-list of integration acme-org");
        assertThat(route(log(BUCKET, OTHER_ORG, A))).isEqualTo("skipped_organization");

        assertThat(route(log(OTHER_BUCKET, null, C))).isEqualTo("fetch");
        assertThat(tasks.get(0).integrationId).isEqualTo("beta");
        assertThat(tasks.get(0).includedAccounts).as("all accounts").isNull();
    }

    @Test
    void configSeedsRouteUntilAMessageOverridesThem() throws Exception {
        Integration seeded = Integration.of("seeded", OTHER_BUCKET, "trails");
        startWith(InitialIntegrations.of(List.of(seeded)));

        assertThat(route(log(OTHER_BUCKET, "trails", null, A))).isEqualTo("fetch");
        assertThat(tasks.get(0).integrationId).isEqualTo("seeded");

        control(ops.messages().suspend("seeded"));
        assertThat(route(log(OTHER_BUCKET, "trails", null, A))).isEqualTo("skipped_suspended");
        assertThat(route(log(OTHER_BUCKET, null, null, A)))
                .as("outside the seeded prefix: claimed by none, held")
                .isEqualTo("held");
    }

    // ---- data before control: the grace period ---------------------------------------------------

    @Test
    void anObjectArrivingBeforeItsIntegrationIsHeldThenFetched() throws Exception {
        ObjectRef early = log(BUCKET, ORG, A);
        assertThat(route(early)).as("nobody claims it yet: held, no ledger row").isEqualTo("held");

        advanceTo(T0 + RECHECK.toMillis());
        assertThat(drain()).as("rechecked, still unclaimed").isEmpty();

        assertThat(route(copy(early)))
                .as("the same version notified again while held")
                .isEqualTo("duplicate");
        assertThat(ledger.get(0).integrationId).as("held: nobody's yet").isNull();

        advanceTo(T0 + 7_000);
        control(organization("acme-org", A, B));
        assertThat(drain()).as("the broadcast alone decides nothing").isEmpty();

        advanceTo(T0 + 2 * RECHECK.toMillis());
        assertThat(drain()).containsExactly("fetch " + early.key);
        assertThat(tasks.get(0).integrationId).isEqualTo("acme-org");
        assertThat(tasks.get(0).includedAccounts).containsExactly(A, B);

        advanceTo(T0 + GRACE.toMillis() + RECHECK.toMillis());
        assertThat(drain()).as("no late unrouted row after it was routed").isEmpty();
        assertThat(route(copy(early))).as("remembered once fetched").isEqualTo("duplicate");
    }

    @Test
    void aHeldObjectIsDecidedByTheStateItFindsWhenClaimed() throws Exception {
        ObjectRef early = log(BUCKET, ORG, C);
        assertThat(route(early)).isEqualTo("held");
        control(organization("acme-org", A, B));
        advanceTo(T0 + RECHECK.toMillis());
        assertThat(drain()).containsExactly("skipped_account " + early.key);
    }

    @Test
    void anObjectNeverClaimedIsRecordedUnroutedAfterTheGracePeriod() throws Exception {
        ObjectRef orphan = log("nobodys-bucket", null, A);
        assertThat(route(orphan)).isEqualTo("held");
        for (long t = T0 + RECHECK.toMillis(); t < T0 + GRACE.toMillis(); t += RECHECK.toMillis()) {
            advanceTo(t);
            assertThat(drain())
                    .as("still within the grace period at +%d ms", t - T0)
                    .isEmpty();
        }
        advanceTo(T0 + GRACE.toMillis() - 1);
        assertThat(drain()).isEmpty();
        advanceTo(T0 + GRACE.toMillis());
        assertThat(drain()).containsExactly("unrouted " + orphan.key);
        assertThat(ledger.get(0).integrationId).isNull();
        assertThat(ledger.get(0).reason)
                .isEqualTo("no integration claims bucket nobodys-bucket key " + orphan.key + " (held PT10M)");
        advanceTo(T0 + 2 * GRACE.toMillis());
        assertThat(drain()).as("recorded once").isEmpty();

        assertThat(route(copy(orphan)))
                .as("an unrouted object is not remembered: held again")
                .isEqualTo("held");
    }

    @Test
    void aNewVersionOfAHeldObjectGetsItsOwnGracePeriod() throws Exception {
        ObjectRef v1 = log("late-trail", null, A);
        assertThat(route(v1)).isEqualTo("held");
        advanceTo(T0 + 2_000);
        ObjectRef v2 = copy(v1);
        v2.sequencer = "FF00000000000001";
        v2.eTag = "etag-v2";
        assertThat(route(v2))
                .as("overwritten while the first version is held: held too, not unrouted at once")
                .isEqualTo("held");
        assertThat(route(copy(v2))).isEqualTo("duplicate");

        control(ops.messages()
                .upsert("late", new IntegrationPatch().tenantId("late").bucket("late-trail")));
        advanceTo(T0 + RECHECK.toMillis());
        assertThat(drain()).containsExactly("fetch " + v1.key, "fetch " + v1.key);
        assertThat(tasks).extracting(t -> t.ref.sequencer).containsExactlyInAnyOrder(v1.sequencer, v2.sequencer);
        advanceTo(T0 + 2 * GRACE.toMillis());
        assertThat(drain()).isEmpty();
    }

    @Test
    void heldVersionsOfOneKeyExpireEachAfterItsOwnGracePeriod() throws Exception {
        ObjectRef v1 = log("nobodys-bucket", null, A);
        assertThat(route(v1)).isEqualTo("held");
        advanceTo(T0 + 4 * 60_000);
        ObjectRef v2 = copy(v1);
        v2.sequencer = "FF00000000000002";
        assertThat(route(v2)).isEqualTo("held");

        advanceTo(T0 + GRACE.toMillis());
        assertThat(drain()).containsExactly("unrouted " + v1.key);
        assertThat(ledger.get(0).sequencer).isEqualTo(v1.sequencer);
        advanceTo(T0 + 4 * 60_000 + GRACE.toMillis() - 1);
        assertThat(drain()).isEmpty();
        advanceTo(T0 + 4 * 60_000 + GRACE.toMillis());
        assertThat(drain()).containsExactly("unrouted " + v1.key);
        assertThat(ledger.get(0).sequencer).isEqualTo(v2.sequencer);
    }

    @Test
    void aZeroRecheckIntervalIsRefusedWhenObjectsAreHeld() {
        // It would re-register the recheck timer at the instant it fires: the task would spin on it forever.
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new ObjectRouterFunction(seeds, DEDUPE_TTL, GRACE, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unrouted.recheck-interval");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new ObjectRouterFunction(seeds, DEDUPE_TTL, Duration.ofSeconds(-1), RECHECK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unrouted.grace-period");
        new ObjectRouterFunction(seeds, DEDUPE_TTL, Duration.ZERO, Duration.ZERO); // nothing is held: no recheck
    }

    @Test
    void withoutAGracePeriodAnUnclaimedObjectIsUnroutedAtOnce() throws Exception {
        harness.close();
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new ObjectRouterFunction(seeds, DEDUPE_TTL, Duration.ZERO, RECHECK),
                ObjectRouterFunction::keyOf,
                Types.STRING,
                ControlStateDescriptors.integrations(),
                ControlStateDescriptors.tenants());
        harness.setProcessingTime(now);
        assertThat(route(log("nobodys-bucket", null, A))).isEqualTo("unrouted");
    }

    // ---- updates ------------------------------------------------------------------------------------

    @Test
    void includeListChanges() throws Exception {
        control(organization("acme-org", A, B));
        ObjectRef ofB = log(BUCKET, ORG, B);
        assertThat(route(ofB)).isEqualTo("fetch");

        control(ops.messages().setAccounts("acme-org", List.of(A)));
        assertThat(route(log(BUCKET, ORG, B))).isEqualTo("skipped_account");
        assertThat(route(log(BUCKET, ORG, A))).isEqualTo("fetch");
        assertThat(tasks.get(0).includedAccounts).containsExactly(A);

        control(ops.messages().addAccounts("acme-org", List.of(C)));
        ObjectRef ofC = log(BUCKET, ORG, C);
        assertThat(route(ofC)).isEqualTo("fetch");
        assertThat(tasks.get(0).includedAccounts).containsExactly(A, C);

        ObjectRef skipped = log(BUCKET, ORG, B);
        assertThat(route(skipped)).isEqualTo("skipped_account");
        control(ops.messages().setAccounts("acme-org", null));
        assertThat(route(copy(skipped)))
                .as("a skipped object is not remembered: a backfill gets it once allowed")
                .isEqualTo("fetch");
        assertThat(tasks.get(0).includedAccounts).isNull();

        control(ops.messages().upsert("acme-org", new IntegrationPatch().displayName("ACME renamed")));
        assertThat(route(log(BUCKET, ORG, C)))
                .as("renaming keeps the include-list (all)")
                .isEqualTo("fetch");
    }

    @Test
    void suspendThenResume() throws Exception {
        control(organization("acme-org", A, B));
        control(ops.messages().suspend("acme-org"));
        ObjectRef whileSuspended = log(BUCKET, ORG, A);
        assertThat(route(whileSuspended)).isEqualTo("skipped_suspended");
        assertThat(ledger.get(0).reason).isEqualTo("integration acme-org is suspended");
        assertThat(route(log(BUCKET, ORG, C)))
                .as("status is checked before the account")
                .isEqualTo("skipped_suspended");

        control(ops.messages().disconnect("acme-org"));
        assertThat(route(log(BUCKET, ORG, A))).isEqualTo("skipped_disconnected");

        control(ops.messages().resume("acme-org"));
        assertThat(route(log(BUCKET, ORG, A))).isEqualTo("fetch");
        assertThat(route(copy(whileSuspended))).as("renotified after resume").isEqualTo("fetch");
        assertThat(route(log(BUCKET, ORG, C))).isEqualTo("skipped_account");
    }

    @Test
    void deletedIntegrationsObjectsAreSkippedNotUnrouted() throws Exception {
        control(organization("acme-org", A, B));
        control(ops.messages().delete("acme-org"));
        assertThat(route(log(BUCKET, ORG, A)))
                .as("a tombstone claims its objects: not held")
                .isEqualTo("skipped_deleted");
        assertThat(ledger.get(0).integrationId).isEqualTo("acme-org");
        assertThat(ledger.get(0).reason).isEqualTo("integration acme-org is deleted");

        control(organization("acme-org", A));
        assertThat(route(log(BUCKET, ORG, A))).as("re-created").isEqualTo("fetch");
    }

    // ---- licences ----------------------------------------------------------------------------------

    @Test
    void licenceExpiredByMessageThenRenewed() throws Exception {
        control(organization("acme-org", A, B));
        control(ops.messages().expireLicence("acme"));
        assertThat(route(log(BUCKET, ORG, A))).isEqualTo("skipped_licence");
        assertThat(ledger.get(0).reason).isEqualTo("the licence of tenant acme of integration acme-org has expired");

        control(ops.messages().renewLicence("acme", null));
        assertThat(route(log(BUCKET, ORG, A))).isEqualTo("fetch");
    }

    @Test
    void licenceLapsesAtValidUntilWithoutAnyMessage() throws Exception {
        long validUntil = T0 + 3_600_000;
        control(organization("acme-org", A, B));
        control(ops.messages().licenceValidUntil("acme", Instant.ofEpochMilli(validUntil)));

        advanceTo(validUntil - 1);
        assertThat(route(log(BUCKET, ORG, A))).isEqualTo("fetch");
        advanceTo(validUntil);
        assertThat(route(log(BUCKET, ORG, A))).isEqualTo("skipped_licence");
        assertThat(ledger.get(0).reason)
                .isEqualTo("the licence of tenant acme of integration acme-org lapsed at 2026-11-27T11:00:00Z");

        control(ops.messages().renewLicence("acme", Instant.ofEpochMilli(validUntil + 86_400_000)));
        assertThat(route(log(BUCKET, ORG, A))).isEqualTo("fetch");
    }

    @Test
    void renewalResumesOnlyTheIntegrationsOpsDidNotSuspend() throws Exception {
        control(organization("acme-org", A, B));
        control(ops.messages()
                .upsert("acme-plain", new IntegrationPatch().tenantId("acme").bucket(OTHER_BUCKET)));
        control(ops.messages().suspend("acme-plain"));

        control(ops.messages().expireLicence("acme"));
        assertThat(route(log(BUCKET, ORG, A))).isEqualTo("skipped_licence");
        assertThat(route(log(OTHER_BUCKET, null, C)))
                .as("ops-suspended: suspended wins")
                .isEqualTo("skipped_suspended");

        control(ops.messages().renewLicence("acme", null));
        assertThat(route(log(BUCKET, ORG, A))).isEqualTo("fetch");
        assertThat(route(log(OTHER_BUCKET, null, C)))
                .as("still suspended by ops")
                .isEqualTo("skipped_suspended");

        control(ops.messages().resume("acme-plain"));
        assertThat(route(log(OTHER_BUCKET, null, C))).isEqualTo("fetch");
    }

    // ---- duplicates and kinds ----------------------------------------------------------------------

    @Test
    void sameVersionIsADuplicateAnotherVersionIsNot() throws Exception {
        control(organization("acme-org", A, B));
        ObjectRef first = log(BUCKET, ORG, A);
        assertThat(route(first)).isEqualTo("fetch");
        assertThat(route(copy(first))).isEqualTo("duplicate");
        assertThat(ledger.get(0).reason).isEqualTo("notified again (seq:" + first.sequencer + ")");
        assertThat(ledger.get(0).integrationId)
                .as("a duplicate's row names its integration")
                .isEqualTo("acme-org");
        assertThat(ledger.get(0).accountId).isEqualTo(A);
        assertThat(route(copy(first))).isEqualTo("duplicate");

        ObjectRef overwritten = copy(first);
        overwritten.sequencer = String.format("%016X", 999);
        assertThat(route(overwritten)).as("a new version of the same key").isEqualTo("fetch");

        ObjectRef byEtag = log(BUCKET, ORG, B);
        byEtag.sequencer = null;
        byEtag.eTag = "etag-1";
        assertThat(route(byEtag)).isEqualTo("fetch");
        assertThat(route(copy(byEtag))).isEqualTo("duplicate");

        harness.setStateTtlProcessingTime(DEDUPE_TTL.toMillis() + 1);
        assertThat(route(copy(first))).as("forgotten after the dedupe TTL").isEqualTo("fetch");
    }

    @Test
    void digestIsRecordedNotFetched() throws Exception {
        control(organization("acme-org", A, B));
        ObjectRef digest = digest(ORG, A);
        assertThat(route(digest)).isEqualTo("recorded");
        assertThat(ledger.get(0).kind).isEqualTo(ObjectKind.DIGEST);
        assertThat(ledger.get(0).integrationId).isEqualTo("acme-org");
        assertThat(ledger.get(0).reason).isEqualTo("digest file, not parsed");
        assertThat(route(copy(digest))).isEqualTo("duplicate");

        control(ops.messages().suspend("acme-org"));
        assertThat(route(digest(ORG, B)))
                .as("a suspended integration's digest is skipped too")
                .isEqualTo("skipped_suspended");
    }

    // ---- snapshot and restore -------------------------------------------------------------------------

    @Test
    void restoredFromASnapshotItDecidesTheSame() throws Exception {
        long validUntil = T0 + 3_600_000;
        control(organization("acme-org", A, B));
        control(ops.messages()
                .upsert("acme-plain", new IntegrationPatch().tenantId("acme").bucket(OTHER_BUCKET)));
        control(ops.messages().suspend("acme-plain"));
        control(ops.messages()
                .upsert(
                        "beta-org",
                        new IntegrationPatch()
                                .tenantId("beta")
                                .bucket("beta-org-trail")
                                .organizationId(ORG)
                                .includedAccounts(List.of(C))));
        control(ops.messages().licenceValidUntil("beta", Instant.ofEpochMilli(validUntil)));
        control(ops.messages().delete("acme-plain"));
        control(ops.messages()
                .upsert("gamma", new IntegrationPatch().tenantId("gamma").bucket("gamma-trail")));
        control(ops.messages().expireLicence("gamma"));

        ObjectRef fetched = log(BUCKET, ORG, A);
        assertThat(route(fetched)).isEqualTo("fetch");
        ObjectRef digest = digest(ORG, B);
        assertThat(route(digest)).isEqualTo("recorded");
        ObjectRef early = log("late-trail", null, A);
        assertThat(route(early)).isEqualTo("held");

        Map<String, ObjectRef> probes = new LinkedHashMap<>();
        probes.put("fetched again", copy(fetched));
        probes.put("digest again", copy(digest));
        probes.put("held again", copy(early));
        probes.put("new of A", log(BUCKET, ORG, A));
        probes.put("new of C (outside the list)", log(BUCKET, ORG, C));
        probes.put("other Organization", log(BUCKET, OTHER_ORG, A));
        probes.put("deleted", log(OTHER_BUCKET, null, A));
        probes.put("beta, licensed until later", log("beta-org-trail", ORG, C));
        probes.put("gamma, expired", log("gamma-trail", null, A));
        Map<String, String> before = decideAll(probes);
        assertThat(before)
                .containsExactly(
                        Map.entry("fetched again", "duplicate"),
                        Map.entry("digest again", "duplicate"),
                        Map.entry("held again", "duplicate"),
                        Map.entry("new of A", "fetch"),
                        Map.entry("new of C (outside the list)", "skipped_account"),
                        Map.entry("other Organization", "skipped_organization"),
                        Map.entry("deleted", "skipped_deleted"),
                        Map.entry("beta, licensed until later", "fetch"),
                        Map.entry("gamma, expired", "skipped_licence"));

        OperatorSubtaskState snapshot = harness.snapshot(1L, now);
        harness.close();
        harness = new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(
                        function(), List.of(ControlStateDescriptors.integrations(), ControlStateDescriptors.tenants())),
                ObjectRouterFunction::keyOf,
                Types.STRING,
                1,
                1,
                0);
        harness.setProcessingTime(now);
        harness.initializeState(snapshot);
        harness.open();

        // The probes that were fetched are remembered now; ask with new versions for those.
        Map<String, ObjectRef> again = new LinkedHashMap<>();
        again.put("fetched again", copy(fetched));
        again.put("digest again", copy(digest));
        again.put("held again", copy(early));
        again.put("new of A", log(BUCKET, ORG, A));
        again.put("new of C (outside the list)", log(BUCKET, ORG, C));
        again.put("other Organization", log(BUCKET, OTHER_ORG, A));
        again.put("deleted", log(OTHER_BUCKET, null, A));
        again.put("beta, licensed until later", log("beta-org-trail", ORG, C));
        again.put("gamma, expired", log("gamma-trail", null, A));
        assertThat(decideAll(again))
                .as("broadcast state and dedupe state restored")
                .isEqualTo(before);

        // The held object's timer and pending state came back too: claimed now, it is fetched at the next recheck.
        control(ops.messages()
                .upsert("late", new IntegrationPatch().tenantId("late").bucket("late-trail")));
        advanceTo(now + RECHECK.toMillis());
        assertThat(drain()).containsExactly("fetch " + early.key);

        // The valid_until restored with the tenant still takes effect without a message.
        advanceTo(validUntil);
        assertThat(route(log("beta-org-trail", ORG, C))).isEqualTo("skipped_licence");
    }

    @Test
    void restoredHeldObjectStillEndsUnroutedAfterItsGracePeriod() throws Exception {
        ObjectRef orphan = log("nobodys-bucket", null, A);
        assertThat(route(orphan)).isEqualTo("held");
        advanceTo(T0 + RECHECK.toMillis());

        OperatorSubtaskState snapshot = harness.snapshot(1L, now);
        harness.close();
        harness = new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(
                        function(), List.of(ControlStateDescriptors.integrations(), ControlStateDescriptors.tenants())),
                ObjectRouterFunction::keyOf,
                Types.STRING,
                1,
                1,
                0);
        harness.setProcessingTime(now);
        harness.initializeState(snapshot);
        harness.open();

        advanceTo(T0 + GRACE.toMillis() - 1);
        assertThat(drain()).isEmpty();
        advanceTo(T0 + GRACE.toMillis());
        assertThat(drain())
                .as("held since before the snapshot: the grace period counts from then")
                .containsExactly("unrouted " + orphan.key);
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private ControlMessage organization(String id, String... accounts) {
        return ops.messages()
                .upsert(
                        id,
                        new IntegrationPatch()
                                .tenantId("acme")
                                .displayName("ACME")
                                .bucket(BUCKET)
                                .organizationId(ORG)
                                .includedAccounts(List.of(accounts)));
    }

    /** Applies {@code m} with the job's applier and broadcasts the after-state; routing emits nothing for it. */
    private void control(ControlMessage m) throws Exception {
        harness.processBroadcastElement(ops.apply(m), now);
        assertThat(drain()).as("a control update emits nothing by itself").isEmpty();
    }

    private void advanceTo(long t) throws Exception {
        now = t;
        harness.setProcessingTime(t);
    }

    /** Routes one object and returns its one decision: {@code fetch}, a ledger outcome, or {@code held}. */
    private String route(ObjectRef ref) throws Exception {
        harness.processElement(ref, now);
        List<String> out = drain();
        if (out.isEmpty()) return "held";
        assertThat(out).as("one decision per object").hasSize(1);
        String only = out.get(0);
        assertThat(only).endsWith(" " + ref.key);
        return only.substring(0, only.indexOf(' '));
    }

    private Map<String, String> decideAll(Map<String, ObjectRef> probes) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, ObjectRef> e : probes.entrySet()) out.put(e.getKey(), route(e.getValue()));
        return out;
    }

    /** Everything emitted since the last call, as "decision key"; also kept in {@link #tasks} and {@link #ledger}. */
    private List<String> drain() {
        tasks.clear();
        ledger.clear();
        List<String> out = new ArrayList<>();
        tasks.addAll(harness.extractOutputValues());
        harness.getOutput().clear();
        for (ObjectTask t : tasks) out.add("fetch " + t.ref.key);
        ConcurrentLinkedQueue<StreamRecord<LedgerRow>> side = harness.getSideOutput(LedgerRow.OUTPUT);
        if (side != null) {
            for (StreamRecord<LedgerRow> r : side) ledger.add(r.getValue());
            side.clear();
        }
        for (LedgerRow o : ledger) out.add(o.outcome + " " + o.key);
        return out;
    }

    private ObjectRef log(String bucket, String org, String account) {
        return log(bucket, null, org, account);
    }

    /** A new log object (its own key and sequencer) of {@code account}. */
    private ObjectRef log(String bucket, String prefix, String org, String account) {
        int n = ++sequencer;
        String key = (prefix == null ? "" : prefix + "/") + "AWSLogs/" + (org == null ? "" : org + "/") + account
                + "/CloudTrail/us-east-1/2026/11/27/" + account + "_CloudTrail_us-east-1_20261127T1000Z_"
                + String.format("%016d", n) + ".json.gz";
        return ref(bucket, key, n);
    }

    private ObjectRef digest(String org, String account) {
        int n = ++sequencer;
        String key = "AWSLogs/" + org + "/" + account + "/CloudTrail-Digest/us-east-1/2026/11/27/" + account
                + "_CloudTrail-Digest_us-east-1_trail_us-east-1_20261127T"
                + String.format("%02d%02d%02d", (n / 3600) % 24, (n / 60) % 60, n % 60) + "Z.json.gz";
        return ref(BUCKET, key, n);
    }

    private ObjectRef ref(String bucket, String key, int n) {
        ObjectRef ref = ObjectRef.s3(bucket, key);
        ref.sequencer = String.format("%016X", n);
        ref.eTag = "etag-" + n;
        ref.size = 1000;
        ref.shape = "s3_event";
        ref.notifiedAtMillis = now;
        return ref;
    }

    /** The same object version notified again (a new notification, same identity). */
    private ObjectRef copy(ObjectRef ref) {
        ObjectRef c = ObjectRef.s3(ref.bucket, ref.key);
        c.sequencer = ref.sequencer;
        c.eTag = ref.eTag;
        c.versionId = ref.versionId;
        c.size = ref.size;
        c.shape = ref.shape;
        c.notifiedAtMillis = now;
        return c;
    }
}
