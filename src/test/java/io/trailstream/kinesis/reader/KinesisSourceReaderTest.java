package io.trailstream.kinesis.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.kinesis.config.KinesisSourceConfig;
import io.trailstream.kinesis.event.ReaderStartedEvent;
import io.trailstream.kinesis.event.ShardsFinishedAckEvent;
import io.trailstream.kinesis.event.ShardsFinishedEvent;
import io.trailstream.kinesis.metrics.KinesisShardMetrics;
import io.trailstream.kinesis.proxy.InMemoryStream;
import io.trailstream.kinesis.serialization.KinesisDeserializationSchema;
import io.trailstream.kinesis.serialization.KinesisPayload;
import io.trailstream.kinesis.split.KinesisShardSplit;
import io.trailstream.kinesis.split.ShardPosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.groups.SourceReaderMetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;
import org.junit.jupiter.api.Test;

/**
 * The reader's bookkeeping of finished shards: reported to the enumerator, kept in checkpoints
 * until acknowledged, and re-reported (not re-read) after a restore. The reader polls an in-memory
 * stream behind its {@code StreamProxy}.
 */
class KinesisSourceReaderTest {

    private static final String S0 = InMemoryStream.shardId(0);

    private final InMemoryStream stream = new InMemoryStream(1);

    @Test
    void restoredFinishedShardIsReportedAgainNotRead() throws Exception {
        RecordingContext context = new RecordingContext();
        try (SourceReader<KinesisPayload, KinesisShardSplit> reader = reader(context)) {
            KinesisShardSplit finished = new KinesisShardSplit(S0, ShardPosition.shardEnd(), List.of());

            reader.addSplits(List.of(finished));
            reader.start();

            assertThat(context.events)
                    .containsExactly(
                            new ShardsFinishedEvent(Set.of(S0)).toString(),
                            new ReaderStartedEvent(Set.of(S0)).toString());
            assertThat(reader.snapshotState(1)).containsExactly(finished);

            reader.handleSourceEvents(new ShardsFinishedAckEvent(Set.of(S0)));

            assertThat(reader.snapshotState(2)).isEmpty();
        }
    }

    @Test
    void checkpointsTheLastEmittedRecordThenTheShardEndUntilAcknowledged() throws Exception {
        List<String> sequences = stream.putMany(S0, 3);
        RecordingContext context = new RecordingContext();
        CollectingOutput output = new CollectingOutput();
        try (SourceReader<KinesisPayload, KinesisShardSplit> reader = reader(context)) {
            reader.start();
            reader.addSplits(List.of(new KinesisShardSplit(S0, ShardPosition.trimHorizon(), List.of())));
            pollUntil(reader, output, () -> output.records.size() == 3);

            assertThat(output.records)
                    .extracting(KinesisPayload::getSequenceNumber)
                    .containsExactlyElementsOf(sequences);
            assertThat(output.timestamps).allSatisfy(ts -> assertThat(ts).isPositive());
            assertThat(reader.snapshotState(1))
                    .containsExactly(
                            new KinesisShardSplit(S0, ShardPosition.afterSequenceNumber(sequences.get(2)), List.of()));

            stream.split(S0);
            pollUntil(reader, output, () -> context.events.contains(new ShardsFinishedEvent(Set.of(S0)).toString()));

            assertThat(output.records).hasSize(3);
            assertThat(reader.snapshotState(2))
                    .containsExactly(new KinesisShardSplit(S0, ShardPosition.shardEnd(), List.of()));
            reader.handleSourceEvents(new ShardsFinishedAckEvent(Set.of(S0)));
            assertThat(reader.snapshotState(3)).isEmpty();
        }
    }

    /** The reader as {@code KinesisSource#createReader} builds it, polling the in-memory stream. */
    private SourceReader<KinesisPayload, KinesisShardSplit> reader(SourceReaderContext context) {
        KinesisSourceConfig config = KinesisSourceConfig.from(
                Configuration.fromMap(Map.of("stream.name", "in-memory", "aws.region", "us-east-1")));
        return new KinesisSourceReader<>(
                () -> new KinesisShardSplitReader(
                        stream, config, shardId -> new KinesisShardMetrics(context.metricGroup(), "stream", shardId)),
                new KinesisRecordEmitter<>(KinesisDeserializationSchema.payload()),
                context.getConfiguration(),
                context);
    }

    private static void pollUntil(
            SourceReader<KinesisPayload, KinesisShardSplit> reader, CollectingOutput output, Check done)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!done.ok()) {
            assertThat(System.nanoTime()).as("condition met within 20 s").isLessThan(deadline);
            reader.pollNext(output);
            try {
                reader.isAvailable().get(200, TimeUnit.MILLISECONDS);
            } catch (TimeoutException nothingYet) {
                // poll again
            }
        }
    }

    @FunctionalInterface
    private interface Check {
        boolean ok();
    }

    /** Records the events the reader sends to the enumerator (as text, events lack equals). */
    private static final class RecordingContext implements SourceReaderContext {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public SourceReaderMetricGroup metricGroup() {
            return UnregisteredMetricsGroup.createSourceReaderMetricGroup();
        }

        @Override
        public Configuration getConfiguration() {
            return new Configuration();
        }

        @Override
        public String getLocalHostName() {
            return "localhost";
        }

        @Override
        public int getIndexOfSubtask() {
            return 0;
        }

        @Override
        public void sendSplitRequest() {}

        @Override
        public void sendSourceEventToCoordinator(SourceEvent sourceEvent) {
            events.add(sourceEvent.toString());
        }

        @Override
        public UserCodeClassLoader getUserCodeClassLoader() {
            return SimpleUserCodeClassLoader.create(getClass().getClassLoader());
        }
    }

    /** Collects records with their timestamps; one output serves every split. */
    private static final class CollectingOutput implements ReaderOutput<KinesisPayload> {
        final List<KinesisPayload> records = new ArrayList<>();
        final List<Long> timestamps = new ArrayList<>();

        @Override
        public void collect(KinesisPayload record) {
            collect(record, Long.MIN_VALUE);
        }

        @Override
        public void collect(KinesisPayload record, long timestamp) {
            records.add(record);
            timestamps.add(timestamp);
        }

        @Override
        public void emitWatermark(Watermark watermark) {}

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}

        @Override
        public SourceOutput<KinesisPayload> createOutputForSplit(String splitId) {
            return this;
        }

        @Override
        public void releaseOutputForSplit(String splitId) {}
    }
}
