package io.trailstream.kinesis.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailstream.aws.AwsClients;
import io.trailstream.kinesis.config.KinesisSourceConfig;
import io.trailstream.kinesis.enumerator.ShardDiscovery;
import io.trailstream.kinesis.metrics.KinesisShardMetrics;
import io.trailstream.kinesis.reader.KinesisShardSplitReader;
import io.trailstream.kinesis.split.KinesisShardSplit;
import io.trailstream.kinesis.split.ShardPosition;
import io.trailstream.testing.KinesisEmulator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * {@link SdkStreamProxy} against a real Kinesis API server (kinesis-local): what the SDK and the service make
 * of the three calls (pages by ARN and by name, parents, each iterator type, a closed shard's end), and the
 * split reader and the discovery on top of it, end to end over the wire.
 */
class SdkStreamProxyITCase {

    @RegisterExtension
    static final KinesisEmulator KINESIS = KinesisEmulator.shared();

    private static final AtomicInteger STREAMS = new AtomicInteger();
    private static final String SHARD = "shardId-000000000000";

    @Test
    void listsAllPagesByArnAndByName() {
        KINESIS.createStream("discovery-pages", 5);
        KINESIS.splitShard("discovery-pages", "shardId-000000000002");

        List<String> byArn = ids(discovery(Map.of("stream.arn", KinesisEmulator.streamArn("discovery-pages")), 2));
        List<String> byName = ids(discovery(Map.of("stream.name", "discovery-pages"), 3));

        assertThat(byArn)
                .containsExactly(
                        "shardId-000000000000",
                        "shardId-000000000001",
                        "shardId-000000000002",
                        "shardId-000000000003",
                        "shardId-000000000004",
                        "shardId-000000000005",
                        "shardId-000000000006");
        assertThat(byName).isEqualTo(byArn);
    }

    @Test
    void reportsParentsOfSplitAndMergedShards() {
        KINESIS.createStream("discovery-parents", 2);
        KINESIS.mergeShards("discovery-parents", "shardId-000000000000", "shardId-000000000001");

        List<Shard> shards = discovery(Map.of("stream.name", "discovery-parents"), 1000);

        Shard merged = shards.stream()
                .filter(s -> s.shardId().equals("shardId-000000000002"))
                .findFirst()
                .orElseThrow();
        assertThat(List.of(merged.parentShardId(), merged.adjacentParentShardId()))
                .containsExactlyInAnyOrder("shardId-000000000000", "shardId-000000000001");
        assertThat(shards.get(0).sequenceNumberRange().endingSequenceNumber())
                .as("parent is closed")
                .isNotNull();
    }

    @Test
    void aMissingStreamIsAPermanentError() {
        assertThatThrownBy(() -> discovery(Map.of("stream.name", "no-such-stream"), 1000))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void eachPositionBecomesItsIteratorType() {
        String stream = stream();
        List<String> sequences = put(stream, 6);
        try (SdkStreamProxy proxy = proxy(stream)) {
            assertThat(read(proxy, ShardPosition.trimHorizon())).containsExactlyElementsOf(sequences);
            assertThat(read(proxy, ShardPosition.afterSequenceNumber(sequences.get(3))))
                    .containsExactlyElementsOf(sequences.subList(4, 6));

            String latest = proxy.shardIterator(SHARD, ShardPosition.latest());
            List<String> fresh = put(stream, 2);
            assertThat(sequencesOf(proxy.getRecords(latest, 100))).containsExactlyElementsOf(fresh);

            // The server's own arrival times: AT_TIMESTAMP(t) starts at the first record that arrived at t or later.
            List<Record> all = proxy.getRecords(proxy.shardIterator(SHARD, ShardPosition.trimHorizon()), 100)
                    .records();
            assertThat(all).hasSize(8);
            Instant cut = all.get(6).approximateArrivalTimestamp();
            List<String> since = all.stream()
                    .filter(r -> !r.approximateArrivalTimestamp().isBefore(cut))
                    .map(Record::sequenceNumber)
                    .toList();
            assertThat(since)
                    .as("the records put before the LATEST iterator arrived earlier")
                    .containsExactlyElementsOf(fresh);
            assertThat(read(proxy, ShardPosition.atTimestamp(cut))).containsExactlyElementsOf(fresh);
            assertThat(read(proxy, ShardPosition.atTimestamp(all.get(0).approximateArrivalTimestamp())))
                    .as("AT_TIMESTAMP of the first arrival: every record")
                    .containsExactlyElementsOf(
                            all.stream().map(Record::sequenceNumber).toList());
        }
    }

    @Test
    void getRecordsHonoursTheLimitAndAClosedShardEnds() {
        String stream = stream();
        List<String> sequences = put(stream, 5);
        KINESIS.splitShard(stream, SHARD);
        try (SdkStreamProxy proxy = proxy(stream)) {
            GetRecordsResponse first = proxy.getRecords(proxy.shardIterator(SHARD, ShardPosition.trimHorizon()), 3);
            assertThat(sequencesOf(first)).containsExactlyElementsOf(sequences.subList(0, 3));
            List<String> rest = new ArrayList<>();
            String iterator = first.nextShardIterator();
            for (int i = 0; i < 5 && iterator != null; i++) {
                GetRecordsResponse next = proxy.getRecords(iterator, 3);
                rest.addAll(sequencesOf(next));
                iterator = next.nextShardIterator();
            }
            assertThat(rest).containsExactlyElementsOf(sequences.subList(3, 5));
            assertThat(iterator).as("the closed shard's end: no next iterator").isNull();
        }
    }

    @Test
    void theReaderReadsOverTheWireInOrder() throws Exception {
        String stream = stream();
        List<String> sequences = put(stream, 25);
        Map<String, KinesisShardMetrics> metrics = new HashMap<>();
        try (KinesisShardSplitReader reader =
                reader(config(stream, Map.of("source.polling.max-records", "10")), metrics)) {
            add(reader);
            List<String> read = new ArrayList<>();
            while (read.size() < sequences.size()) {
                read.addAll(sequencesOf(reader.fetch()));
            }
            assertThat(read).containsExactlyElementsOf(sequences);
        }
        assertThat(metrics.get(SHARD).recordsRead()).isEqualTo(25);
        assertThat(metrics.get(SHARD).millisBehindLatest()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void aRefusedConnectionIsRetriedAsTransientThenFails() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Map<String, KinesisShardMetrics> metrics = new HashMap<>();
        KinesisSourceConfig config = config(
                "nowhere",
                Map.of(
                        "aws.endpoint", "http://127.0.0.1:" + closedPort,
                        "source.retry.max-attempts", "3",
                        "source.retry.initial-backoff", "20 ms",
                        "source.retry.max-backoff", "40 ms"));
        try (KinesisShardSplitReader reader = reader(config, metrics)) {
            add(reader);
            assertThatThrownBy(reader::fetch)
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("reading shard " + SHARD)
                    .hasMessageContaining("3 times in a row");
        }
        assertThat(metrics.get(SHARD).retries()).isEqualTo(2);
    }

    // ---------------------------------------------------------------------------------------

    private static String stream() {
        String name = "proxy-" + STREAMS.incrementAndGet();
        KINESIS.createStream(name, 1);
        return name;
    }

    private static List<String> put(String stream, int count) {
        List<String> sequences = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sequences.add(
                    KINESIS.put(stream, "k", String.format("record-%02d", i).getBytes(StandardCharsets.UTF_8))
                            .sequenceNumber());
        }
        return sequences;
    }

    private static KinesisSourceConfig config(String stream, Map<String, String> overrides) {
        Map<String, String> options = new HashMap<>(KINESIS.sourceOptions(stream));
        options.putAll(overrides);
        return KinesisSourceConfig.from(Configuration.fromMap(options));
    }

    private static SdkStreamProxy proxy(String stream) {
        return SdkStreamProxy.create(config(stream, Map.of()));
    }

    /** Every record from {@code position} on, following the iterators until a call returns nothing. */
    private static List<String> read(StreamProxy proxy, ShardPosition position) {
        List<String> out = new ArrayList<>();
        String iterator = proxy.shardIterator(SHARD, position);
        while (iterator != null) {
            GetRecordsResponse response = proxy.getRecords(iterator, 100);
            if (response.records().isEmpty()) break;
            out.addAll(sequencesOf(response));
            iterator = response.nextShardIterator();
        }
        return out;
    }

    private static KinesisShardSplitReader reader(
            KinesisSourceConfig config, Map<String, KinesisShardMetrics> metrics) {
        return new KinesisShardSplitReader(
                SdkStreamProxy.create(config),
                config,
                shardId -> metrics.computeIfAbsent(
                        shardId, id -> new KinesisShardMetrics(new UnregisteredMetricsGroup(), "stream", id)));
    }

    private static void add(KinesisShardSplitReader reader) {
        reader.handleSplitsChanges(
                new SplitsAddition<>(List.of(new KinesisShardSplit(SHARD, ShardPosition.trimHorizon(), List.of()))));
    }

    private static List<Shard> discovery(Map<String, String> stream, int pageSize) {
        Map<String, String> options = new HashMap<>(KINESIS.sourceOptions("unused"));
        options.remove("stream.arn");
        options.putAll(stream);
        KinesisSourceConfig config = KinesisSourceConfig.from(Configuration.fromMap(options));
        try (ShardDiscovery discovery = new ShardDiscovery(
                new SdkStreamProxy(
                        AwsClients.kinesis(config.clientSettings()), config.streamArn(), config.streamName()),
                pageSize)) {
            return discovery.listShards();
        }
    }

    private static List<String> sequencesOf(GetRecordsResponse response) {
        return response.records().stream().map(Record::sequenceNumber).toList();
    }

    private static List<String> sequencesOf(RecordsWithSplitIds<Record> batch) {
        List<String> sequences = new ArrayList<>();
        while (batch.nextSplit() != null) {
            Record record;
            while ((record = batch.nextRecordFromSplit()) != null) {
                sequences.add(record.sequenceNumber());
            }
        }
        return sequences;
    }

    private static List<String> ids(List<Shard> shards) {
        return shards.stream().map(Shard::shardId).toList();
    }
}
