package io.trailstream.kinesis.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailstream.aws.AwsClients;
import io.trailstream.kinesis.config.KinesisSourceConfig;
import io.trailstream.kinesis.metrics.KinesisShardMetrics;
import io.trailstream.kinesis.split.KinesisShardSplit;
import io.trailstream.kinesis.split.ShardPosition;
import io.trailstream.testing.KinesisEmulator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.Record;

/** The polling split reader against a real Kinesis API server. */
class KinesisShardSplitReaderTest {

    @RegisterExtension
    static final KinesisEmulator KINESIS = KinesisEmulator.shared();

    private static final AtomicInteger STREAMS = new AtomicInteger();
    private static final String SHARD = "shardId-000000000000";

    private final Map<String, KinesisShardMetrics> metrics = new ConcurrentHashMap<>();
    private final List<KinesisShardSplitReader> readers = new ArrayList<>();

    @AfterEach
    void close() {
        readers.forEach(KinesisShardSplitReader::close);
    }

    @Test
    void readsInOrderAtMostMaxRecordsPerCallAndOneCallPerInterval() throws Exception {
        String stream = stream();
        List<String> sequences = put(stream, 25);
        KinesisShardSplitReader reader = reader(stream, Map.of("source.polling.max-records", "10"));
        add(reader, ShardPosition.trimHorizon());

        List<String> read = new ArrayList<>();
        long first = System.nanoTime();
        read.addAll(sequencesOf(reader.fetch(), SHARD));
        assertThat(read).hasSize(10);
        read.addAll(sequencesOf(reader.fetch(), SHARD));
        long second = System.nanoTime();
        read.addAll(sequencesOf(reader.fetch(), SHARD));

        assertThat(read).containsExactlyElementsOf(sequences);
        assertThat(TimeUnit.NANOSECONDS.toMillis(second - first))
                .as("the second GetRecords waits for the polling interval")
                .isGreaterThanOrEqualTo(190);
        KinesisShardMetrics shard = metrics.get(SHARD);
        assertThat(shard.recordsRead()).isEqualTo(25);
        assertThat(shard.bytesRead()).isEqualTo(25 * "record-00".length());
        assertThat(shard.millisBehindLatest()).isGreaterThanOrEqualTo(0);
        assertThat(shard.retries()).isZero();
    }

    @Test
    void continuesAfterTheRestoredSequenceNumber() throws Exception {
        String stream = stream();
        List<String> sequences = put(stream, 12);
        KinesisShardSplitReader reader = reader(stream, Map.of());
        add(reader, ShardPosition.afterSequenceNumber(sequences.get(6)));

        assertThat(sequencesOf(reader.fetch(), SHARD)).containsExactlyElementsOf(sequences.subList(7, 12));
    }

