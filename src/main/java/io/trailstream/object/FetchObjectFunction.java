package io.trailstream.object;

import io.trailstream.ledger.LedgerOutcome;
import io.trailstream.ledger.ReadFailure;
import io.trailstream.object.store.ObjectStoreFactory;
import io.trailstream.routing.ObjectTask;
import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads objects, many at once, on a small thread pool per subtask; used with Flink's async I/O operator
 * so that the objects in flight are part of checkpoints (a restore downloads them again). Only compressed
 * bytes wait here; {@link ParseObjectFunction}, chained right after it, decompresses and parses each object
 * as a stream and emits its rows and its ledger row in one go, so no checkpoint falls inside an object.
 *
 * <p>No failure escapes: a missing object or a fetch that failed after the retries travels on as the
 * ledger row that says so.
 */
public class FetchObjectFunction extends RichAsyncFunction<ObjectTask, DownloadedObject> {
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
    public void asyncInvoke(ObjectTask task, ResultFuture<DownloadedObject> result) {
        executor.execute(() -> result.complete(Collections.singletonList(fetcher.download(task))));
    }

    @Override
    public void timeout(ObjectTask task, ResultFuture<DownloadedObject> result) {
        LOG.warn("Object {} took longer than {} to download; recorded as fetch_failed", task.ref, timeout);
        result.complete(Collections.singletonList(DownloadedObject.failed(
                task, LedgerOutcome.FETCH_FAILED, ReadFailure.TRANSIENT, "timed out after " + timeout)));
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
