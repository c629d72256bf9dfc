package io.trailstream.object;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;
import org.apache.flink.table.data.RowData;
import org.apache.flink.types.Either;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches, decompresses and parses objects, many at once, on a small thread pool per subtask; used with
 * Flink's async I/O operator so that the objects in flight are part of checkpoints (a restore fetches
 * them again; nothing is emitted twice, because an object's rows and its ledger row are emitted together).
 *
 * <p>Each object yields its record rows ({@code Left}) and exactly one ledger row ({@code Right}). No
 * failure escapes: a missing object, a corrupt file or a throttled fetch becomes the ledger row's outcome.
 * Metrics are counted downstream, on the task thread ({@code job.OutputSplitter}).
 */
public class FetchObjectFunction extends RichAsyncFunction<ObjectTask, Either<RowData, ObjectOutcome>> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(FetchObjectFunction.class);

    private final ObjectStoreFactory stores;
    private final int threads;
    private final Duration timeout;

    private transient ExecutorService executor;
    private transient ObjectFetcher fetcher;

    public FetchObjectFunction(ObjectStoreFactory stores, int threads, Duration timeout) {
        this.stores = stores;
        this.threads = threads;
        this.timeout = timeout;
    }

    @Override
    public void open(OpenContext openContext) {
        int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        executor = Executors.newFixedThreadPool(threads, namedDaemons("trailstream-fetch-" + subtask));
        fetcher = new ObjectFetcher(stores);
    }

    @Override
    public void asyncInvoke(ObjectTask task, ResultFuture<Either<RowData, ObjectOutcome>> result) {
        executor.execute(() -> {
            List<Either<RowData, ObjectOutcome>> out = new ArrayList<>();
            ObjectOutcome outcome = fetcher.fetch(task, row -> out.add(Either.Left(row)));
            out.add(Either.Right(outcome));
            result.complete(out);
        });
    }

    @Override
    public void timeout(ObjectTask task, ResultFuture<Either<RowData, ObjectOutcome>> result) {
        LOG.warn("Object {} took longer than {} to fetch and parse; recorded as fetch_failed", task.ref, timeout);
        result.complete(Collections.singletonList(Either.Right(ObjectOutcome.of(task.ref, task.trailKey,
                task.integrationId, LedgerOutcome.FETCH_FAILED, "timed out after " + timeout).noteReplay(task.ref))));
    }

    @Override
    public void close() throws Exception {
        if (executor != null) {
            executor.shutdownNow();
            executor.awaitTermination(10, TimeUnit.SECONDS);
        }
        if (fetcher != null) fetcher.close();
    }

    private static ThreadFactory namedDaemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
