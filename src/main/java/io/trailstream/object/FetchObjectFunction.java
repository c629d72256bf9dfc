package io.trailstream.object;

import io.trailstream.ledger.LedgerOutcome;
import io.trailstream.ledger.ReadFailure;
import io.trailstream.object.store.ObjectStoreFactory;
import io.trailstream.routing.ObjectTask;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;
import org.apache.flink.streaming.api.operators.StreamingRuntimeContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads objects, many at once, on a small thread pool per subtask; used with Flink's async I/O operator
 * so that the objects in flight are part of checkpoints (a restore downloads them again). Only compressed
 * bytes wait here, within the subtask's {@link FetchBuffers}: a download first waits until its object fits (in
 * memory, or spooled to local disk when large), and {@link ParseObjectFunction}, chained right after it, gives the
 * room back once it has parsed the object. The parse decompresses and parses each object as a stream and emits
 * its rows and its ledger row in one go, so no checkpoint falls inside an object, and no row comes from an object
 * that was not read whole.
 *
 * <p>No failure escapes: a missing object or a fetch that failed after the retries travels on as the
 * ledger row that says so. A fetch that times out is recorded {@code fetch_failed}; its download stops and gives
 * back what it held.
 */
public class FetchObjectFunction extends RichAsyncFunction<ObjectTask, DownloadedObject> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(FetchObjectFunction.class);

    private final ObjectStoreFactory stores;
    private final int threads;
    private final Duration timeout;
    private final FetchLimits limits;

    private transient ExecutorService executor;
    private transient FetchBuffers buffers;
    private transient ObjectFetcher fetcher;
    /** Downloads not handed on yet, by the result they complete: a timeout settles them instead. */
    private transient Map<ResultFuture<DownloadedObject>, AtomicBoolean> inFlight;

    public FetchObjectFunction(ObjectStoreFactory stores, int threads, Duration timeout, FetchLimits limits) {
        this.stores = stores;
        this.threads = threads;
        this.timeout = timeout;
        this.limits = limits;
    }

    @Override
    public void open(OpenContext openContext) {
        int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        executor = Executors.newFixedThreadPool(threads, namedDaemons("trailstream-fetch-" + subtask));
        buffers = new FetchBuffers(
                limits,
                limits.spoolDirectory() != null
                        ? Path.of(limits.spoolDirectory())
                        : temporaryFolder(getRuntimeContext()));
        fetcher = new ObjectFetcher(stores, buffers);
        inFlight = new ConcurrentHashMap<>();
    }

    @Override
    public void asyncInvoke(ObjectTask task, ResultFuture<DownloadedObject> result) {
        AtomicBoolean settled = new AtomicBoolean();
        inFlight.put(result, settled);
        executor.execute(() -> {
            DownloadedObject downloaded = fetcher.download(task, settled::get);
            if (settled.compareAndSet(false, true)) {
                inFlight.remove(result);
                result.complete(Collections.singletonList(downloaded));
            } else {
                FetchBuffers.release(downloaded); // timed out meanwhile: nobody parses it
            }
        });
    }

    @Override
    public void timeout(ObjectTask task, ResultFuture<DownloadedObject> result) {
        AtomicBoolean settled = inFlight.remove(result);
        // Not in flight any more: its download was handed on just now. In flight: whichever settles first wins.
        if (settled == null || !settled.compareAndSet(false, true)) return;
        LOG.warn("Object {} took longer than {} to download; recorded as fetch_failed", task.ref, timeout);
        result.complete(Collections.singletonList(DownloadedObject.failed(
                task, LedgerOutcome.FETCH_FAILED, ReadFailure.TRANSIENT, "timed out after " + timeout)));
    }

    /** This subtask's buffers, once open. */
    FetchBuffers buffers() {
        return buffers;
    }

    @Override
    public void close() throws Exception {
        if (executor != null) {
            executor.shutdownNow();
            executor.awaitTermination(10, TimeUnit.SECONDS);
        }
        if (fetcher != null) fetcher.close();
        if (buffers != null) buffers.close();
    }

    /** The TaskManager's first temporary folder (io.tmp.dirs), or the JVM's outside a TaskManager. */
    private static Path temporaryFolder(RuntimeContext context) {
        if (context instanceof StreamingRuntimeContext) {
            String[] dirs = ((StreamingRuntimeContext) context)
                    .getTaskManagerRuntimeInfo()
                    .getTmpDirectories();
            if (dirs != null && dirs.length > 0) return Path.of(dirs[0]);
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
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
