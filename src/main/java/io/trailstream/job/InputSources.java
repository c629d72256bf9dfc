package io.trailstream.job;

import io.trailstream.control.folder.ControlFolderSource;
import io.trailstream.input.RawMessage;
import io.trailstream.kinesis.KinesisSource;
import io.trailstream.kinesis.config.KinesisSourceOptions;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job's two inputs of raw messages as configured: notifications from Kinesis, and control messages from
 * Kinesis, from a local folder, or none (config integrations only). Both Kinesis inputs are the same source,
 * read under their own option prefix, with the same {@link RawMessageSchema}.
 */
public final class InputSources {
    /** Prefix of the notification stream's Kinesis source options, e.g. {@code notifications.kinesis.stream.arn}. */
    public static final String NOTIFICATIONS_KINESIS_PREFIX = "notifications.kinesis.";
    /** Prefix of the control stream's Kinesis source options, e.g. {@code control.kinesis.stream.arn}. */
    public static final String CONTROL_KINESIS_PREFIX = "control.kinesis.";

    private static final TypeInformation<RawMessage> TYPE = TypeInformation.of(RawMessage.class);

    private InputSources() {}

    /** The notification stream read from Kinesis, as configured under {@link #NOTIFICATIONS_KINESIS_PREFIX}. */
    public static DataStream<RawMessage> notifications(StreamExecutionEnvironment env, Configuration conf) {
        return kinesis(
                env, conf, NOTIFICATIONS_KINESIS_PREFIX, "kinesis notifications", "kinesis-notifications-source");
    }

    /** The control stream as {@code control.source} says; an empty stream for NONE. */
    public static DataStream<RawMessage> control(StreamExecutionEnvironment env, Configuration conf) {
        switch (conf.get(TrailstreamOptions.CONTROL_SOURCE)) {
            case KINESIS:
                return kinesis(env, conf, CONTROL_KINESIS_PREFIX, "kinesis control", "kinesis-control-source")
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
                                TYPE)
                        .uid("local-control-source")
                        .setParallelism(1);
            }
            case NONE:
            default:
                // An empty stream, so routing has a broadcast input either way (fromData refuses an empty list).
                return env.fromData(List.of(new RawMessage()), TYPE)
                        .uid("no-control-source")
                        .filter(e -> e.payload != null)
                        .uid("no-control-messages")
                        .name("no control stream");
        }
    }

    private static SingleOutputStreamOperator<RawMessage> kinesis(
            StreamExecutionEnvironment env, Configuration conf, String prefix, String name, String uid) {
        KinesisSource<RawMessage> source =
                KinesisSource.fromConfiguration(KinesisSourceOptions.subset(conf, prefix), new RawMessageSchema());
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), name, TYPE)
                .uid(uid);
    }
}
