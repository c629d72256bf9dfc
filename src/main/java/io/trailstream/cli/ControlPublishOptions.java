package io.trailstream.cli;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options every publishing subcommand shares: where to publish (a local control folder or a
 * Kinesis stream), who is publishing, and whether to skip the check against the current state.
 */
public class ControlPublishOptions {
    @Option(
            names = "--to-folder",
            paramLabel = "DIR",
            order = 1,
            description = "Write the message as a file into this local control folder (created if missing).")
    public Path folder;

    @Option(
            names = "--kinesis-stream",
            paramLabel = "ARN",
            order = 2,
            description = "Put the message on this Kinesis control stream: its ARN (or name).")
    public String kinesisStream;

    @Option(
            names = "--region",
            paramLabel = "REGION",
            order = 3,
            description = "AWS region of the stream (default: the ARN's, else the SDK's, e.g. $AWS_REGION).")
    public String region;

    @Option(
            names = "--endpoint",
            paramLabel = "URL",
            order = 4,
            description = "Call this Kinesis endpoint instead of AWS's (e.g. an emulator).")
    public URI endpoint;

    @Option(
            names = "--author",
            paramLabel = "WHO",
            order = 20,
            description = "Who issues the message (default: $TRAILSTREAM_AUTHOR, else user@host).")
    public String author;

    @Option(
            names = "--force",
            order = 21,
            description = "Publish without checking the change against the current integrations.")
    public boolean force;

    @Option(names = "--dry-run", order = 22, description = "Check and print the message, but do not publish it.")
    public boolean dryRun;

    /**
     * Checks that exactly one target is given and that its options make sense.
     *
     * @throws IllegalArgumentException naming the option and value at fault
     */
    public void validate() {
        if ((folder == null) == (kinesisStream == null)) {
            throw new IllegalArgumentException("give exactly one of --to-folder DIR and --kinesis-stream ARN"
                    + (folder == null ? " (or --config FILE naming the job's control source)" : ""));
        }
        if (folder != null) {
            if (Files.exists(folder) && !Files.isDirectory(folder)) {
                throw new IllegalArgumentException("--to-folder: '" + folder + "' is a file, not a folder");
            }
            if (region != null) throw new IllegalArgumentException("--region is for --kinesis-stream, not --to-folder");
            if (endpoint != null)
                throw new IllegalArgumentException("--endpoint is for --kinesis-stream, not --to-folder");
            return;
        }
        stream().region(region);
        if (endpoint != null
                && (endpoint.getHost() == null
                        || !("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme())))) {
            throw new IllegalArgumentException(
                    "--endpoint: '" + endpoint + "' is not an http(s) URL such as http://127.0.0.1:4567");
        }
    }

    /** The (validated) target, for messages: {@code control folder DIR} or {@code Kinesis stream ARN}. */
    public String target() {
        return folder != null ? "control folder " + folder : "Kinesis stream " + kinesisStream;
    }

    /** The Kinesis stream named by {@code --kinesis-stream}. */
    public KinesisStreamRef stream() {
        return KinesisStreamRef.parse(kinesisStream);
    }

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
