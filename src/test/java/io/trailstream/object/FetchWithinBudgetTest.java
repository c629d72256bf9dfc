package io.trailstream.object;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.ledger.LedgerRow;
import io.trailstream.notification.ObjectRef;
import io.trailstream.object.store.ObjectStoreFactory;
import io.trailstream.routing.ObjectTask;
import io.trailstream.testing.HostileTrail;
import io.trailstream.trail.KeyClassifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.api.common.functions.DefaultOpenContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.async.CollectionSupplier;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.util.MockStreamingRuntimeContext;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.table.data.RowData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hostile folder through the real download and parse steps, driven as Flink's unordered async operator drives
 * them (a bounded number of objects in flight, each parsed on one thread as its download completes), with limits
 * small enough that they bind: in every order of arrival every object ends with the ledger row it must have, every
 * record that may land lands once, the objects held in memory at any time fit the memory budget, and when all is
 * parsed nothing is held and no spool file is left.
 */
class FetchWithinBudgetTest {
    private static final long THRESHOLD = 16 * 1024;
    private static final int IN_FLIGHT = 8;
    /** Half what the objects held in memory take together, so that the budget binds (see below). */
    private static long memory;

    private static FetchLimits limits;

    @TempDir
    static Path bucket;

    @TempDir
    Path spool;

    private static List<HostileTrail.Expected> expected;
    private static Map<String, Long> storedLengths;

    @BeforeAll
    static void writeFolder() throws IOException {
        expected = HostileTrail.write(bucket, new HostileTrail.Sizes(64L * 1024 * 1024, 20_000));
        storedLengths = new HashMap<>();
        for (HostileTrail.Expected e : expected) storedLengths.put(e.key(), Files.size(bucket.resolve(e.key())));
        long small = storedLengths.values().stream()
                .filter(n -> n <= THRESHOLD)
                .mapToLong(Long::longValue)
                .sum();
        memory = Math.max(THRESHOLD, small / 2);
        limits = new FetchLimits(512 * 1024, memory, THRESHOLD, 1024 * 1024, null);
    }

    @ParameterizedTest(name = "order {0}")
    @ValueSource(strings = {"as written", "reversed", "large first", "bomb last", "shuffled 1", "shuffled 2"})
    void everyObjectLandsWithinTheBudgetInAnyOrder(String order) throws Exception {
        List<HostileTrail.Expected> objects = ordered(order);
        Outcome outcome = run(objects);

        assertThat(outcome.ledger).hasSize(objects.size());
        long landed = 0;
        for (HostileTrail.Expected e : objects) {
            LedgerRow row = outcome.ledger.get(e.key());
            assertThat(row).as(e.key()).isNotNull();
            assertThat(row.outcome)
                    .as("outcome of %s (%s)", e.key(), row.reason)
                    .isEqualTo(e.outcome());
            if (e.records() >= 0)
                assertThat(row.recordCount).as("records of " + e.key()).isEqualTo(e.records());
            if (e.reasonContains() != null) assertThat(row.reason).as(e.key()).contains(e.reasonContains());
            landed += row.recordCount;
        }
        assertThat(outcome.rows).as("rows landed").isEqualTo(landed);
        assertThat(landed).isEqualTo(HostileTrail.landedRecords(expected));
        assertThat(outcome.mostInMemoryAtOnce)
                .as("bytes of downloaded objects waiting in memory at once")
                .isLessThanOrEqualTo(memory);
        assertThat(outcome.memoryHeldAfter).isZero();
        assertThat(outcome.spoolHeldAfter).isZero();
        assertThat(outcome.spoolFilesLeft).isZero();
    }

    @Test
    void theBudgetsBindOnThisFolder() {
        long inMemory = storedLengths.values().stream()
                .filter(n -> n <= limits.spoolThreshold())
                .mapToLong(Long::longValue)
                .sum();
        long largest =
                storedLengths.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        long spooled = storedLengths.values().stream()
                .filter(n -> n > limits.spoolThreshold())
                .count();
        assertThat(inMemory).as("bytes of the objects held in memory").isGreaterThan(memory);
        assertThat(spooled).as("objects spooled").isGreaterThanOrEqualTo(2);
        assertThat(largest).as("the large file").isGreaterThan(limits.spoolBudget());
    }

    @Test
    void aTimedOutDownloadGivesBackWhatItHeld() throws Exception {
        FetchObjectFunction fetch = fetchFunction();
        try {
            HostileTrail.Expected large = expected.stream()
                    .filter(e -> e.key().contains("_large"))
                    .findFirst()
                    .orElseThrow();
            BlockingQueue<List<DownloadedObject>> done = new LinkedBlockingQueue<>();
            ResultFuture<DownloadedObject> result = future(done);
            ObjectTask task = task(large.key());
            fetch.asyncInvoke(task, result);
            fetch.timeout(task, result);
            List<DownloadedObject> first = done.poll(60, TimeUnit.SECONDS);
            assertThat(first).hasSize(1);
            // Whichever came first, the download or the timeout, one result went on and the other gave up its room.
            if (first.get(0).failure == null) FetchBuffers.release(first.get(0));
            awaitNothingHeld(fetch.buffers());
            assertThat(done).isEmpty();
        } finally {
            fetch.close();
        }
    }

