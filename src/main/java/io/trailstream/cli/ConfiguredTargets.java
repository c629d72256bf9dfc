package io.trailstream.cli;

import io.trailstream.job.InputSources;
import io.trailstream.job.JobConfig;
import io.trailstream.job.TrailstreamOptions;
import io.trailstream.kinesis.config.KinesisSourceOptions;
import java.net.URI;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;

/**
 * Where a command given {@code --config} but no target of its own publishes: exactly where the job reads. A
 * control command goes to the config's control source ({@code control.kinesis.*} or the folder
 * {@code control.local.path}), {@code trailstream backfill} to its notification stream
 * ({@code notifications.kinesis.*}). Credentials never come from the config: the AWS SDK's chain supplies them.
 */
final class ConfiguredTargets {
    private ConfiguredTargets() {}

    /**
     * Fills in the target of {@code o} from the control source of {@code config} (read from {@code file}).
     *
     * @throws IllegalArgumentException when the config names no control source, or an incomplete one
     */
    static void control(ControlPublishOptions o, JobConfig config, Path file) {
        Configuration conf = config.configuration();
        String where = " (in config " + file + ")";
        switch (conf.get(TrailstreamOptions.CONTROL_SOURCE)) {
            case KINESIS:
                kinesis(o, conf, InputSources.CONTROL_KINESIS_PREFIX, "control.source", where);
                return;
            case LOCAL:
                o.folder = Path.of(conf.getOptional(TrailstreamOptions.CONTROL_LOCAL_PATH)
                        .orElseThrow(() -> new IllegalArgumentException("control.source is LOCAL but "
                                + TrailstreamOptions.CONTROL_LOCAL_PATH.key() + " is not set" + where)));
                return;
            case NONE:
            default:
                throw new IllegalArgumentException("give --to-folder DIR or --kinesis-stream ARN: the config " + file
                        + " names no control source (control.source is NONE)");
        }
    }

    /**
     * Fills in the stream, region and endpoint of {@code o} from the notification stream of {@code config}.
     *
     * @throws IllegalArgumentException when the config reads notifications from a local folder, or names no stream
     */
    static void notifications(ControlPublishOptions o, JobConfig config, Path file) {
        Configuration conf = config.configuration();
        if (conf.get(TrailstreamOptions.NOTIFICATIONS_SOURCE) != TrailstreamOptions.NotificationSource.KINESIS) {
            throw new IllegalArgumentException(
                    "give --kinesis-stream ARN: the config " + file
                            + " reads notifications from a local folder (notifications.source is LOCAL), where replays cannot go");
        }
        kinesis(
                o,
                conf,
                InputSources.NOTIFICATIONS_KINESIS_PREFIX,
                "notifications.source",
                " (in config " + file + ")");
    }

    /** The stream a Kinesis source of the job reads under {@code prefix}, with its region and endpoint unless given. */
    private static void kinesis(
            ControlPublishOptions o, Configuration conf, String prefix, String source, String where) {
        Configuration k = KinesisSourceOptions.subset(conf, prefix);
        o.kinesisStream = k.getOptional(KinesisSourceOptions.STREAM_ARN)
                .orElse(k.getOptional(KinesisSourceOptions.STREAM_NAME).orElse(null));
        if (o.kinesisStream == null) {
            throw new IllegalArgumentException(source + " is KINESIS but neither " + prefix + "stream.arn nor " + prefix
                    + "stream.name is set" + where);
        }
        if (o.region == null && !o.stream().isArn())
            o.region = k.getOptional(KinesisSourceOptions.AWS_REGION).orElse(null);
        if (o.endpoint == null) {
            o.endpoint = k.getOptional(KinesisSourceOptions.AWS_ENDPOINT)
                    .map(URI::create)
                    .orElse(null);
        }
    }
}
