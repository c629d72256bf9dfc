package io.trailstream.kinesis.reader;

import static io.trailstream.kinesis.proxy.InMemoryStream.Call.GET_RECORDS;
import static io.trailstream.kinesis.proxy.InMemoryStream.Call.SHARD_ITERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailstream.kinesis.config.KinesisSourceConfig;
import io.trailstream.kinesis.metrics.KinesisShardMetrics;
import io.trailstream.kinesis.proxy.InMemoryStream;
import io.trailstream.kinesis.split.KinesisShardSplit;
import io.trailstream.kinesis.split.ShardPosition;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * The polling split reader against an in-memory stream behind its {@code StreamProxy}, on a clock the test
 * drives: pacing, positions, shard ends, retries and wake-ups, asserted exactly and without sleeping. (What the
 * SDK and a real Kinesis API make of the same calls: {@code SdkStreamProxyITCase}.)
 */
class KinesisShardSplitReaderTest {

    private static final String SHARD = InMemoryStream.shardId(0);
    private static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final ManualPollingClock clock = new ManualPollingClock();
    private final InMemoryStream stream = new InMemoryStream(2, clock::nanoTime);
    private final Map<String, KinesisShardMetrics> metrics = new HashMap<>();

    @Test
    void readsInOrderAtMostMaxRecordsPerCallAndOneCallPerInterval() throws Exception {
        List<String> sequences = stream.putMany(SHARD, 25);
        KinesisShardSplitReader reader = reader(Map.of("source.polling.max-records", "10"));
        add(reader, SHARD, ShardPosition.trimHorizon());

        List<String> read = new ArrayList<>();
        read.addAll(sequencesOf(reader.fetch()));
        assertThat(read).hasSize(10);
        read.addAll(sequencesOf(reader.fetch()));
        read.addAll(sequencesOf(reader.fetch()));

        assertThat(read).containsExactlyElementsOf(sequences);
        List<Long> calls = stream.calls(GET_RECORDS).stream()
                .map(InMemoryStream.Logged::atNanos)
                .toList();
        assertThat(calls).hasSize(3);
        assertThat(calls.get(1) - calls.get(0))
                .as("the second GetRecords waits for the polling interval")
                .isEqualTo(INTERVAL_NANOS);
        assertThat(calls.get(2) - calls.get(1)).isEqualTo(INTERVAL_NANOS);
        assertThat(clock.waits()).as("waited, not spun").containsExactly(INTERVAL_NANOS, INTERVAL_NANOS);
        KinesisShardMetrics shard = metrics.get(SHARD);
        assertThat(shard.recordsRead()).isEqualTo(25);
        assertThat(shard.bytesRead()).isEqualTo(25 * "record-00".length());
        assertThat(shard.millisBehindLatest()).isZero();
        assertThat(shard.retries()).isZero();
    }

    @Test
    void continuesAfterTheRestoredSequenceNumber() throws Exception {
        List<String> sequences = stream.putMany(SHARD, 12);
        KinesisShardSplitReader reader = reader(Map.of());
        add(reader, SHARD, ShardPosition.afterSequenceNumber(sequences.get(6)));

        assertThat(sequencesOf(reader.fetch())).containsExactlyElementsOf(sequences.subList(7, 12));
        assertThat(stream.calls(SHARD_ITERATOR))
                .extracting(InMemoryStream.Logged::argument)
                .containsExactly("AFTER_SEQUENCE_NUMBER(" + sequences.get(6) + ")");
    }

    @Test
    void latestReadsOnlyNewRecords() throws Exception {
        stream.putMany(SHARD, 3);
        KinesisShardSplitReader reader = reader(Map.of());
        add(reader, SHARD, ShardPosition.latest());
        List<String> fresh = new ArrayList<>();
        // The first poll took the LATEST iterator and found nothing; two records arrive while the reader waits.
        clock.onEachWait(() -> {
            if (fresh.isEmpty()) fresh.addAll(List.of(stream.put(SHARD, "new-1"), stream.put(SHARD, "new-2")));
        });

        List<String> read = sequencesOf(reader.fetch());

        assertThat(fresh).hasSize(2);
        assertThat(read).containsExactlyElementsOf(fresh);
        assertThat(stream.calls(SHARD_ITERATOR))
                .extracting(InMemoryStream.Logged::argument)
                .containsExactly("LATEST");
    }

    @Test
    void atTimestampSkipsOlderRecords() throws Exception {
        stream.putMany(SHARD, 3);
        Instant cut = stream.cutBeforeNext();
        List<String> after = stream.putMany(SHARD, 2);
        KinesisShardSplitReader reader = reader(Map.of());
        add(reader, SHARD, ShardPosition.atTimestamp(cut));

        assertThat(sequencesOf(reader.fetch())).containsExactlyElementsOf(after);
        assertThat(stream.calls(SHARD_ITERATOR))
                .extracting(InMemoryStream.Logged::argument)
                .containsExactly("AT_TIMESTAMP(" + cut + ")");
    }

