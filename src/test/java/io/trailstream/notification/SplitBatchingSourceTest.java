package io.trailstream.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.PendingSplitsCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local bucket's splits go to readers in batches, one assignment per request, every file exactly once, "no
 * more splits" said once per reader; while watching, files found later reach a waiting reader.
 */
class SplitBatchingSourceTest {
    private static final int BATCH = LocalBucketSource.SPLITS_PER_REQUEST;

    @TempDir
    Path bucket;

    @Test
    void aRequestGetsABatchInOneAssignmentAndNoMoreSplitsIsSaidOnce() throws Exception {
        int files = 2 * BATCH + 6;
        write(0, files);
        CountingContext context = new CountingContext(2);
        try (SplitEnumerator<FileSourceSplit, PendingSplitsCheckpoint<FileSourceSplit>> enumerator =
                enumerator(null, context)) {
            enumerator.start();
            enumerator.handleSplitRequest(0, "localhost");
            enumerator.handleSplitRequest(1, "localhost");
            assertThat(sizes(context)).containsExactly(BATCH, BATCH);
            enumerator.handleSplitRequest(0, "localhost");
            assertThat(sizes(context)).containsExactly(BATCH, BATCH, 6);
            assertThat(context.noMoreSplitsSignals).containsExactly(0);
            for (int finished = 0; finished < 20; finished++) { // a reader asks again per finished split
                enumerator.handleSplitRequest(0, "localhost");
            }
            enumerator.handleSplitRequest(1, "localhost");
            assertThat(sizes(context)).as("nothing assigned after the end").hasSize(3);
            assertThat(context.noMoreSplitsSignals).as("said once per reader").containsExactly(0, 1);
            assertThat(paths(context)).as("every file once").hasSize(files);
            assertThat(context.getSplitsAssignmentSequence().get(0).assignment())
                    .containsOnlyKeys(0);
        }
    }

    @Test
    void aReaderThatRegistersAgainGetsItsSplitsBack() throws Exception {
        write(0, BATCH + 3);
        CountingContext context = new CountingContext(2);
        try (SplitEnumerator<FileSourceSplit, PendingSplitsCheckpoint<FileSourceSplit>> enumerator =
                enumerator(null, context)) {
            enumerator.start();
            enumerator.handleSplitRequest(1, "localhost");
            enumerator.handleSplitRequest(1, "localhost");
            assertThat(context.noMoreSplitsSignals).containsExactly(1);
            List<FileSourceSplit> lost = new ArrayList<>();
            context.getSplitsAssignmentSequence()
                    .forEach(a -> lost.addAll(a.assignment().get(1)));
            enumerator.addSplitsBack(lost, 1); // reader 1 failed before a checkpoint
            enumerator.addReader(1);
            enumerator.handleSplitRequest(1, "localhost");
            enumerator.handleSplitRequest(1, "localhost");
            assertThat(sizes(context)).containsExactly(BATCH, 3, BATCH, 3);
            assertThat(context.noMoreSplitsSignals).containsExactly(1, 1);
        }
    }

    @Test
    void whileWatchingAWaitingReaderGetsTheFilesFoundLater() throws Throwable {
        CountingContext context = new CountingContext(1);
        try (SplitEnumerator<FileSourceSplit, PendingSplitsCheckpoint<FileSourceSplit>> enumerator =
                enumerator(Duration.ofSeconds(1), context)) {
            enumerator.start();
            enumerator.handleSplitRequest(0, "localhost"); // nothing there yet: the reader waits
            assertThat(context.getSplitsAssignmentSequence()).isEmpty();
            write(0, BATCH + 10);
            context.runPeriodicCallable(0); // the enumerator lists the folder
            assertThat(sizes(context)).as("one file to the waiting reader").containsExactly(1);
            enumerator.handleSplitRequest(0, "localhost");
            enumerator.handleSplitRequest(0, "localhost");
            assertThat(sizes(context)).containsExactly(1, BATCH, 9);
            enumerator.handleSplitRequest(0, "localhost");
            assertThat(sizes(context)).hasSize(3);
            assertThat(context.noMoreSplitsSignals)
                    .as("a watched folder never ends")
                    .isEmpty();
            assertThat(paths(context)).hasSize(BATCH + 10);
        }
    }

    private SplitEnumerator<FileSourceSplit, PendingSplitsCheckpoint<FileSourceSplit>> enumerator(
            Duration watch, CountingContext context) throws Exception {
        @SuppressWarnings("unchecked")
        SplitBatchingSource<ObjectRef> source =
                (SplitBatchingSource<ObjectRef>) LocalBucketSource.create(bucket, watch);
        for (int i = 0; i < context.currentParallelism(); i++) context.registerReader(new ReaderInfo(i, "localhost"));
        return source.createEnumerator(context);
    }

    private void write(int from, int to) throws Exception {
        Path folder = Files.createDirectories(bucket.resolve("AWSLogs/111122223333/CloudTrail/us-east-1/2026/12/01"));
        for (int i = from; i < to; i++) Files.writeString(folder.resolve("f" + i + ".json.gz"), "x");
        Files.writeString(folder.resolve("f0.json.gz" + LocalBucketSource.METADATA_SIDECAR_SUFFIX), "{}");
    }

    private static List<Integer> sizes(CountingContext context) {
        List<Integer> sizes = new ArrayList<>();
        for (SplitsAssignment<FileSourceSplit> a : context.getSplitsAssignmentSequence()) {
            a.assignment().values().forEach(splits -> sizes.add(splits.size()));
        }
        return sizes;
    }

    private static Set<String> paths(CountingContext context) {
        Set<String> paths = new HashSet<>();
        int total = 0;
        for (SplitsAssignment<FileSourceSplit> a : context.getSplitsAssignmentSequence()) {
            for (List<FileSourceSplit> splits : a.assignment().values()) {
                for (FileSourceSplit s : splits) {
                    paths.add(s.path().toString());
                    total++;
                }
            }
        }
        assertThat(total).as("no file twice").isEqualTo(paths.size());
        return paths;
    }

    /** Flink's mock coordinator context, counting each "no more splits" it is told. */
    private static final class CountingContext extends MockSplitEnumeratorContext<FileSourceSplit> {
        final List<Integer> noMoreSplitsSignals = new ArrayList<>();

        CountingContext(int parallelism) {
            super(parallelism);
        }

        @Override
        public void signalNoMoreSplits(int subtask) {
            noMoreSplitsSignals.add(subtask);
            super.signalNoMoreSplits(subtask);
        }
    }
}
