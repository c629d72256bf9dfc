package io.trailstream.job;

import io.trailstream.integrity.IntegrityOptions;
import io.trailstream.integrity.dedupe.DedupeLedgerFunction;
import io.trailstream.integrity.dedupe.EventDedupeFunction;
import io.trailstream.ledger.LedgerRow;
import io.trailstream.record.EventRowType;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;

/**
 * With {@code dedupe.events}: every parsed record is keyed by integration and eventID and a repeat is dropped; each
 * parsed object's ledger row waits, keyed by the object, for its records' acks and then counts the drops. The cost
 * is a keyBy of every record and one small ack per record (see docs/integrity.md for figures); off by default.
 *
 * <pre>
 * events ∪ insights ─► keyBy(integration|eventID) dedupe ─► events │ insights
 *                                                  └─ acks ─► keyBy(object) ◄─ parsed ledger rows ─► ledger rows
 * </pre>
 */
final class EventDedupeTopology {
    private EventDedupeTopology() {}

    /** The streams that go on to the tables once repeats are dropped. */
    record Deduped(DataStream<RowData> events, DataStream<RowData> insights, DataStream<LedgerRow> ledger) {}

    static Deduped attach(
            Configuration conf,
            DataStream<RowData> events,
            DataStream<RowData> insights,
            DataStream<LedgerRow> ledger) {
        SingleOutputStreamOperator<RowData> deduped = events.union(insights)
                .keyBy(EventDedupeFunction::keyOf, Types.STRING)
                .process(new EventDedupeFunction(TrailstreamOptions.positive(conf, IntegrityOptions.EVENT_DEDUPE_TTL)))
                .returns(InternalTypeInfo.of(EventRowType.events()))
                .uid("dedupe-events")
                .name("drop repeated eventIDs");
        SingleOutputStreamOperator<LedgerRow> counted = ledger.keyBy(DedupeLedgerFunction::keyOf, Types.STRING)
                .connect(deduped.getSideOutput(EventDedupeFunction.ACKS).keyBy(a -> a.objectKey, Types.STRING))
                .process(new DedupeLedgerFunction())
                .returns(TypeInformation.of(LedgerRow.class))
                .uid("dedupe-ledger-rows")
                .name("count repeated eventIDs per object");
        return new Deduped(deduped, deduped.getSideOutput(EventDedupeFunction.INSIGHTS), counted);
    }
}
