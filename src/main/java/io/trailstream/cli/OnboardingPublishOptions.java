package io.trailstream.cli;

import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where {@code aws apply} and {@code aws teardown --yes} publish their control message, as the ops commands
 * do: a control folder, a Kinesis control stream, or the one the job's config names. The stream is the lake's,
 * so it is called with the default credential chain and its ARN's region, not the customer's {@code --profile}
 * and {@code --region}; {@code --control-endpoint} replaces the ops commands' {@code --endpoint}.
 */
public class OnboardingPublishOptions extends JobConfigOption {
    @Option(names = "--to-folder", paramLabel = "DIR", description = "Write the message into this control folder.")
    Path folder;

    @Option(names = "--kinesis-stream", paramLabel = "ARN", description = "Put the message on this control stream.")
    String kinesisStream;

    @Option(names = "--control-endpoint", paramLabel = "URL", description = "Kinesis endpoint of the control stream.")
    URI controlEndpoint;

    @Option(names = "--author", paramLabel = "WHO", description = "Who issues the message (default: user@host).")
    String author;

    boolean given() {
        return folder != null || kinesisStream != null || config != null;
    }

    /** The ops commands' publishing options, filled from these (and the config's control source). */
    ControlPublishOptions toPublishOptions() {
        ControlPublishOptions o = new ControlPublishOptions();
        o.folder = folder;
        o.kinesisStream = kinesisStream;
        o.endpoint = controlEndpoint;
        o.author = author;
        o.force = true;
        if (folder == null && kinesisStream == null && config != null) {
            ConfiguredTargets.control(o, jobConfig(), config);
        }
        o.validate();
        return o;
    }
}
