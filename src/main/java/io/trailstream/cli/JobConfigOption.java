package io.trailstream.cli;

import io.trailstream.control.ControlView;
import io.trailstream.job.JobConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --config FILE}: the job's config file, as the ops commands use it: its control source is where
 * to publish when no target is given, its integrations are the state the job starts from, and its
 * {@code catalog.*} options name the catalog holding the {@code integrations} table.
 */
public class JobConfigOption {
    @Option(
            names = "--config",
            paramLabel = "FILE",
            order = 10,
            description = "The job's config file: publish to its control stream or folder (control.source) when "
                    + "neither --to-folder nor --kinesis-stream is given; its integrations are the state the job "
                    + "starts from; its catalog.* options name the catalog holding the integrations table.")
    public Path config;

    private JobConfig loaded;

    /**
     * The config file, loaded once; null without {@code --config}.
     *
     * @throws JobConfig.ConfigException naming the file, key and value at fault
     */
    public JobConfig jobConfig() {
        if (config == null) return null;
        if (loaded == null) {
            if (!Files.isRegularFile(config))
                throw new JobConfig.ConfigException("--config: '" + config + "' is not a file");
            loaded = JobConfig.load(config);
        }
        return loaded;
    }

    /** The config's integrations as the state the job starts from; null without {@code --config}. */
    public ControlView seeds() {
        JobConfig c = jobConfig();
        return c == null ? null : c.seeds();
    }

    /** Where {@link #seeds()} come from, for messages. */
    public String seedsSource() {
        return "the integrations of config " + config;
    }
}
