package io.trailstream.integrity.logfile;

import io.trailstream.integrity.IntegrityCheck;
import io.trailstream.integrity.ListedLogFile;
import io.trailstream.metrics.TrailstreamMetrics;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log-file check: keyed by the file ({@code bucket name/key}), it meets what signed digests list (first input)
 * with what the job read (second input, from the ledger rows) in either order, under the {@link LogFileRules}. One
 * {@link PendingLogFile} per file, with a TTL, so memory per pending file is bounded and a forgotten file is
 * eventually dropped; a processing-time timer at its deadline decides a half that never met the other, and a bounded
 * run's end (the final watermark) decides every file still waiting.
 */
public class LogFileMatchFunction extends KeyedCoProcessFunction<String, ListedLogFile, LogFileSeen, IntegrityCheck> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LogFileMatchFunction.class);

    private final Duration missingGrace;
    private final Duration unlistedGrace;
    private final Duration retention;

    private transient ValueState<PendingLogFile> state;
    private transient LogFileRules rules;
    private transient TrailstreamMetrics metrics;

    /** An event-time timer that fires only when a bounded input ends (its watermark is the last). */
    private static final long END_OF_INPUT = Long.MAX_VALUE;

    /**
     * @param missingGrace how long a listed file may take to be read
     * @param unlistedGrace how long a read file may take to be listed
     * @param retention how long a file's facts are kept (at least both graces)
     */
    public LogFileMatchFunction(Duration missingGrace, Duration unlistedGrace, Duration retention) {
        this.missingGrace = missingGrace;
        this.unlistedGrace = unlistedGrace;
        this.retention = retention;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<PendingLogFile> d =
                new ValueStateDescriptor<>("log-file", TypeInformation.of(PendingLogFile.class));
        d.enableTimeToLive(StateTtlConfig.newBuilder(retention)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build());
        state = getRuntimeContext().getState(d);
        rules = new LogFileRules(missingGrace.toMillis(), unlistedGrace.toMillis());
        metrics = new TrailstreamMetrics(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement1(ListedLogFile listed, Context ctx, Collector<IntegrityCheck> out) throws Exception {
        PendingLogFile p = current();
        emit(rules.listed(p, listed, now(ctx)), out);
        keep(p, ctx);
    }

    @Override
    public void processElement2(LogFileSeen seen, Context ctx, Collector<IntegrityCheck> out) throws Exception {
        PendingLogFile p = current();
        emit(rules.seen(p, seen, now(ctx)), out);
        keep(p, ctx);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<IntegrityCheck> out) throws Exception {
        PendingLogFile p = state.value();
        if (p == null) return;
        boolean inputEnded = ctx.timeDomain() == TimeDomain.EVENT_TIME;
        List<IntegrityCheck> rows = rules.expire(p, now(ctx), inputEnded);
        if (!rows.isEmpty()) {
            emit(rows, out);
            state.update(p);
        }
        if (p.decided && !inputEnded) ctx.timerService().deleteEventTimeTimer(END_OF_INPUT);
    }

    private PendingLogFile current() throws Exception {
        PendingLogFile p = state.value();
        return p == null ? new PendingLogFile() : p;
    }

    private void keep(PendingLogFile p, Context ctx) throws Exception {
        state.update(p);
        if (!p.decided) {
            ctx.timerService().registerProcessingTimeTimer(p.deadlineMillis);
            ctx.timerService().registerEventTimeTimer(END_OF_INPUT);
        } else {
            // Keyed by file: a timer left on every decided file would grow the state without end (timers have no
            // TTL); the file's facts themselves expire with the state's TTL.
            ctx.timerService().deleteEventTimeTimer(END_OF_INPUT);
        }
    }

    private void emit(List<IntegrityCheck> rows, Collector<IntegrityCheck> out) {
        for (IntegrityCheck c : rows) {
            metrics.integrityChecks(c.integrationId, c.kind.wireName(), c.status.wireName())
                    .inc();
            if (c.status.isGood()) {
                LOG.debug("Log file {}/{} {}: {}", c.bucket, c.key, c.status, c.reason);
            } else {
                LOG.warn(
                        "Log file {}/{} {} (integration {}): {}", c.bucket, c.key, c.status, c.integrationId, c.reason);
            }
            out.collect(c);
        }
    }

    private static long now(Context ctx) {
        return ctx.timerService().currentProcessingTime();
    }
}