    @Test
    void latestReadsOnlyNewRecords() throws Exception {
        String stream = stream();
        put(stream, 3);
        KinesisShardSplitReader reader = reader(stream, Map.of());
        add(reader, ShardPosition.latest());

        CompletableFuture<List<String>> fetched = CompletableFuture.supplyAsync(() -> {
            try {
                return sequencesOf(reader.fetch(), SHARD);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(600); // the first poll took the LATEST iterator
        List<String> fresh = put(stream, 2);

        List<String> read = new ArrayList<>(fetched.get(10, TimeUnit.SECONDS));
        while (read.size() < fresh.size()) {
            read.addAll(sequencesOf(reader.fetch(), SHARD));
        }
        assertThat(read).containsExactlyElementsOf(fresh);
    }

    @Test
    void atTimestampSkipsOlderRecords() throws Exception {
        String stream = stream();
        put(stream, 3);
        Thread.sleep(1100);
        java.time.Instant cut = java.time.Instant.now();
        Thread.sleep(100);
        List<String> after = put(stream, 2);
        KinesisShardSplitReader reader = reader(stream, Map.of());
        add(reader, ShardPosition.atTimestamp(cut));

        assertThat(sequencesOf(reader.fetch(), SHARD)).containsExactlyElementsOf(after);
    }

    @Test
    void reportsAClosedShardFinishedAfterItsLastRecord() throws Exception {
        String stream = stream();
        List<String> sequences = put(stream, 5);
        KINESIS.splitShard(stream, SHARD);
        KinesisShardSplitReader reader = reader(stream, Map.of());
        add(reader, ShardPosition.trimHorizon());

        List<String> read = new ArrayList<>();
        Set<String> finished = Set.of();
        for (int i = 0; i < 3 && finished.isEmpty(); i++) {
            RecordsWithSplitIds<Record> batch = reader.fetch();
            read.addAll(sequencesOf(batch, SHARD));
            finished = batch.finishedSplits();
        }
        assertThat(read).containsExactlyElementsOf(sequences);
        assertThat(finished).containsExactly(SHARD);
    }

    @Test
    void retriesTransientFailuresWithBackoffThenFails() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        KinesisShardSplitReader reader = reader(
                "nowhere",
                Map.of(
                        "aws.endpoint", "http://127.0.0.1:" + closedPort,
                        "source.retry.max-attempts", "3",
                        "source.retry.initial-backoff", "20 ms",
                        "source.retry.max-backoff", "40 ms"));
        add(reader, ShardPosition.trimHorizon());

        assertThatThrownBy(reader::fetch)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("reading shard " + SHARD)
                .hasMessageContaining("3 times in a row");
        assertThat(metrics.get(SHARD).retries()).isEqualTo(2);
    }

    @Test
    void wakeUpEndsAWaitingFetch() throws Exception {
        String stream = stream();
        KinesisShardSplitReader reader = reader(stream, Map.of());
        add(reader, ShardPosition.trimHorizon());
        CompletableFuture<RecordsWithSplitIds<Record>> fetched = CompletableFuture.supplyAsync(() -> {
            try {
                return reader.fetch();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(500);
        assertThat(fetched).isNotDone();

        reader.wakeUp();

        RecordsWithSplitIds<Record> batch = fetched.get(5, TimeUnit.SECONDS);
        assertThat(batch.nextSplit()).isNull();
        assertThat(batch.finishedSplits()).isEmpty();
    }

    // ---------------------------------------------------------------------------------------

    private static String stream() {
        String name = "reader-" + STREAMS.incrementAndGet();
        KINESIS.createStream(name, 1);
        return name;
    }

    private static List<String> put(String stream, int count) {
        List<String> sequences = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            PutRecordResponse r =
                    KINESIS.put(stream, "k", String.format("record-%02d", i).getBytes(StandardCharsets.UTF_8));
            sequences.add(r.sequenceNumber());
        }
        return sequences;
    }

    private KinesisShardSplitReader reader(String stream, Map<String, String> overrides) {
        Map<String, String> options = new HashMap<>(KINESIS.sourceOptions(stream));
        options.putAll(overrides);
        KinesisSourceConfig config = KinesisSourceConfig.from(Configuration.fromMap(options));
        KinesisShardSplitReader reader = new KinesisShardSplitReader(
                AwsClients.kinesis(config.clientSettings()),
                config,
                shardId -> metrics.computeIfAbsent(
                        shardId, id -> new KinesisShardMetrics(new UnregisteredMetricsGroup(), id)));
        readers.add(reader);
        return reader;
    }

    private static void add(KinesisShardSplitReader reader, ShardPosition position) {
        reader.handleSplitsChanges(new SplitsAddition<>(List.of(new KinesisShardSplit(SHARD, position, List.of()))));
    }

    private static List<String> sequencesOf(RecordsWithSplitIds<Record> batch, String shardId) {
        List<String> sequences = new ArrayList<>();
        String split;
        while ((split = batch.nextSplit()) != null) {
            assertThat(split).isEqualTo(shardId);
            Record record;
            while ((record = batch.nextRecordFromSplit()) != null) {
                sequences.add(record.sequenceNumber());
            }
        }
        return sequences;
    }
}
