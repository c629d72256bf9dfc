package io.trailstream.notification;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.PendingSplitsCheckpoint;
import org.apache.flink.metrics.groups.SplitEnumeratorMetricGroup;

/**
 * Answers a reader's split request with up to {@code batch} of the file enumerator's splits, sent as one
 * assignment: it asks the file enumerator again while each ask assigns a split, gathering what it assigns
 * ({@link BatchingContext}). Once the file enumerator has said "no more splits" to a reader, that reader's later
 * requests (one per finished split) are not passed on, so the signal is sent once, not once per file. A reader
 * that registers again (after a failover) starts afresh. Every other call is the file enumerator's.
 */
final class SplitBatchingEnumerator
        implements SplitEnumerator<FileSourceSplit, PendingSplitsCheckpoint<FileSourceSplit>> {
    private final SplitEnumerator<FileSourceSplit, PendingSplitsCheckpoint<FileSourceSplit>> files;
    private final BatchingContext context;
    private final int batch;

    SplitBatchingEnumerator(
            SplitEnumerator<FileSourceSplit, PendingSplitsCheckpoint<FileSourceSplit>> files,
            BatchingContext context,
            int batch) {
        this.files = files;
        this.context = context;
        this.batch = batch;
    }

    @Override
    public void start() {
        files.start();
    }

    @Override
    public void handleSplitRequest(int subtask, String hostname) {
        if (context.saidNoMoreSplits(subtask)) return;
        List<FileSourceSplit> gathered = context.gather(subtask);
        try {
            for (int i = 0; i < batch; i++) {
                int before = gathered.size();
                files.handleSplitRequest(subtask, hostname);
                if (gathered.size() == before) break; // nothing more now: "no more" said, or waiting for new files
            }
        } finally {
            context.release(subtask);
        }
    }

    @Override
    public void addSplitsBack(List<FileSourceSplit> splits, int subtask) {
        files.addSplitsBack(splits, subtask);
    }

    @Override
    public void addReader(int subtask) {
        context.forget(subtask);
        files.addReader(subtask);
    }

    @Override
    public PendingSplitsCheckpoint<FileSourceSplit> snapshotState(long checkpointId) throws Exception {
        return files.snapshotState(checkpointId);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        files.notifyCheckpointComplete(checkpointId);
    }

    @Override
    public void handleSourceEvent(int subtask, SourceEvent event) {
        files.handleSourceEvent(subtask, event);
    }

    @Override
    public void close() throws java.io.IOException {
        files.close();
    }

    /**
     * The coordinator's context as the file enumerator sees it: while a request is being answered, the splits it
     * assigns to that reader are gathered and sent as one assignment (with "no more splits" after them, if it
     * said so); any other assignment (new files found while watching) goes through at once.
     */
    static final class BatchingContext implements SplitEnumeratorContext<FileSourceSplit> {
        private final SplitEnumeratorContext<FileSourceSplit> coordinator;
        private final Set<Integer> saidNoMore = new HashSet<>();
        private int gatheringFor = -1;
        private List<FileSourceSplit> gathered;
        private boolean noMoreAfterGathered;

        BatchingContext(SplitEnumeratorContext<FileSourceSplit> coordinator) {
            this.coordinator = coordinator;
        }

        List<FileSourceSplit> gather(int subtask) {
            gatheringFor = subtask;
            gathered = new ArrayList<>();
            noMoreAfterGathered = false;
            return gathered;
        }

        void release(int subtask) {
            List<FileSourceSplit> splits = gathered;
            boolean noMore = noMoreAfterGathered;
            gatheringFor = -1;
            gathered = null;
            if (!splits.isEmpty()) coordinator.assignSplits(new SplitsAssignment<>(Map.of(subtask, splits)));
            if (noMore) {
                saidNoMore.add(subtask);
                coordinator.signalNoMoreSplits(subtask);
            }
        }

        boolean saidNoMoreSplits(int subtask) {
            return saidNoMore.contains(subtask);
        }

        void forget(int subtask) {
            saidNoMore.remove(subtask);
        }

        @Override
        public void assignSplits(SplitsAssignment<FileSourceSplit> assignment) {
            if (gatheringFor < 0) {
                coordinator.assignSplits(assignment);
                return;
            }
            Map<Integer, List<FileSourceSplit>> others = new java.util.HashMap<>();
            assignment.assignment().forEach((subtask, splits) -> {
                if (subtask == gatheringFor) {
                    gathered.addAll(splits);
                } else {
                    others.put(subtask, splits);
                }
            });
            if (!others.isEmpty()) coordinator.assignSplits(new SplitsAssignment<>(others));
        }

        @Override
        public void signalNoMoreSplits(int subtask) {
            if (subtask == gatheringFor) {
                noMoreAfterGathered = true;
            } else {
                saidNoMore.add(subtask);
                coordinator.signalNoMoreSplits(subtask);
            }
        }

        @Override
        public SplitEnumeratorMetricGroup metricGroup() {
            return coordinator.metricGroup();
        }

        @Override
        public void sendEventToSourceReader(int subtask, SourceEvent event) {
            coordinator.sendEventToSourceReader(subtask, event);
        }

        @Override
        public void sendEventToSourceReader(int subtask, int attempt, SourceEvent event) {
            coordinator.sendEventToSourceReader(subtask, attempt, event);
        }

        @Override
        public int currentParallelism() {
            return coordinator.currentParallelism();
        }

        @Override
        public Map<Integer, ReaderInfo> registeredReaders() {
            return coordinator.registeredReaders();
        }

        @Override
        public Map<Integer, Map<Integer, ReaderInfo>> registeredReadersOfAttempts() {
            return coordinator.registeredReadersOfAttempts();
        }

        @Override
        public <T> void callAsync(Callable<T> callable, BiConsumer<T, Throwable> handler) {
            coordinator.callAsync(callable, handler);
        }

        @Override
        public <T> void callAsync(
                Callable<T> callable, BiConsumer<T, Throwable> handler, long initialDelay, long period) {
            coordinator.callAsync(callable, handler, initialDelay, period);
        }

        @Override
        public void runInCoordinatorThread(Runnable runnable) {
            coordinator.runInCoordinatorThread(runnable);
        }

        @Override
        public void setIsProcessingBacklog(boolean isProcessingBacklog) {
            coordinator.setIsProcessingBacklog(isProcessingBacklog);
        }
    }
}
