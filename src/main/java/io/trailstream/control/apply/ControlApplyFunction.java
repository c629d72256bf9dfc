package io.trailstream.control.apply;

import io.trailstream.classloading.UserCodeRelease;
import io.trailstream.control.ControlStateDescriptors;
import io.trailstream.control.ControlStore;
import io.trailstream.control.ControlUpdate;
import io.trailstream.control.Integration;
import io.trailstream.control.SeededControlStore;
import io.trailstream.control.Tenant;
import io.trailstream.control.message.ControlMessageParser;
import io.trailstream.control.message.InitialIntegrations;
import io.trailstream.control.message.ParsedControl;
import io.trailstream.control.message.RejectReason;
import io.trailstream.input.DeadLetter;
import io.trailstream.input.RawMessage;
import io.trailstream.metrics.TrailstreamMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the control stream, once, in arrival order: parses and validates each message, applies it to
 * the integration/tenant state, audits it, and emits the resulting state as a {@link ControlUpdate} for
 * routing to broadcast. Runs keyed by one constant ({@link #KEY}) so that exactly one subtask holds the
 * control state and writes each audit row once.
 *
 * <p>A bad message is rejected with a reason (audit row, dead letter, metric, log line); it never fails
 * the job. When a licence's {@code valid_until} passes, a timer records the lapse in the tables.
 */
public class ControlApplyFunction extends KeyedProcessFunction<String, RawMessage, ControlUpdate> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ControlApplyFunction.class);

    /** The one key of the control stream. */
    public static final String KEY = "control";

    /** One entry per message seen (and per licence lapse), for {@code control_audit}. */
    public static final OutputTag<ControlAudit> AUDIT =
            new OutputTag<>("control-audit", TypeInformation.of(ControlAudit.class)) {};
    /** The integrations' states each applied change records, for {@code integrations}. */
    public static final OutputTag<IntegrationSnapshot> INTEGRATIONS =
            new OutputTag<>("integration-snapshots", TypeInformation.of(IntegrationSnapshot.class)) {};

    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("control-dead-letters", TypeInformation.of(DeadLetter.class)) {};

    private final InitialIntegrations seeds;
    private final int maxMessageBytes;
    private final long maxFutureSkewMillis;

    private transient ControlStore store;
    private transient ControlMessageParser parser;
    private transient ControlApplier applier;
    private transient TrailstreamMetrics metrics;
    /** The last {@link IntegrationSnapshot#sequence} given out: the history's order within a millisecond. */
    private transient ValueState<Long> snapshotSequence;

    public ControlApplyFunction(InitialIntegrations seeds, int maxMessageBytes, long maxFutureSkewMillis) {
        this.seeds = seeds;
        this.maxMessageBytes = maxMessageBytes;
        this.maxFutureSkewMillis = maxFutureSkewMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        // Keyed map state under the names and types of routing's broadcast state.
        MapState<String, Integration> integrations =
                getRuntimeContext().getMapState(ControlStateDescriptors.integrations());
        MapState<String, Tenant> tenants = getRuntimeContext().getMapState(ControlStateDescriptors.tenants());
        store = SeededControlStore.keyed(integrations, tenants, seeds);
        parser = new ControlMessageParser(maxMessageBytes, maxFutureSkewMillis);
        applier = new ControlApplier();
        metrics = new TrailstreamMetrics(getRuntimeContext().getMetricGroup());
        UserCodeRelease.registerOn(getRuntimeContext());
        metrics.registerControlMessages(reasonsByOutcome());
        snapshotSequence = getRuntimeContext().getState(new ValueStateDescriptor<>("snapshot-sequence", Types.LONG));
    }

    @Override
    public void processElement(RawMessage raw, Context ctx, Collector<ControlUpdate> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        ParsedControl parsed = parser.parse(raw.payload, now);
        ApplyResult result;
        if (!parsed.isOk()) {
            result = ApplyResult.rejectedByParser(parsed, now);
        } else {
            result = applier.apply(store, parsed.message, now);
        }
        if (result.outcome == ApplyOutcome.REJECTED) {
            // Rejected by the parser (the message alone) or by the applier (against the state, e.g. an unknown
            // integration): either way the bytes are kept as they came, so ops can fix and resend them.
            ctx.output(
                    DEAD_LETTERS,
                    DeadLetter.of(
                            "control",
                            raw.origin,
                            "control_message",
                            result.reasonCode + ": " + result.reason,
                            raw.payload,
                            raw.receivedAtMillis));
        }
        count(result);
        if (result.outcome == ApplyOutcome.APPLIED) {
            LOG.info("{} (from {})", result.logLine(), raw.origin);
        } else {
            LOG.warn("{} (from {})", result.logLine(), raw.origin);
        }
        ctx.output(AUDIT, ControlAudit.of(result));
        if (result.changesState()) {
            for (IntegrationSnapshot s : IntegrationSnapshots.of(result, store)) ctx.output(INTEGRATIONS, sequenced(s));
            out.collect(result.update());
            if (result.tenantAfter != null && result.tenantAfter.validUntilMillis > now) {
                ctx.timerService().registerProcessingTimeTimer(result.tenantAfter.validUntilMillis);
            }
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ControlUpdate> out) throws Exception {
        for (Tenant t : store.tenants()) {
            if (!t.licenceExpired && t.validUntilMillis == timestamp) {
                LOG.info(
                        "Licence of tenant {} lapsed at its valid_until; its integrations are no longer fetched",
                        t.tenantId);
                ctx.output(AUDIT, ControlAudit.lapse(t, timestamp));
                for (IntegrationSnapshot s : IntegrationSnapshots.lapse(t, store, timestamp)) {
                    ctx.output(INTEGRATIONS, sequenced(s));
                }
            }
        }
    }

    /**
     * {@code s} with the next sequence number: two changes applied in the same millisecond (an integration
     * added, then its tenant's licence expired) have the same {@code recorded_at}, and the sequence says which
     * is the later, in state so that it keeps rising across restores.
     */
    private IntegrationSnapshot sequenced(IntegrationSnapshot s) throws java.io.IOException {
        Long last = snapshotSequence.value();
        s.sequence = (last == null ? 0 : last) + 1;
        snapshotSequence.update(s.sequence);
        return s;
    }

    /** Every outcome with the reason codes it comes with: the control series registered at zero. */
    static Map<String, List<String>> reasonsByOutcome() {
        List<String> rejections = new ArrayList<>();
        for (RejectReason r : RejectReason.values()) rejections.add(r.code());
        return Map.of(
                ApplyOutcome.APPLIED.wireName(), List.of(ControlApplier.APPLIED, ControlApplier.NO_CHANGE),
                ApplyOutcome.DUPLICATE.wireName(), List.of(ControlApplier.DUPLICATE),
                ApplyOutcome.IGNORED_STALE.wireName(), List.of(ControlApplier.STALE),
                ApplyOutcome.REJECTED.wireName(), rejections);
    }

    private void count(ApplyResult r) {
        metrics.controlMessages(r.outcome.wireName(), r.reasonCode).inc();
    }
}
