package io.trailstream.integrity.dedupe;

import io.trailstream.metrics.TrailstreamMetrics;
import io.trailstream.record.EventLayout;
import io.trailstream.record.EventRowType;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Event-level dedupe: keyed by integration and {@code eventID} ({@link #keyOf}), it keeps the first record of a key
 * and drops any repeat within the TTL (CloudTrail may deliver a record in two files). One tiny value-state entry per
 * eventID, with a TTL, so RocksDB drops expired ones in compaction; records without an eventID are always kept.
 * Events leave on the main output, Insights on {@link #INSIGHTS}; every record's fate on {@link #ACKS}, for its
 * object's ledger row.
 */
public class EventDedupeFunction extends KeyedProcessFunction<String, RowData, RowData> {
    private static final long serialVersionUID = 1L;
    private static final StringData INSIGHT_TYPE = StringData.fromString("AwsCloudTrailInsight");
    private static final int EVENT_ID = EventLayout.EVENTS.positionOf("event_id");

    public static final OutputTag<RowData> INSIGHTS =
            new OutputTag<>("deduped-insights", InternalTypeInfo.of(EventRowType.events())) {};
    public static final OutputTag<DedupeAck> ACKS =
            new OutputTag<>("dedupe-acks", TypeInformation.of(DedupeAck.class)) {};

    private final Duration ttl;
    private transient ValueState<Boolean> seen;
    private transient TrailstreamMetrics metrics;

    public EventDedupeFunction(Duration ttl) {
        this.ttl = ttl;
    }

    /** {@code integration|eventID}; records without an eventID spread by their object (and are never dropped). */
    public static String keyOf(RowData row) {
        String integration = row.isNullAt(EventLayout.INTEGRATION_ID)
                ? ""
                : row.getString(EventLayout.INTEGRATION_ID).toString();
        if (row.isNullAt(EVENT_ID)) return integration + "|~" + objectKeyOf(row);
        return integration + "|" + row.getString(EVENT_ID);
    }

    static String objectKeyOf(RowData row) {
        return DedupeAck.objectKey(
                row.getString(EventLayout.SOURCE_BUCKET).toString(),
                row.getString(EventLayout.SOURCE_KEY).toString());
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<Boolean> d = new ValueStateDescriptor<>("seen-event", Types.BOOLEAN);
        d.enableTimeToLive(StateTtlConfig.newBuilder(ttl)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build());
        seen = getRuntimeContext().getState(d);
        metrics = new TrailstreamMetrics(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(RowData row, Context ctx, Collector<RowData> out) throws Exception {
        boolean hasId = !row.isNullAt(EVENT_ID);
        boolean repeat = hasId && seen.value() != null;
        String integration = row.isNullAt(EventLayout.INTEGRATION_ID)
                ? null
                : row.getString(EventLayout.INTEGRATION_ID).toString();
        if (repeat) {
            metrics.duplicateEvents(integration).inc();
        } else {
            if (hasId) {
                seen.update(Boolean.TRUE);
                metrics.rememberedEvents(integration).inc();
            }
            if (!row.isNullAt(EventLayout.EVENT_TYPE) && INSIGHT_TYPE.equals(row.getString(EventLayout.EVENT_TYPE))) {
                ctx.output(INSIGHTS, row);
            } else {
                out.collect(row);
            }
        }
        ctx.output(ACKS, DedupeAck.of(objectKeyOf(row), repeat));
    }
}
