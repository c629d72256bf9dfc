package io.trailstream.object;

import io.trailstream.ledger.LedgerRow;
import io.trailstream.record.CloudTrailRecordParser;
import io.trailstream.record.EventLayout;
import io.trailstream.record.EventRowType;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Turns a downloaded object into rows as it parses it: decompresses the stored bytes as a stream, emits each
 * kept record at once (events on the main output, Insights on {@link #INSIGHTS}), then the object's ledger
 * row ({@link LedgerRow#OUTPUT}). A whole file is never held in memory uncompressed, nor as rows. Chained behind the
 * download, so an object's rows and its ledger row are emitted in one step, never split by a checkpoint.
 * Counts per integration what became of the objects and their records.
 */
public class ParseObjectFunction extends ProcessFunction<DownloadedObject, RowData> {
    private static final long serialVersionUID = 1L;
    private static final StringData INSIGHT_TYPE = StringData.fromString("AwsCloudTrailInsight");

    public static final OutputTag<RowData> INSIGHTS =
            new OutputTag<>("insights", InternalTypeInfo.of(EventRowType.events())) {};

    private transient CloudTrailRecordParser parser;
    private transient Map<String, Counter> counters;

    @Override
    public void open(OpenContext openContext) {
        parser = new CloudTrailRecordParser();
        counters = new HashMap<>();
    }

    @Override
    public void processElement(DownloadedObject object, Context ctx, Collector<RowData> out) {
        LedgerRow o = ObjectFetcher.parse(object, parser, row -> {
            if (isInsight(row)) {
                ctx.output(INSIGHTS, row);
            } else {
                out.collect(row);
            }
        });
        String integration = o.integrationId == null ? "none" : o.integrationId;
        counter(integration, "outcome", o.outcome.ledgerName(), "objects").inc();
        counter(integration, "records", "kept", "records").inc(o.recordCount);
        counter(integration, "records", "dropped", "records").inc(o.droppedRecords);
        counter(integration, "records", "mismatched", "records").inc(o.mismatchedRecords);
        if (o.compressedBytes > 0)
            counter(integration, "bytes", "compressed", "bytes").inc(o.compressedBytes);
        if (o.uncompressedBytes > 0)
            counter(integration, "bytes", "uncompressed", "bytes").inc(o.uncompressedBytes);
        ctx.output(LedgerRow.OUTPUT, o);
    }

    /** CloudTrail Insights records carry {@code eventType: AwsCloudTrailInsight}. */
    static boolean isInsight(RowData row) {
        // Compared as UTF-8 bytes: no String per record.
        return !row.isNullAt(EventLayout.EVENT_TYPE) && INSIGHT_TYPE.equals(row.getString(EventLayout.EVENT_TYPE));
    }

    /** {@code integration.<id>.<group>.<name>.<metric>}, created on first use. */
    private Counter counter(String integration, String group, String name, String metric) {
        return counters.computeIfAbsent(
                integration + '/' + group + '/' + name,
                k -> getRuntimeContext()
                        .getMetricGroup()
                        .addGroup("integration", integration)
                        .addGroup(group, name)
                        .counter(metric));
    }
}
