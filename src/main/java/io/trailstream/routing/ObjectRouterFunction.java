package io.trailstream.routing;

import io.trailstream.classloading.UserCodeRelease;
import io.trailstream.control.ControlStateDescriptors;
import io.trailstream.control.ControlUpdate;
import io.trailstream.control.ControlView;
import io.trailstream.control.Integration;
import io.trailstream.control.SeededControlStore;
import io.trailstream.control.message.InitialIntegrations;
import io.trailstream.ledger.LedgerOutcome;
import io.trailstream.ledger.LedgerRow;
import io.trailstream.metrics.TrailstreamMetrics;
import io.trailstream.notification.ObjectRef;
import io.trailstream.trail.KeyClassifier;
import io.trailstream.trail.ObjectKind;
import io.trailstream.trail.TrailKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.Preconditions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, per notified object and before any download, whether it is fetched: classifies the key,
 * drops repeated notifications of the same object version (unless ops asked for it again: a
 * {@linkplain ObjectRef#replay replay}), and routes the object to its integration
 * with the integrations' current state (broadcast from the control stream over the config's seeds).
 *
 * <p>Keyed by {@link #keyOf(ObjectRef)}. Objects it does not fetch leave through {@link LedgerRow#OUTPUT} with
 * their outcome (skipped_suspended, skipped_account, unrouted, duplicate, recorded, ...); fetched ones
 * continue as {@link ObjectTask}s and get their ledger row after the fetch. An object no integration
 * claims is held for a grace period and routed again every recheck interval, so that "add the
 * integration, files start flowing" loses none of the first files.
 */
public class ObjectRouterFunction extends KeyedBroadcastProcessFunction<String, ObjectRef, ControlUpdate, ObjectTask>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ObjectRouterFunction.class);

    /** The decisions routing counts for an integration: {@code fetch}, the skips, duplicates, recorded files. */
    static final List<String> DECISIONS = RouteOutcome.countedDecisions();
    /** The decisions an object of no integration can get. */
    static final List<String> UNCLAIMED_DECISIONS =
            List.of(LedgerOutcome.UNROUTED.ledgerName(), LedgerOutcome.DUPLICATE.ledgerName());

    private final InitialIntegrations seeds;
    private final Duration dedupeTtl;
    private final Duration gracePeriod;
    private final Duration recheckInterval;
    private final KeyClassifier classifier = new KeyClassifier();
    private boolean holdUntilInputsEnd;
    private boolean fetchDigests;

    private transient MapState<String, Long> seenVersions;
    /** Objects of this key no integration claimed yet, by version token: each version gets its own grace period. */
    private transient MapState<String, PendingObject> pending;

    private transient TrailstreamMetrics metrics;
    /** The integrations of the restored broadcast state, whose series are registered at open. */
    private transient List<String> restoredIntegrations;

    /**
     * @param gracePeriod how long an unclaimed object is held before it is recorded {@code unrouted}; zero
     *     records it at once
     * @param recheckInterval how often a held object is routed again; must be positive when objects are held
     */
    public ObjectRouterFunction(
            InitialIntegrations seeds, Duration dedupeTtl, Duration gracePeriod, Duration recheckInterval) {
        Preconditions.checkArgument(
                !gracePeriod.isNegative(),
                "the grace period (unrouted.grace-period) must not be " + "negative: %s",
                gracePeriod);
        // A zero interval would re-register the timer at the time it fires: the task would loop on it forever.
        Preconditions.checkArgument(
                gracePeriod.isZero() || recheckInterval.toMillis() > 0,
                "the recheck interval "
                        + "(unrouted.recheck-interval) must be at least 1 ms when objects are held (grace period %s): %s",
                gracePeriod,
                recheckInterval);
        this.seeds = seeds;
        this.dedupeTtl = dedupeTtl;
        this.gracePeriod = gracePeriod;
        this.recheckInterval = recheckInterval;
    }

    /**
     * For a bounded run (the embedded default over a folder, with a control folder): hold every object until
     * both inputs have ended, so that all control messages are applied before the first object is routed.
     * Both bounded sources send the final watermark when they end; an event-time timer at its timestamp
     * routes what was held.
     */
    public ObjectRouterFunction holdingUntilInputsEnd() {
        this.holdUntilInputsEnd = true;
        return this;
    }

    /**
     * Digest files are fetched (for verification) like log files, instead of being recorded from their key; their
     * integration's status, licence and accounts apply to them as to its log files.
     */
    public ObjectRouterFunction fetchingDigests() {
        this.fetchDigests = true;
        return this;
    }

    /** The key routing is partitioned by: one object (scheme, bucket, key). */
    public static String keyOf(ObjectRef ref) {
        return ref.scheme + "://" + ref.bucket + "/" + ref.key;
    }

    @Override
    public void open(OpenContext openContext) {
        MapStateDescriptor<String, Long> seen = new MapStateDescriptor<>("seen-versions", Types.STRING, Types.LONG);
        seen.enableTimeToLive(StateTtlConfig.newBuilder(dedupeTtl)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build());
        seenVersions = getRuntimeContext().getMapState(seen);
        pending = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>(
                        "pending-unrouted", Types.STRING, TypeInformation.of(PendingObject.class)));
        metrics = new TrailstreamMetrics(getRuntimeContext().getMetricGroup());
        UserCodeRelease.registerOn(getRuntimeContext());
        // Each integration's series at zero before its first object, also on a restored subtask.
        for (Integration i : seeds.integrations()) metrics.registerRoutedObjects(i.integrationId, DECISIONS);
        if (restoredIntegrations != null)
            restoredIntegrations.forEach(id -> metrics.registerRoutedObjects(id, DECISIONS));
        metrics.registerRoutedObjects(null, UNCLAIMED_DECISIONS);
    }

    /** Reads which integrations the restored broadcast state holds (for their metrics); the state is Flink's. */
    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        restoredIntegrations = new ArrayList<>();
        for (Map.Entry<String, Integration> e : context.getOperatorStateStore()
                .getBroadcastState(ControlStateDescriptors.integrations())
                .entries()) {
            restoredIntegrations.add(e.getKey());
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
        // nothing of its own: the broadcast and keyed state are snapshotted by Flink
    }

    @Override
    public void processElement(ObjectRef ref, ReadOnlyContext ctx, Collector<ObjectTask> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        String version = ref.versionToken();
        TrailKey key = classifier.classify(ref.key);
        ControlView view = view(ctx);
        // Routed first (state only, no I/O) so that a duplicate's ledger row and counter name its integration.
        RouteDecision decision = Router.route(view, ref, key, now);
        // Ops asked for a replay (trailstream backfill): it skips the dedupe check; every other decision stands.
        if (ref.replay) {
            LOG.info(
                    "Object {} replayed on request, dedupe bypassed (integration {}: {})",
                    ref.uri(),
                    decision.integrationId,
                    decision.outcome);
        } else if (NotifiedVersions.before(seenVersions, pending, version)) {
            ledger(
                    ctx,
                    ref,
                    key,
                    decision.integrationId,
                    LedgerOutcome.DUPLICATE,
                    "notified again" + (version.isEmpty() ? "" : " (" + version + ")"));
            return;
        }
        if (holdUntilInputsEnd) {
            pending.put(version, new PendingObject(ref, now));
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
            return;
        }
        if (decision.outcome == RouteOutcome.UNROUTED && !gracePeriod.isZero()) {
            LOG.info("Object {} is claimed by no integration yet; held for up to {}", ref.uri(), gracePeriod);
            // One timer chain per key: a version held while others wait is rechecked with them.
            boolean rechecking = !pending.isEmpty();
            pending.put(version, new PendingObject(ref, now));
            if (!rechecking) {
                ctx.timerService()
                        .registerProcessingTimeTimer(
                                now + Math.min(recheckInterval.toMillis(), gracePeriod.toMillis()));
            }
            return;
        }
        decide(ref, key, decision, ctx, out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ObjectTask> out) throws Exception {
        List<Map.Entry<String, PendingObject>> held = new ArrayList<>();
        for (Map.Entry<String, PendingObject> e : pending.entries()) held.add(Map.entry(e.getKey(), e.getValue()));
        if (held.isEmpty()) return;
        ControlView view = view(ctx);
        long next = Long.MAX_VALUE;
        for (Map.Entry<String, PendingObject> e : held) {
            PendingObject p = e.getValue();
            long now = ctx.timerService().currentProcessingTime();
            TrailKey key = classifier.classify(p.ref.key);
            RouteDecision decision = Router.route(view, p.ref, key, now);
            long expiry = p.heldSinceMillis + gracePeriod.toMillis();
            boolean inputsEnded = ctx.timeDomain() == TimeDomain.EVENT_TIME;
            if (decision.outcome == RouteOutcome.UNROUTED && now < expiry && !inputsEnded) {
                next = Math.min(next, Math.min(now + recheckInterval.toMillis(), expiry));
                continue;
            }
            pending.remove(e.getKey());
            if (decision.outcome == RouteOutcome.UNROUTED && !inputsEnded) {
                decision.reason = decision.reason + " (held " + gracePeriod + ")";
            }
            decide(p.ref, key, decision, ctx, out);
        }
        if (next != Long.MAX_VALUE) ctx.timerService().registerProcessingTimeTimer(next);
    }

    @Override
    public void processBroadcastElement(ControlUpdate update, Context ctx, Collector<ObjectTask> out) throws Exception {
        update.applyTo(SeededControlStore.broadcast(
                ctx.getBroadcastState(ControlStateDescriptors.integrations()),
                ctx.getBroadcastState(ControlStateDescriptors.tenants()),
                seeds));
        if (update.integration != null) metrics.registerRoutedObjects(update.integration.integrationId, DECISIONS);
    }

    /** The integrations and tenants as routing sees them now: the broadcast state over the config's seeds. */
    private ControlView view(ReadOnlyContext ctx) {
        return SeededControlStore.readOnlyBroadcast(
                ctx.getBroadcastState(ControlStateDescriptors.integrations()),
                ctx.getBroadcastState(ControlStateDescriptors.tenants()),
                seeds);
    }

    private void decide(
            ObjectRef ref, TrailKey key, RouteDecision decision, ReadOnlyContext ctx, Collector<ObjectTask> out)
            throws Exception {
        if (decision.outcome != RouteOutcome.FETCH) {
            // Skipped objects are not remembered: a backfill may notify them again once they may be kept.
            ledger(ctx, ref, key, decision.integrationId, decision.outcome.ledgerOutcome(), decision.reason);
            return;
        }
        seenVersions.put(ref.versionToken(), ctx.currentProcessingTime());
        if (!key.kind.isFetched() && !(fetchDigests && key.kind == ObjectKind.DIGEST)) {
            ledger(
                    ctx,
                    ref,
                    key,
                    decision.integrationId,
                    LedgerOutcome.RECORDED,
                    key.kind.ledgerName() + " file, not parsed");
            return;
        }
        metrics.routedObjects(decision.integrationId, RouteOutcome.FETCH.ledgerName())
                .inc();
        out.collect(new ObjectTask(ref, key, decision.integrationId, decision.includedAccounts)
                .readAs(decision.roleArn, decision.externalId));
    }

    /** The object's ledger row, saying when it is a replay (a duplicate never is: replays skip that check). */
    private void ledger(
            ReadOnlyContext ctx,
            ObjectRef ref,
            TrailKey key,
            String integrationId,
            LedgerOutcome outcome,
            String reason) {
        LedgerRow row = LedgerRow.of(ref, key, integrationId, outcome, reason).noteReplay(ref);
        metrics.routedObjects(integrationId, outcome.ledgerName()).inc();
        if (outcome == LedgerOutcome.DUPLICATE || outcome == LedgerOutcome.RECORDED) {
            LOG.debug("Object {} {}: {}", row.uri(), outcome, row.reason);
        } else {
            LOG.info("Object {} {}: {} (integration {})", row.uri(), outcome, row.reason, integrationId);
        }
        ctx.output(LedgerRow.OUTPUT, row);
    }
}
