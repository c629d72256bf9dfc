package io.trailstream.object;

import io.trailstream.control.Integration;
import io.trailstream.control.IntegrationStatus;
import io.trailstream.notification.ObjectRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, per notified object and before any download, whether it is fetched: classifies the key,
 * drops repeated notifications of the same object version, and attributes the object to an integration.
 *
 * <p>Keyed by {@link #keyOf(ObjectRef)}, so the dedupe state of one object lives in one place. Objects it
 * does not fetch leave through {@link #LEDGER} with their outcome; fetched ones continue as
 * {@link ObjectTask}s and get their ledger row after the fetch.
 */
public class ObjectRouterFunction extends KeyedProcessFunction<String, ObjectRef, ObjectTask> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ObjectRouterFunction.class);

    /** Ledger rows of objects decided here. */
    public static final OutputTag<ObjectOutcome> LEDGER = new OutputTag<>("router-ledger",
            org.apache.flink.api.common.typeinfo.TypeInformation.of(ObjectOutcome.class)) {};

    private final List<Integration> integrations;
    private final Duration dedupeTtl;

    private final KeyClassifier classifier = new KeyClassifier();
    private transient MapState<String, Long> seenVersions;
    private transient Map<LedgerOutcome, Counter> outcomeCounters;

    public ObjectRouterFunction(List<Integration> integrations, Duration dedupeTtl) {
        this.integrations = new ArrayList<>(integrations);
        this.dedupeTtl = dedupeTtl;
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
        outcomeCounters = new EnumMap<>(LedgerOutcome.class);
        for (LedgerOutcome o : LedgerOutcome.values()) {
            outcomeCounters.put(o, getRuntimeContext().getMetricGroup()
                    .addGroup("outcome", o.ledgerName()).counter("routedObjects"));
        }
    }

    @Override
    public void processElement(ObjectRef ref, Context ctx, Collector<ObjectTask> out) throws Exception {
        TrailKey key = classifier.classify(ref.key);
        String version = ref.versionToken();
        Integration owner = claimant(ref);
        String integrationId = owner == null ? null : owner.integrationId;
        if (notifiedBefore(version)) {
            ledger(ctx, ObjectOutcome.of(ref, key, integrationId, LedgerOutcome.DUPLICATE,
                    "notified again" + (version.isEmpty() ? "" : " (" + version + ")")));
            return;
        }
        if (owner == null) {
            ledger(ctx, ObjectOutcome.of(ref, key, null, LedgerOutcome.UNROUTED,
                    "no integration claims bucket " + ref.bucket + " and this key"));
            return;
        }
        if (owner.status != IntegrationStatus.ACTIVE) {
            LedgerOutcome skipped = LedgerOutcome.valueOf("SKIPPED_" + owner.status.name());
            ledger(ctx, ObjectOutcome.of(ref, key, integrationId, skipped,
                    "integration " + integrationId + " is " + owner.status.wireName()));
            return;
        }
        if (key.accountId != null && !owner.allowsAccount(key.accountId)) {
            ledger(ctx, ObjectOutcome.of(ref, key, integrationId, LedgerOutcome.SKIPPED_ACCOUNT,
                    "account " + key.accountId + " is not in the include-list of " + integrationId));
            return;
        }
        seenVersions.put(version, ctx.timerService().currentProcessingTime());
        if (!key.kind.isFetched()) {
            ledger(ctx, ObjectOutcome.of(ref, key, integrationId, LedgerOutcome.RECORDED,
                    key.kind.ledgerName() + " file, not parsed"));
            return;
        }
        outcomeCounters.get(LedgerOutcome.INGESTED).inc();
        out.collect(new ObjectTask(ref, key, integrationId, owner.includedAccounts));
    }

    /**
     * Whether this version of the object was taken before. A notification that does not say which version it
     * announces (CloudTrail's SNS notice names keys only) is a repeat of any earlier notification of the key, and
     * any later one is a repeat of it: it took the object as it was, and CloudTrail never rewrites a file. Without
     * this, a file announced both by an S3 event and by CloudTrail's notice would be ingested twice.
     */
    private boolean notifiedBefore(String version) throws Exception {
        if (version.isEmpty()) return !seenVersions.isEmpty();
        return seenVersions.contains(version) || seenVersions.contains("");
    }

    private Integration claimant(ObjectRef ref) {
        Integration best = null;
        for (Integration i : integrations) {
            if (i.claims(ref.bucket, ref.key) && (best == null || i.prefixLength() > best.prefixLength())) {
                best = i;
            }
        }
        return best;
    }

    private void ledger(Context ctx, ObjectOutcome outcome) {
        outcomeCounters.get(LedgerOutcome.valueOf(outcome.outcome.toUpperCase(java.util.Locale.ROOT))).inc();
        LOG.info("Object {}://{}/{} {}: {} (integration {})", outcome.scheme, outcome.bucket, outcome.key,
                outcome.outcome, outcome.reason, outcome.integrationId);
        ctx.output(LEDGER, outcome);
    }
}
