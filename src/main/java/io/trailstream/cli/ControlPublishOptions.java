package io.trailstream.cli;

import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options every publishing subcommand shares: where to publish (a local folder or a Kinesis
 * stream), who is publishing, and whether to skip the check against the current state.
 */
public class ControlPublishOptions {
    @Option(names = "--to-folder", paramLabel = "DIR", description = "Write the message into this local control folder.")
    public Path folder;

    @Option(names = "--kinesis-stream", paramLabel = "NAME", description = "Put the message on this Kinesis control stream.")
    public String kinesisStream;

    @Option(names = "--region", paramLabel = "REGION", description = "AWS region of the Kinesis stream (default: the SDK's).")
    public String region;

    @Option(names = "--endpoint", paramLabel = "URL", description = "Kinesis endpoint override, e.g. an emulator.")
    public URI endpoint;

    @Option(names = "--author", paramLabel = "WHO", description = "Who issues the message (default: $TRAILSTREAM_AUTHOR, else user@host).")
    public String author;

    @Option(names = "--force", description = "Publish without checking the integration against the current state.")
    public boolean force;

    @Option(names = "--dry-run", description = "Validate and print the message, but do not publish it.")
    public boolean dryRun;

    /** The author to sign with: the option, else $TRAILSTREAM_AUTHOR, else user@host. */
    public String author() {
        if (author != null && !author.isBlank()) return author;
        String env = System.getenv("TRAILSTREAM_AUTHOR");
        if (env != null && !env.isBlank()) return env;
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        return System.getProperty("user.name", "ops") + "@" + host;
    }
}
