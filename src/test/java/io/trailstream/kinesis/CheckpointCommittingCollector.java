package io.trailstream.kinesis;

import io.trailstream.kinesis.serialization.KinesisPayload;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;

/**
 * An exactly-once test sink in the shape of a two-phase commit: records seen between two
 * checkpoints form a transaction that is pre-committed into operator state at the snapshot and
 * committed (made visible in {@link #COMMITTED}) only when that checkpoint completes, or when a
 * restore finds it in state. Commits are idempotent by transaction id, so what {@link #committed()}
 * shows is exactly what the checkpointed job consumed: a duplicate or a gap there is the source's.
 *
 * <p>It can also throw once, after a commit happened, to make the job restore from a checkpoint.
 * State is static (one MiniCluster in this JVM); {@link #reset} clears it between tests.
 */
class CheckpointCommittingCollector extends RichMapFunction<KinesisPayload, KinesisPayload>
        implements CheckpointedFunction, CheckpointListener {

    /** One record as the job saw it; {@code order} is a JVM-wide emission counter. */
    record Seen(String shardId, String sequenceNumber, String payload, long order) {}

    static final Map<String, List<Seen>> COMMITTED = new ConcurrentHashMap<>();
    private static final AtomicLong ORDER = new AtomicLong();
    private static final AtomicBoolean FAILED = new AtomicBoolean();
    private static volatile int failAfterRecords = -1;

    private transient List<Seen> current;
    private transient TreeMap<Long, Txn> pending;
    private transient ListState<String> state;
    private transient int seenByThisAttempt;

    static void reset(int failAfter) {
        COMMITTED.clear();
        FAILED.set(false);
        failAfterRecords = failAfter;
    }

    static boolean failed() {
        return FAILED.get();
    }

    static List<Seen> committed() {
        List<Seen> all = new ArrayList<>();
        COMMITTED.values().forEach(all::addAll);
        all.sort((a, b) -> Long.compare(a.order(), b.order()));
        return all;
    }

    static int committedCount() {
        return COMMITTED.values().stream().mapToInt(List::size).sum();
    }

    @Override
    public KinesisPayload map(KinesisPayload payload) {
        current.add(new Seen(
                payload.getShardId(),
                payload.getSequenceNumber(),
                new String(payload.getData(), StandardCharsets.UTF_8),
                ORDER.incrementAndGet()));
        seenByThisAttempt++;
        if (failAfterRecords >= 0
                && seenByThisAttempt >= failAfterRecords
                && !FAILED.get()
                && committedCount() > 0
                && FAILED.compareAndSet(false, true)) {
            throw new RuntimeException("Injected failure after " + seenByThisAttempt + " records");
        }
        return payload;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        long checkpointId = context.getCheckpointId();
        String txnId = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() + "-" + checkpointId;
        pending.put(checkpointId, new Txn(txnId, current));
        current = new ArrayList<>();
        List<String> encoded = new ArrayList<>();
        pending.values().forEach(txn -> encoded.addAll(txn.encode()));
        state.update(encoded);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        Map<Long, Txn> done = pending.headMap(checkpointId, true);
        done.values().forEach(Txn::commit);
        done.clear();
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        state = context.getOperatorStateStore()
                .getListState(new ListStateDescriptor<>("pending-transactions", String.class));
        current = new ArrayList<>();
        pending = new TreeMap<>();
        if (context.isRestored()) {
            // Everything in restored state was pre-committed by a checkpoint that completed.
            Map<String, List<Seen>> restored = new TreeMap<>();
            for (String line : state.get()) {
                String[] f = line.split("\t", 5);
                restored.computeIfAbsent(f[0], k -> new ArrayList<>())
                        .add(new Seen(f[1], f[2], f[4], Long.parseLong(f[3])));
            }
            restored.forEach(COMMITTED::putIfAbsent);
            state.clear();
        }
    }

    private static final class Txn {
        final String id;
        final List<Seen> records;

        Txn(String id, List<Seen> records) {
            this.id = id;
            this.records = records;
        }

        List<String> encode() {
            List<String> lines = new ArrayList<>(records.size());
            for (Seen s : records) {
                lines.add(id + '\t' + s.shardId() + '\t' + s.sequenceNumber() + '\t' + s.order() + '\t' + s.payload());
            }
            return lines;
        }

        void commit() {
            COMMITTED.putIfAbsent(id, List.copyOf(records));
        }
    }
}
