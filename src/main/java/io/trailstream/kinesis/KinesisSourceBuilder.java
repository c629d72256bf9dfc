package io.trailstream.kinesis;

import io.trailstream.kinesis.config.KinesisSourceConfig;
import io.trailstream.kinesis.config.KinesisSourceOptions;
import io.trailstream.kinesis.serialization.KinesisDeserializationSchema;
import java.util.Objects;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/**
 * Assembles a {@link KinesisSource}: options from a {@link Configuration} (keys of {@link
 * KinesisSourceOptions}), then explicit setters on top, then validation in {@link #build()}, so a
 * bad value fails while the job graph is built.
 */
public final class KinesisSourceBuilder<T> {

    private final Configuration options = new Configuration();
    private KinesisDeserializationSchema<T> deserializer;

    KinesisSourceBuilder() {}

    /** Adds all entries of {@code config}; later calls and setters override earlier values. */
    public KinesisSourceBuilder<T> config(Configuration config) {
        // toMap() rather than addAll(): it also sees through views such as prefix-stripping ones.
        Configuration.fromMap(config.toMap()).toMap().forEach(options::setString);
        return this;
    }

    public KinesisSourceBuilder<T> streamArn(String streamArn) {
        return set(KinesisSourceOptions.STREAM_ARN, streamArn);
    }

    public KinesisSourceBuilder<T> streamName(String streamName) {
        return set(KinesisSourceOptions.STREAM_NAME, streamName);
    }

    /** Sets any option of {@link KinesisSourceOptions}. */
    public <V> KinesisSourceBuilder<T> set(ConfigOption<V> option, V value) {
        options.set(option, value);
        return this;
    }

    public KinesisSourceBuilder<T> deserializer(KinesisDeserializationSchema<T> deserializer) {
        this.deserializer = deserializer;
        return this;
    }

    /**
     * @throws IllegalArgumentException naming the option and the value that are wrong
     */
    public KinesisSource<T> build() {
        Objects.requireNonNull(
                deserializer,
                "Kinesis source: a deserializer is required, e.g. KinesisDeserializationSchema.payload()");
        return new KinesisSource<>(KinesisSourceConfig.from(options), deserializer);
    }
}
