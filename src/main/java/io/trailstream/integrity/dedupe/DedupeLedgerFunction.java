package io.trailstream.integrity.dedupe;

import io.trailstream.ledger.LedgerRow;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Holds each parsed object's ledger row (keyed by {@code bucket/key}) until event dedupe acked every record it kept,
 * then writes it with {@code duplicate_events} and {@code record_count} (records written) corrected. Acks may come
 * before the row. Rows that kept no record pass at once. Exact across restarts: row and counts are keyed state, and
 * each record's ack is emitted once by the dedupe operator (exactly once between operators).
 */
public class DedupeLedgerFunction extends KeyedCoProcessFunction<String, LedgerRow, DedupeAck, LedgerRow> {
    private static final long serialVersionUID = 1L;

    private transient ValueState<PendingLedgerRow> pending;

    /** The key of a ledger row, matching its records' acks. */
    public static String keyOf(LedgerRow row) {
        return DedupeAck.objectKey(row.bucket, row.key);
    }

    @Override
    public void open(OpenContext openContext) {
        pending = getRuntimeContext()
                .getState(new ValueStateDescriptor<>("pending-ledger-row", TypeInformation.of(PendingLedgerRow.class)));
    }

    @Override
    public void processElement1(LedgerRow row, Context ctx, Collector<LedgerRow> out) throws Exception {
        if (row.recordCount == 0) {
            out.collect(row);
            return;
        }
        PendingLedgerRow p = current();
        p.row = row;
        finishOrKeep(p, out);
    }

    @Override
    public void processElement2(DedupeAck ack, Context ctx, Collector<LedgerRow> out) throws Exception {
        PendingLedgerRow p = current();
        p.acks++;
        if (ack.dropped) p.dropped++;
        finishOrKeep(p, out);
    }

    private void finishOrKeep(PendingLedgerRow p, Collector<LedgerRow> out) throws Exception {
        if (p.row == null || p.acks < p.row.recordCount) {
            pending.update(p);
            return;
        }
        // The ledger row of a later read of the same object (a replay) starts from zero acks.
        long acks = p.row.recordCount;
        p.row.duplicateEvents = p.dropped;
        p.row.recordCount -= p.dropped;
        out.collect(p.row);
        PendingLedgerRow rest = new PendingLedgerRow();
        rest.acks = p.acks - acks;
        if (rest.acks > 0) {
            pending.update(rest);
        } else {
            pending.clear();
        }
    }

    private PendingLedgerRow current() throws Exception {
        PendingLedgerRow p = pending.value();
        return p == null ? new PendingLedgerRow() : p;
    }
}
