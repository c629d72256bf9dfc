package io.trailstream.job;

import io.trailstream.input.RawMessage;
import io.trailstream.kinesis.KinesisSource;
import io.trailstream.kinesis.config.KinesisSourceOptions;
import io.trailstream.kinesis.serialization.KinesisDeserializationSchema;
import io.trailstream.kinesis.serialization.KinesisRecordMeta;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

/** Wires the project's Kinesis source to the notification parser: Kinesis records become {@link RawMessage}s. */
public final class NotificationSources {
    /** Prefix of the notification stream's Kinesis source options, e.g. {@code notifications.kinesis.stream.arn}. */
    public static final String KINESIS_PREFIX = "notifications.kinesis.";

    private NotificationSources() {}

    /** The notification stream read from Kinesis, as configured under {@link #KINESIS_PREFIX}. */
    public static DataStream<RawMessage> kinesis(StreamExecutionEnvironment env, Configuration conf) {
        KinesisSource<RawMessage> source = KinesisSource.fromConfiguration(
                KinesisSourceOptions.subset(conf, KINESIS_PREFIX), new RawNotificationSchema());
        return env.fromSource(
                        source,
                        WatermarkStrategy.noWatermarks(),
                        "kinesis notifications",
                        TypeInformation.of(RawMessage.class))
                .uid("kinesis-notifications-source");
    }

    /** Keeps the bytes and names the record's shard and sequence number as its origin. */
    static final class RawNotificationSchema implements KinesisDeserializationSchema<RawMessage> {
        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(byte[] data, KinesisRecordMeta meta, Collector<RawMessage> out) {
            out.collect(new RawMessage(
                    data,
                    "kinesis:" + meta.shardId() + ":" + meta.sequenceNumber(),
                    meta.arrivalMillis() > 0 ? meta.arrivalMillis() : System.currentTimeMillis()));
        }

        @Override
        public TypeInformation<RawMessage> getProducedType() {
            return TypeInformation.of(RawMessage.class);
        }
    }
}
