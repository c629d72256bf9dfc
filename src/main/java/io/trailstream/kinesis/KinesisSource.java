package io.trailstream.kinesis;

import io.trailstream.kinesis.config.KinesisSourceConfig;
import io.trailstream.kinesis.config.KinesisSourceOptions;
import io.trailstream.kinesis.enumerator.KinesisEnumeratorState;
import io.trailstream.kinesis.enumerator.KinesisEnumeratorStateSerializer;
import io.trailstream.kinesis.enumerator.KinesisShardEnumerator;
import io.trailstream.kinesis.enumerator.ShardDiscovery;
import io.trailstream.kinesis.metrics.KinesisShardMetrics;
import io.trailstream.kinesis.proxy.SdkStreamProxy;
import io.trailstream.kinesis.reader.KinesisRecordEmitter;
import io.trailstream.kinesis.reader.KinesisShardSplitReader;
import io.trailstream.kinesis.reader.KinesisSourceReader;
import io.trailstream.kinesis.serialization.KinesisDeserializationSchema;
import io.trailstream.kinesis.serialization.KinesisPayload;
import io.trailstream.kinesis.split.KinesisShardSplit;
import io.trailstream.kinesis.split.KinesisShardSplitSerializer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.UserCodeClassLoader;

/**
 * A Kinesis Data Streams source for Flink's FLIP-27 API on the AWS SDK v2, polling each shard with
 * GetRecords. trailstream carries it because Apache's flink-connector-aws-kinesis-streams cannot be
 * resolved here; where it can, that connector may replace this one behind the same DataStream.
 *
 * <p>Guarantees: each record is emitted exactly once into Flink's checkpointed state (positions
 * are the last emitted sequence number per shard); records of one shard keep their order, and a
 * child shard is read only after all its parents, so a partition key keeps its order across
 * reshards. Watermarks are tracked per shard, so an idle shard can be marked idle with {@code
 * WatermarkStrategy#withIdleness}.
 *
 * <pre>{@code
 * KinesisSource<KinesisPayload> source = KinesisSource.<KinesisPayload>builder()
 *         .streamArn("arn:aws:kinesis:eu-west-1:123456789012:stream/notifications")
 *         .config(options)                       // keys of KinesisSourceOptions
 *         .deserializer(KinesisDeserializationSchema.payload())
 *         .build();
 * env.fromSource(source, WatermarkStrategy.noWatermarks(), "notifications", source.getProducedType());
 * }</pre>
 */
public final class KinesisSource<T>
        implements Source<T, KinesisShardSplit, KinesisEnumeratorState>, ResultTypeQueryable<T> {

    private static final long serialVersionUID = 1L;

    private final KinesisSourceConfig config;
    private final KinesisDeserializationSchema<T> deserializer;

    KinesisSource(KinesisSourceConfig config, KinesisDeserializationSchema<T> deserializer) {
        this.config = config;
        this.deserializer = deserializer;
    }

    /** Starts a builder; {@link KinesisSourceBuilder#build()} validates all options. */
    public static <T> KinesisSourceBuilder<T> builder() {
        return new KinesisSourceBuilder<>();
    }

    /**
     * A source from {@code config}, whose keys are those of {@link KinesisSourceOptions} (use
     * {@link KinesisSourceOptions#subset} to strip a per-source prefix).
     *
     * @throws IllegalArgumentException naming the key and value that are wrong
     */
    public static <T> KinesisSource<T> fromConfiguration(
            Configuration config, KinesisDeserializationSchema<T> deserializer) {
        return KinesisSource.<T>builder()
                .config(config)
                .deserializer(deserializer)
                .build();
    }

    /** Like {@link #fromConfiguration}, emitting raw {@link KinesisPayload}s. */
    public static KinesisSource<KinesisPayload> payloadsFromConfiguration(Configuration config) {
        return fromConfiguration(config, KinesisDeserializationSchema.payload());
    }

    /** The validated settings (no credentials in its {@code toString()}). */
    public KinesisSourceConfig config() {
        return config;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SplitEnumerator<KinesisShardSplit, KinesisEnumeratorState> createEnumerator(
            SplitEnumeratorContext<KinesisShardSplit> context) {
        return restoreEnumerator(context, KinesisEnumeratorState.empty());
    }

    @Override
    public SplitEnumerator<KinesisShardSplit, KinesisEnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<KinesisShardSplit> context, KinesisEnumeratorState state) {
        ShardDiscovery discovery = new ShardDiscovery(SdkStreamProxy.create(config));
        return new KinesisShardEnumerator(context, config, discovery, state);
    }

    @Override
    public SourceReader<T, KinesisShardSplit> createReader(SourceReaderContext context) throws Exception {
        deserializer.open(new DeserializationSchema.InitializationContext() {
            @Override
            public MetricGroup getMetricGroup() {
                return context.metricGroup().addGroup("deserializer");
            }

            @Override
            public UserCodeClassLoader getUserCodeClassLoader() {
                return context.getUserCodeClassLoader();
            }
        });
        // One metric group per shard for the reader's lifetime, across fetcher restarts.
        Map<String, KinesisShardMetrics> shardMetrics = new ConcurrentHashMap<>();
        String stream = KinesisShardMetrics.streamLabel(config.streamArn(), config.streamName());
        return new KinesisSourceReader<>(
                () -> new KinesisShardSplitReader(
                        SdkStreamProxy.create(config),
                        config,
                        shardId -> shardMetrics.computeIfAbsent(
                                shardId, id -> new KinesisShardMetrics(context.metricGroup(), stream, id))),
                new KinesisRecordEmitter<>(deserializer),
                context.getConfiguration(),
                context);
    }

    @Override
    public SimpleVersionedSerializer<KinesisShardSplit> getSplitSerializer() {
        return KinesisShardSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<KinesisEnumeratorState> getEnumeratorCheckpointSerializer() {
        return new KinesisEnumeratorStateSerializer();
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return deserializer.getProducedType();
    }
}