    private Outcome run(List<HostileTrail.Expected> objects) throws Exception {
        FetchObjectFunction fetch = fetchFunction();
        Outcome outcome = new Outcome();
        try (OneInputStreamOperatorTestHarness<DownloadedObject, RowData> parse =
                ProcessFunctionTestHarnesses.forProcessFunction(
                        new ParseObjectFunction(limits.maxRecordBytes(), List.of(), Sha256Implementation.NSS))) {
            BlockingQueue<List<DownloadedObject>> completed = new LinkedBlockingQueue<>();
            Deque<HostileTrail.Expected> waiting = new ArrayDeque<>(objects);
            int inFlight = 0;
            while (!waiting.isEmpty() || inFlight > 0) {
                while (inFlight < IN_FLIGHT && !waiting.isEmpty()) {
                    fetch.asyncInvoke(task(waiting.removeFirst().key()), future(completed));
                    inFlight++;
                }
                List<DownloadedObject> ready = new ArrayList<>(completed.poll(120, TimeUnit.SECONDS));
                for (List<DownloadedObject> more : drain(completed)) ready.addAll(more);
                inFlight -= ready.size();
                // Every object in ready is held at once now: downloaded, waiting for its parse.
                long inMemory = ready.stream()
                        .mapToLong(d -> d.bytes == null ? 0 : d.bytes.length)
                        .sum();
                outcome.mostInMemoryAtOnce = Math.max(outcome.mostInMemoryAtOnce, inMemory);
                for (DownloadedObject d : ready) parse.processElement(d, 0);
            }
            outcome.rows = parse.extractOutputValues().size()
                    + (parse.getSideOutput(ParseObjectFunction.INSIGHTS) == null
                            ? 0
                            : parse.getSideOutput(ParseObjectFunction.INSIGHTS).size());
            for (var record : parse.getSideOutput(LedgerRow.OUTPUT)) {
                LedgerRow row = record.getValue();
                assertThat(outcome.ledger.put(row.key, row))
                        .as("one ledger row for " + row.key)
                        .isNull();
            }
            outcome.memoryHeldAfter = fetch.buffers().memory().held();
            outcome.spoolHeldAfter = fetch.buffers().spool().held();
            try (Stream<Path> files = Files.walk(spool)) {
                outcome.spoolFilesLeft = files.filter(Files::isRegularFile).count();
            }
        } finally {
            fetch.close();
        }
        return outcome;
    }

    private FetchObjectFunction fetchFunction() throws Exception {
        FetchLimits spoolingHere = new FetchLimits(
                limits.maxRecordBytes(),
                limits.memoryBudget(),
                limits.spoolThreshold(),
                limits.spoolBudget(),
                spool.toString());
        FetchObjectFunction fetch = new FetchObjectFunction(
                ObjectStoreFactory.fromConfiguration(new Configuration()), 4, Duration.ofMinutes(10), spoolingHere);
        fetch.setRuntimeContext(new MockStreamingRuntimeContext(false, 1, 0));
        fetch.open(DefaultOpenContext.INSTANCE);
        return fetch;
    }

    private static List<List<DownloadedObject>> drain(BlockingQueue<List<DownloadedObject>> queue) {
        List<List<DownloadedObject>> all = new ArrayList<>();
        queue.drainTo(all);
        return all;
    }

    private static void awaitNothingHeld(FetchBuffers buffers) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while ((buffers.memory().held() > 0 || buffers.spool().held() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(buffers.memory().held()).isZero();
        assertThat(buffers.spool().held()).isZero();
    }

    private static ResultFuture<DownloadedObject> future(BlockingQueue<List<DownloadedObject>> done) {
        return new ResultFuture<>() {
            @Override
            public void complete(java.util.Collection<DownloadedObject> result) {
                done.add(new ArrayList<>(result));
            }

            @Override
            public void completeExceptionally(Throwable error) {
                throw new AssertionError("the fetch never fails its future", error);
            }

            @Override
            public void complete(CollectionSupplier<DownloadedObject> supplier) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static ObjectTask task(String key) {
        ObjectRef ref = new ObjectRef();
        ref.scheme = "file";
        ref.bucket = bucket.toString();
        ref.key = key;
        ref.size = storedLengths.get(key);
        return new ObjectTask(ref, new KeyClassifier().classify(key), "acme", null);
    }

    private static List<HostileTrail.Expected> ordered(String order) {
        List<HostileTrail.Expected> list = new ArrayList<>(expected);
        switch (order) {
            case "reversed" -> Collections.reverse(list);
            case "large first" ->
                list.sort((a, b) -> Long.compare(storedLengths.get(b.key()), storedLengths.get(a.key())));
            case "bomb last" -> {
                list.removeIf(e -> e.key().contains("_bomb"));
                list.add(expected.get(0));
            }
            case "shuffled 1" -> Collections.shuffle(list, new Random(1));
            case "shuffled 2" -> Collections.shuffle(list, new Random(2));
            default -> {}
        }
        return list;
    }

    /** What one run through the operators gave. */
    private static final class Outcome {
        final Map<String, LedgerRow> ledger = new HashMap<>();
        long rows;
        long mostInMemoryAtOnce;
        long memoryHeldAfter;
        long spoolHeldAfter;
        long spoolFilesLeft;
    }
}
