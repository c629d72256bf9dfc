package io.trailstream.job;

import io.trailstream.iceberg.EventsTable;
import io.trailstream.object.ObjectOutcome;
import io.trailstream.record.EventLayout;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Sends what the fetch produced to its table: events (main output), Insights and ledger rows (side
 * outputs), and counts per integration what became of the fetched objects and their records.
 */
public class OutputSplitter extends ProcessFunction<Either<RowData, ObjectOutcome>, RowData> {
    private static final long serialVersionUID = 1L;

    private transient Map<String, Counter> counters;

    @Override
    public void open(OpenContext openContext) {
        counters = new HashMap<>();
    }

    public static final OutputTag<RowData> INSIGHTS =
            new OutputTag<>("insights", InternalTypeInfo.of(EventsTable.rowType())) {};
    public static final OutputTag<ObjectOutcome> LEDGER =
            new OutputTag<>("fetch-ledger", TypeInformation.of(ObjectOutcome.class)) {};

    @Override
    public void processElement(Either<RowData, ObjectOutcome> value, Context ctx, Collector<RowData> out) {
        if (value.isRight()) {
            ObjectOutcome o = value.right();
            String integration = o.integrationId == null ? "none" : o.integrationId;
            counter(integration, "outcome", o.outcome, "objects").inc();
            counter(integration, "records", "kept", "records").inc(o.recordCount);
            counter(integration, "records", "dropped", "records").inc(o.droppedRecords);
            counter(integration, "records", "mismatched", "records").inc(o.mismatchedRecords);
            if (o.compressedBytes > 0) counter(integration, "bytes", "compressed", "bytes").inc(o.compressedBytes);
            if (o.uncompressedBytes > 0) counter(integration, "bytes", "uncompressed", "bytes").inc(o.uncompressedBytes);
            ctx.output(LEDGER, o);
        } else if (isInsight(value.left())) {
            ctx.output(INSIGHTS, value.left());
        } else {
            out.collect(value.left());
        }
    }

    /** {@code integration.<id>.<group>.<name>.<metric>}, created on first use. */
    private Counter counter(String integration, String group, String name, String metric) {
        return counters.computeIfAbsent(integration + '/' + group + '/' + name, k -> getRuntimeContext()
                .getMetricGroup().addGroup("integration", integration).addGroup(group, name).counter(metric));
    }

    /** CloudTrail Insights records carry {@code eventType: AwsCloudTrailInsight}. */
    static boolean isInsight(RowData row) {
        return !row.isNullAt(EventLayout.EVENT_TYPE)
                && INSIGHT_TYPE.equals(row.getString(EventLayout.EVENT_TYPE).toString());
    }

    private static final String INSIGHT_TYPE = "AwsCloudTrailInsight";
}
