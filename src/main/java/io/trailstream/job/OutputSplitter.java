package io.trailstream.job;

import io.trailstream.iceberg.EventsTable;
import io.trailstream.object.ObjectOutcome;
import io.trailstream.record.EventLayout;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Sends what the fetch produced to its table: events (main output), Insights and ledger rows (side outputs). */
public class OutputSplitter extends ProcessFunction<Either<RowData, ObjectOutcome>, RowData> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<RowData> INSIGHTS =
            new OutputTag<>("insights", InternalTypeInfo.of(EventsTable.rowType())) {};
    public static final OutputTag<ObjectOutcome> LEDGER =
            new OutputTag<>("fetch-ledger", TypeInformation.of(ObjectOutcome.class)) {};

    @Override
    public void processElement(Either<RowData, ObjectOutcome> value, Context ctx, Collector<RowData> out) {
        if (value.isRight()) {
            ctx.output(LEDGER, value.right());
        } else if (isInsight(value.left())) {
            ctx.output(INSIGHTS, value.left());
        } else {
            out.collect(value.left());
        }
    }

    /** CloudTrail Insights records carry {@code eventType: AwsCloudTrailInsight}. */
    static boolean isInsight(RowData row) {
        return !row.isNullAt(EventLayout.EVENT_TYPE)
                && INSIGHT_TYPE.equals(row.getString(EventLayout.EVENT_TYPE).toString());
    }

    private static final String INSIGHT_TYPE = "AwsCloudTrailInsight";
}