    @Test
    void reportsAClosedShardFinishedAfterItsLastRecord() throws Exception {
        List<String> sequences = stream.putMany(SHARD, 5);
        stream.split(SHARD);
        KinesisShardSplitReader reader = reader(Map.of("source.polling.max-records", "3"));
        add(reader, SHARD, ShardPosition.trimHorizon());

        RecordsWithSplitIds<Record> first = reader.fetch();
        List<String> read = new ArrayList<>(sequencesOf(first));
        assertThat(first.finishedSplits()).as("3 of 5 read: not finished yet").isEmpty();
        RecordsWithSplitIds<Record> second = reader.fetch();
        read.addAll(sequencesOf(second));

        assertThat(read).containsExactlyElementsOf(sequences);
        assertThat(second.finishedSplits()).containsExactly(SHARD);
    }

    @Test
    void aShardWithoutIteratorEndsAtOnce() throws Exception {
        KinesisShardSplitReader reader = reader(Map.of());
        add(reader, SHARD, ShardPosition.shardEnd());

        assertThat(reader.fetch().finishedSplits()).containsExactly(SHARD);
        assertThat(stream.calls(SHARD_ITERATOR)).isEmpty();
    }

    @Test
    void aShardThatNoLongerExistsIsFinished() throws Exception {
        KinesisShardSplitReader reader = reader(Map.of());
        add(reader, "shardId-000000000099", ShardPosition.trimHorizon());

        assertThat(reader.fetch().finishedSplits()).containsExactly("shardId-000000000099");
    }

    @Test
    void retriesTransientFailuresWithBackoffThenFails() throws Exception {
        stream.failNext(
                SHARD_ITERATOR,
                SdkClientException.create("connection refused"),
                SdkClientException.create("connection refused"),
                SdkClientException.create("connection refused"));
        KinesisShardSplitReader reader = reader(Map.of(
                "source.retry.max-attempts", "3",
                "source.retry.initial-backoff", "20 ms",
                "source.retry.max-backoff", "40 ms"));
        add(reader, SHARD, ShardPosition.trimHorizon());

        assertThatThrownBy(reader::fetch)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("reading shard " + SHARD)
                .hasMessageContaining("3 times in a row");
        assertThat(metrics.get(SHARD).retries()).isEqualTo(2);
        List<Long> waits = clock.waits();
        assertThat(waits).as("one backoff per retry").hasSize(2);
        assertThat(waits.get(0)).as("first backoff in [10, 20] ms").isBetween(ms(10), ms(20));
        assertThat(waits.get(1)).as("second backoff in [20, 40] ms").isBetween(ms(20), ms(40));
    }

    @Test
    void throttlingIsWaitedOutBeyondTheAttemptLimit() throws Exception {
        List<String> sequences = stream.putMany(SHARD, 4);
        for (int i = 0; i < 5; i++) {
            stream.failNext(
                    GET_RECORDS,
                    ProvisionedThroughputExceededException.builder()
                            .message("Rate exceeded")
                            .build());
        }
        KinesisShardSplitReader reader = reader(Map.of("source.retry.max-attempts", "3"));
        add(reader, SHARD, ShardPosition.trimHorizon());

        assertThat(sequencesOf(reader.fetch())).containsExactlyElementsOf(sequences);
        assertThat(metrics.get(SHARD).throttledCalls()).isEqualTo(5);
        assertThat(metrics.get(SHARD).retries()).isEqualTo(5);
        assertThat(stream.calls(GET_RECORDS)).hasSize(6);
        assertThat(stream.calls(SHARD_ITERATOR))
                .as("the iterator is kept across throttling")
                .hasSize(1);
    }

    @Test
    void anExpiredIteratorIsRenewedAfterTheLastRecordFetched() throws Exception {
        List<String> sequences = stream.putMany(SHARD, 25);
        KinesisShardSplitReader reader = reader(Map.of("source.polling.max-records", "10"));
        add(reader, SHARD, ShardPosition.trimHorizon());
        List<String> read = new ArrayList<>(sequencesOf(reader.fetch()));

        stream.expireIterators();
        read.addAll(sequencesOf(reader.fetch()));
        read.addAll(sequencesOf(reader.fetch()));

        assertThat(read).containsExactlyElementsOf(sequences);
        assertThat(stream.calls(SHARD_ITERATOR))
                .extracting(InMemoryStream.Logged::argument)
                .containsExactly("TRIM_HORIZON", "AFTER_SEQUENCE_NUMBER(" + sequences.get(9) + ")");
        assertThat(metrics.get(SHARD).retries()).isEqualTo(1);
    }

