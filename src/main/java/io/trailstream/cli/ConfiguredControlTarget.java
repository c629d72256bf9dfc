package io.trailstream.cli;

import io.trailstream.job.InputSources;
import io.trailstream.job.JobConfig;
import io.trailstream.job.TrailstreamOptions;
import io.trailstream.kinesis.config.KinesisSourceOptions;
import java.net.URI;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;

/**
 * The control source a job config names ({@code control.source}: the Kinesis stream under
 * {@code control.kinesis.*} or the folder {@code control.local.path}), as the target of a publishing
 * command given {@code --config} but neither {@code --to-folder} nor {@code --kinesis-stream}: ops then
 * publish exactly where the job reads. Credentials never come from the config: the AWS SDK's chain supplies them.
 */
final class ConfiguredControlTarget {
    private ConfiguredControlTarget() {}

    /**
     * Fills in the target of {@code o} from {@code config} (read from {@code file}).
     *
     * @throws IllegalArgumentException when the config names no control source, or an incomplete one
     */
    static void applyTo(ControlPublishOptions o, JobConfig config, Path file) {
        Configuration conf = config.configuration();
        String where = " (in config " + file + ")";
        switch (conf.get(TrailstreamOptions.CONTROL_SOURCE)) {
            case KINESIS: {
                Configuration k = KinesisSourceOptions.subset(conf, InputSources.CONTROL_KINESIS_PREFIX);
                o.kinesisStream = k.getOptional(KinesisSourceOptions.STREAM_ARN)
                        .orElse(k.getOptional(KinesisSourceOptions.STREAM_NAME).orElse(null));
                if (o.kinesisStream == null) {
                    throw new IllegalArgumentException("control.source is KINESIS but neither "
                            + InputSources.CONTROL_KINESIS_PREFIX + "stream.arn nor "
                            + InputSources.CONTROL_KINESIS_PREFIX
                            + "stream.name is set" + where);
                }
                if (o.region == null && !o.stream().isArn())
                    o.region = k.getOptional(KinesisSourceOptions.AWS_REGION).orElse(null);
                if (o.endpoint == null) {
                    o.endpoint = k.getOptional(KinesisSourceOptions.AWS_ENDPOINT)
                            .map(URI::create)
                            .orElse(null);
                }
                return;
            }
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
}
