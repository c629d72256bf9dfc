package io.trailstream.cli;

import io.trailstream.job.InputSources;
import io.trailstream.job.JobConfig;
import io.trailstream.job.TrailstreamOptions;
import io.trailstream.kinesis.config.KinesisSourceOptions;
import java.net.URI;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;

/**
 * The notification stream a job config reads ({@code notifications.kinesis.*}), as the target of
 * {@code trailstream backfill} given {@code --config} but no {@code --kinesis-stream}: replays go exactly where
 * the job reads its notifications. Credentials never come from the config: the AWS SDK's chain supplies them.
 */
final class NotificationStreamTarget {
    private NotificationStreamTarget() {}

    /**
     * Fills in the stream, region and endpoint of {@code o} from {@code config} (read from {@code file}).
     *
     * @throws IllegalArgumentException when the config reads notifications from a local folder, or names no stream
     */
    static void applyTo(ControlPublishOptions o, JobConfig config, Path file) {
        Configuration conf = config.configuration();
        String where = " (in config " + file + ")";
        if (conf.get(TrailstreamOptions.NOTIFICATIONS_SOURCE) != TrailstreamOptions.NotificationSource.KINESIS) {
            throw new IllegalArgumentException(
                    "give --kinesis-stream ARN: the config " + file
                            + " reads notifications from a local folder (notifications.source is LOCAL), where replays cannot go");
        }
        Configuration k = KinesisSourceOptions.subset(conf, InputSources.NOTIFICATIONS_KINESIS_PREFIX);
        o.kinesisStream = k.getOptional(KinesisSourceOptions.STREAM_ARN)
                .orElse(k.getOptional(KinesisSourceOptions.STREAM_NAME).orElse(null));
        if (o.kinesisStream == null) {
            throw new IllegalArgumentException("notifications.source is KINESIS but neither "
                    + InputSources.NOTIFICATIONS_KINESIS_PREFIX + "stream.arn nor "
                    + InputSources.NOTIFICATIONS_KINESIS_PREFIX + "stream.name is set" + where);
        }
        if (o.region == null && !o.stream().isArn())
            o.region = k.getOptional(KinesisSourceOptions.AWS_REGION).orElse(null);
        if (o.endpoint == null)
            o.endpoint = k.getOptional(KinesisSourceOptions.AWS_ENDPOINT)
                    .map(URI::create)
                    .orElse(null);
    }
}