    @Test
    void pollsItsShardsInTurnEachAtMostOncePerInterval() throws Exception {
        String other = InMemoryStream.shardId(1);
        List<String> first = stream.putMany(SHARD, 4);
        List<String> second = stream.putMany(other, 4);
        KinesisShardSplitReader reader = reader(Map.of("source.polling.max-records", "2"));
        add(reader, SHARD, ShardPosition.trimHorizon());
        add(reader, other, ShardPosition.trimHorizon());

        List<String> order = new ArrayList<>();
        Map<String, List<String>> read = new HashMap<>();
        for (int i = 0; i < 4; i++) {
            RecordsWithSplitIds<Record> batch = reader.fetch();
            String split = batch.nextSplit();
            order.add(split);
            Record record;
            while ((record = batch.nextRecordFromSplit()) != null) {
                read.computeIfAbsent(split, s -> new ArrayList<>()).add(record.sequenceNumber());
            }
        }

        assertThat(order).containsExactly(SHARD, other, SHARD, other);
        assertThat(read.get(SHARD)).containsExactlyElementsOf(first);
        assertThat(read.get(other)).containsExactlyElementsOf(second);
        Map<String, List<Long>> callTimes = new HashMap<>();
        stream.calls(GET_RECORDS)
                .forEach(c -> callTimes
                        .computeIfAbsent(c.shardId(), s -> new ArrayList<>())
                        .add(c.atNanos()));
        for (List<Long> times : callTimes.values()) {
            assertThat(times).hasSize(2);
            assertThat(times.get(1) - times.get(0)).isGreaterThanOrEqualTo(INTERVAL_NANOS);
        }
    }

    @Test
    void wakeUpEndsAWaitingFetch() throws Exception {
        KinesisShardSplitReader reader = reader(Map.of());
        add(reader, SHARD, ShardPosition.trimHorizon());
        CountDownLatch waiting = clock.blockWaits();
        CompletableFuture<RecordsWithSplitIds<Record>> fetched = CompletableFuture.supplyAsync(() -> {
            try {
                return reader.fetch();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        assertThat(waiting.await(30, TimeUnit.SECONDS))
                .as("the fetch found nothing and waits")
                .isTrue();
        assertThat(fetched).isNotDone();

        reader.wakeUp();

        RecordsWithSplitIds<Record> batch = fetched.get(30, TimeUnit.SECONDS);
        assertThat(batch.nextSplit()).isNull();
        assertThat(batch.finishedSplits()).isEmpty();
    }

    @Test
    void aWakeUpBeforeTheFetchEndsItAtOnce() throws Exception {
        stream.putMany(SHARD, 3);
        KinesisShardSplitReader reader = reader(Map.of());
        add(reader, SHARD, ShardPosition.trimHorizon());

        reader.wakeUp();

        assertThat(reader.fetch().nextSplit()).isNull();
        assertThat(stream.calls(GET_RECORDS)).isEmpty();
        assertThat(sequencesOf(reader.fetch())).hasSize(3);
    }

    @Test
    void closingTheReaderClosesItsProxy() throws Exception {
        reader(Map.of()).close();

        assertThat(stream.closes()).isEqualTo(1);
    }

    // ---------------------------------------------------------------------------------------

    private static long ms(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    private KinesisShardSplitReader reader(Map<String, String> overrides) {
        Map<String, String> options = new HashMap<>(Map.of("stream.name", "in-memory", "aws.region", "us-east-1"));
        options.putAll(overrides);
        KinesisSourceConfig config = KinesisSourceConfig.from(Configuration.fromMap(options));
        return new KinesisShardSplitReader(
                stream,
                config,
                shardId -> metrics.computeIfAbsent(
                        shardId, id -> new KinesisShardMetrics(new UnregisteredMetricsGroup(), "stream", id)),
                clock);
    }

    private static void add(KinesisShardSplitReader reader, String shardId, ShardPosition position) {
        reader.handleSplitsChanges(new SplitsAddition<>(List.of(new KinesisShardSplit(shardId, position, List.of()))));
    }

    private static List<String> sequencesOf(RecordsWithSplitIds<Record> batch) {
        List<String> sequences = new ArrayList<>();
        String split;
        while ((split = batch.nextSplit()) != null) {
            assertThat(split).isEqualTo(SHARD);
            Record record;
            while ((record = batch.nextRecordFromSplit()) != null) {
                sequences.add(record.sequenceNumber());
            }
        }
        return sequences;
    }
}
