package io.trailstream.integrity.chain;

import io.trailstream.integrity.IntegrityCheck;
import io.trailstream.integrity.digest.VerifiedDigest;
import io.trailstream.integrity.health.HealthSignal;
import io.trailstream.metrics.TrailstreamMetrics;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks digest chains: keyed by {@link VerifiedDigest#chainId}, it keeps each chain's digests for a retention
 * period (map state with TTL, one small entry per digest: hashes, not signatures) and applies the
 * {@link ChainRules} as digests arrive, in any order, and the {@link ChainCadence} on a processing-time timer.
 * Emits one {@code integrity} row per digest (more when a late predecessor changes what a row said) and, on
 * {@link #HEALTH}, what the chain says of delivery. A bounded run's end (the final watermark, an event-time timer
 * at {@code Long.MAX_VALUE}, as routing does) decides every digest still waiting for its predecessor.
 */
public class DigestChainFunction extends KeyedProcessFunction<String, VerifiedDigest, IntegrityCheck> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DigestChainFunction.class);

    /** Delivery as the chains see it, for the integrations' health. */
    public static final OutputTag<HealthSignal> HEALTH =
            new OutputTag<>("chain-health", TypeInformation.of(HealthSignal.class)) {};

    private final Duration grace;
    private final Duration retention;
    private final Duration digestDelay;

    private transient MapState<String, ChainLink> links;
    private transient ValueState<ChainWatch> watch;
    private transient ChainRules rules;
    private transient ChainCadence cadence;
    private transient TrailstreamMetrics metrics;

    /**
     * @param grace how long a digest waits for its predecessor
     * @param retention how long a chain's digests are kept
     * @param digestDelay how late an hourly digest may be before it is a gap
     */
    public DigestChainFunction(Duration grace, Duration retention, Duration digestDelay) {
        this.grace = grace;
        this.retention = retention;
        this.digestDelay = digestDelay;
    }

    @Override
    public void open(OpenContext openContext) {
        StateTtlConfig ttl = StateTtlConfig.newBuilder(retention)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build();
        MapStateDescriptor<String, ChainLink> linksDescriptor =
                new MapStateDescriptor<>("chain-links", Types.STRING, TypeInformation.of(ChainLink.class));
        linksDescriptor.enableTimeToLive(ttl);
        links = getRuntimeContext().getMapState(linksDescriptor);
        ValueStateDescriptor<ChainWatch> watchDescriptor =
                new ValueStateDescriptor<>("chain-watch", TypeInformation.of(ChainWatch.class));
        watchDescriptor.enableTimeToLive(ttl);
        watch = getRuntimeContext().getState(watchDescriptor);
        rules = new ChainRules(grace.toMillis());
        cadence = new ChainCadence(digestDelay);
        metrics = new TrailstreamMetrics(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(VerifiedDigest d, Context ctx, Collector<IntegrityCheck> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        emit(rules.arrive(d, state(), now), ctx, out);
        ChainLink link = links.get(d.key);
        if (link != null && !link.decided) ctx.timerService().registerProcessingTimeTimer(link.waitUntilMillis);
        ChainWatch w = cadence.arrived(watch.value(), d, now);
        watch.update(w);
        long due = cadence.dueAt(w);
        if (due >= 0) ctx.timerService().registerProcessingTimeTimer(due);
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<IntegrityCheck> out) throws Exception {
        boolean inputEnded = ctx.timeDomain() == TimeDomain.EVENT_TIME;
        long now = ctx.timerService().currentProcessingTime();
        emit(rules.expire(state(), now, inputEnded), ctx, out);
        ChainWatch w = watch.value();
        if (w != null && !inputEnded) {
            HealthSignal overdue = cadence.overdue(w, now);
            if (overdue != null) {
                LOG.warn("Digest chain {}: {}", ctx.getCurrentKey(), overdue.reason);
                watch.update(w);
                ctx.output(HEALTH, overdue);
            }
        }
    }

    private void emit(ChainOutput o, Context ctx, Collector<IntegrityCheck> out) {
        for (IntegrityCheck c : o.checks) {
            metrics.integrityChecks(c.integrationId, c.kind.wireName(), c.status.wireName())
                    .inc();
            if (c.status.isGood()) {
                LOG.debug("Digest {}/{} {}: {}", c.bucket, c.key, c.status, c.reason);
            } else {
                LOG.warn("Digest {}/{} {} (integration {}): {}", c.bucket, c.key, c.status, c.integrationId, c.reason);
            }
            out.collect(c);
        }
        for (HealthSignal s : o.signals) ctx.output(HEALTH, s);
    }

    private ChainLinks state() {
        return new ChainLinks() {
            @Override
            public ChainLink get(String key) throws Exception {
                return links.get(key);
            }

            @Override
            public void put(String key, ChainLink link) throws Exception {
                links.put(key, link);
            }

            @Override
            public Iterable<ChainLink> all() throws Exception {
                return links.values();
            }
        };
    }
}
