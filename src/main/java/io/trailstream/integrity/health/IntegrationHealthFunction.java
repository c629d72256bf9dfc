package io.trailstream.integrity.health;

import io.trailstream.control.Integration;
import io.trailstream.metrics.TrailstreamMetrics;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Integration health, keyed by integration id: the first input is what happens to its objects and digest chains
 * ({@link HealthSignal}s), the second its state from the control stream (and the config's seeds), so that an
 * integration that never sends anything is still watched. Applies the {@link HealthRules}; emits a row per change of
 * a part's health, counts the changes, reports the worst level as a gauge, and puts the control changes it decides
 * (auto-disconnect, reconnect) on {@link #REQUESTS}. While it has disconnected an integration it probes the last
 * refused object every probe interval (one open, on the task thread: rare and short).
 */
public class IntegrationHealthFunction
        extends KeyedCoProcessFunction<String, HealthSignal, Integration, IntegrationHealth> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(IntegrationHealthFunction.class);

    /** Control changes the job asks for itself, to be published to the control stream. */
    public static final OutputTag<ControlRequest> REQUESTS =
            new OutputTag<>("control-requests", TypeInformation.of(ControlRequest.class)) {};

    private final Duration silence;
    private final boolean autoDisconnect;
    private final Duration disconnectAfter;
    private final Duration probeInterval;
    private final ObjectProbe probe;

    private transient MapState<String, ScopeHealth> scopes;
    private transient ValueState<IntegrationWatch> watch;
    private transient HealthRules rules;
    private transient TrailstreamMetrics metrics;
    /** The worst level per integration this subtask has seen, for the gauges. */
    private transient Map<String, Integer> levels;

    public IntegrationHealthFunction(
            Duration silence,
            boolean autoDisconnect,
            Duration disconnectAfter,
            Duration probeInterval,
            ObjectProbe probe) {
        this.silence = silence;
        this.autoDisconnect = autoDisconnect;
        this.disconnectAfter = disconnectAfter;
        this.probeInterval = probeInterval;
        this.probe = probe;
    }

    @Override
    public void open(OpenContext openContext) {
        scopes = getRuntimeContext()
                .getMapState(
                        new MapStateDescriptor<>("health-scopes", Types.STRING, TypeInformation.of(ScopeHealth.class)));
        watch = getRuntimeContext()
                .getState(new ValueStateDescriptor<>("health-watch", TypeInformation.of(IntegrationWatch.class)));
        rules = new HealthRules(silence, autoDisconnect, disconnectAfter);
        metrics = new TrailstreamMetrics(getRuntimeContext().getMetricGroup());
        levels = new ConcurrentHashMap<>();
    }

    @Override
    public void processElement1(HealthSignal s, Context ctx, Collector<IntegrationHealth> out) throws Exception {
        IntegrationWatch stored = watch.value();
        IntegrationWatch w = stored == null ? new IntegrationWatch() : stored;
        long lastBefore = w.lastObjectAtMillis;
        long deniedBefore = w.deniedSinceMillis;
        String probeBefore = w.probeKey;
        HealthRules.Outcome o = rules.signal(ctx.getCurrentKey(), w, store(), s, now(ctx));
        // Most signals only move the last arrival: the state is written when that moved a minute, or on a change.
        boolean changed = stored == null
                || !o.changes.isEmpty()
                || w.deniedSinceMillis != deniedBefore
                || !Objects.equals(w.probeKey, probeBefore)
                || w.lastObjectAtMillis - lastBefore >= 60_000;
        if (changed) finish(w, o, ctx, out);
    }

    @Override
    public void processElement2(Integration i, Context ctx, Collector<IntegrationHealth> out) throws Exception {
        IntegrationWatch w = current();
        finish(w, rules.integrationChanged(ctx.getCurrentKey(), w, store(), i, now(ctx)), ctx, out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<IntegrationHealth> out) throws Exception {
        IntegrationWatch w = watch.value();
        if (w == null) return;
        String id = ctx.getCurrentKey();
        long now = now(ctx);
        HealthRules.Outcome o = rules.timer(id, w, store(), now);
        if (rules.probeDue(w)) {
            ObjectProbe.Result r = probe.probe(w.probeScheme, w.probeBucket, w.probeKey);
            LOG.info("Integration {} is disconnected by the job; probing {}: {}", id, w.probeKey, r);
            HealthRules.Outcome p = rules.probed(id, w, r == ObjectProbe.Result.ACCESS_WORKS, r.name(), now);
            o.requests.addAll(p.requests);
        }
        finish(w, o, ctx, out);
    }

    private void finish(IntegrationWatch w, HealthRules.Outcome o, Context ctx, Collector<IntegrationHealth> out)
            throws Exception {
        String id = ctx.getCurrentKey();
        watch.update(w);
        for (IntegrationHealth h : o.changes) {
            metrics.healthChanges(id, h.status.wireName()).inc();
            if (h.status == HealthStatus.HEALTHY) {
                LOG.info("Integration {} {}/{} is healthy again: {}", id, h.accountId, h.region, h.reason);
            } else {
                LOG.warn("Integration {} {}/{} is {}: {}", id, h.accountId, h.region, h.status, h.reason);
            }
            out.collect(h);
        }
        if (!o.changes.isEmpty()) updateLevel(id);
        for (ControlRequest r : o.requests) {
            LOG.warn(
                    "Integration {}: the job sets it {} ({}), message {}",
                    id,
                    r.status.wireName(),
                    r.reason,
                    r.messageId);
            ctx.output(REQUESTS, r);
        }
        // Probing starts once the disconnect is applied (the control update says so) and goes on until access works.
        if (rules.probeDue(w)) ctx.timerService().registerProcessingTimeTimer(now(ctx) + probeInterval.toMillis());
        ScopeHealth whole = scopes.get(ScopeHealth.scopeOf(null, null));
        long next = rules.nextDeadline(w, whole != null && whole.status == HealthStatus.SILENT);
        if (next >= 0) ctx.timerService().registerProcessingTimeTimer(next);
    }

    private void updateLevel(String id) throws Exception {
        int worst = 0;
        for (ScopeHealth h : scopes.values()) worst = Math.max(worst, h.status.level());
        levels.put(id, worst);
        metrics.healthLevel(id, () -> levels.getOrDefault(id, 0));
    }

    private IntegrationWatch current() throws Exception {
        IntegrationWatch w = watch.value();
        return w == null ? new IntegrationWatch() : w;
    }

    private HealthRules.Scopes store() {
        return new HealthRules.Scopes() {
            @Override
            public ScopeHealth get(String scope) throws Exception {
                return scopes.get(scope);
            }

            @Override
            public void put(String scope, ScopeHealth health) throws Exception {
                scopes.put(scope, health);
            }
        };
    }

    private static long now(Context ctx) {
        return ctx.timerService().currentProcessingTime();
    }

    @Override
    public void close() throws Exception {
        if (probe != null) probe.close();
    }
}
