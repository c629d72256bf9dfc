package io.trailstream.job;

import io.trailstream.control.ControlEnvelope;
import io.trailstream.control.folder.ControlFolderSource;
import io.trailstream.kinesis.KinesisSource;
import io.trailstream.kinesis.config.KinesisSourceOptions;
import io.trailstream.kinesis.serialization.KinesisDeserializationSchema;
import io.trailstream.kinesis.serialization.KinesisRecordMeta;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

/** The control stream as configured: from Kinesis, from a local folder, or none (config integrations only). */
public final class ControlSources {
    /** Prefix of the control stream's Kinesis source options, e.g. {@code control.kinesis.stream.arn}. */
    public static final String KINESIS_PREFIX = "control.kinesis.";

    private ControlSources() {}

    public static DataStream<ControlEnvelope> create(StreamExecutionEnvironment env, Configuration conf) {
        TypeInformation<ControlEnvelope> type = TypeInformation.of(ControlEnvelope.class);
        switch (conf.get(TrailstreamOptions.CONTROL_SOURCE)) {
            case KINESIS:
                return env.fromSource(
                                KinesisSource.fromConfiguration(
                                        KinesisSourceOptions.subset(conf, KINESIS_PREFIX), new ControlEnvelopeSchema()),
                                WatermarkStrategy.noWatermarks(),
                                "kinesis control",
                                type)
                        .uid("kinesis-control-source")
                        .setParallelism(1);
            case LOCAL: {
                String folder = conf.getOptional(TrailstreamOptions.CONTROL_LOCAL_PATH)
                        .orElseThrow(() -> new JobConfig.ConfigException(TrailstreamOptions.CONTROL_LOCAL_PATH.key()
                                + " must be set when control.source is LOCAL"));
                return env.fromSource(
                                ControlFolderSource.create(
                                        Path.of(folder),
                                        conf.getOptional(TrailstreamOptions.CONTROL_LOCAL_WATCH_INTERVAL)
                                                .orElse(null),
                                        conf.get(TrailstreamOptions.CONTROL_MAX_MESSAGE_BYTES)),
                                WatermarkStrategy.noWatermarks(),
                                "control folder " + folder,
                                type)
                        .uid("local-control-source")
                        .setParallelism(1);
            }
            case NONE:
            default:
                // An empty stream, so routing has a broadcast input either way (fromData refuses an empty list).
                return env.fromData(List.of(new ControlEnvelope()), type)
                        .uid("no-control-source")
                        .filter(e -> e.payload != null)
                        .uid("no-control-messages")
                        .name("no control stream");
        }
    }

    /** Keeps a Kinesis record's bytes and names its shard and sequence number as the origin. */
    static final class ControlEnvelopeSchema implements KinesisDeserializationSchema<ControlEnvelope> {
        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(byte[] data, KinesisRecordMeta meta, Collector<ControlEnvelope> out) {
            out.collect(new ControlEnvelope(
                    data,
                    "kinesis:" + meta.shardId() + ":" + meta.sequenceNumber(),
                    meta.arrivalMillis() > 0 ? meta.arrivalMillis() : System.currentTimeMillis()));
        }

        @Override
        public TypeInformation<ControlEnvelope> getProducedType() {
            return TypeInformation.of(ControlEnvelope.class);
        }
    }
}
