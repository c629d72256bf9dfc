package io.trailstream.cli;

import io.trailstream.control.Integration;
import io.trailstream.iceberg.CatalogOptions;
import io.trailstream.integrity.IntegrityOptions;
import io.trailstream.job.JobConfig;
import io.trailstream.job.TrailstreamJob;
import io.trailstream.job.TrailstreamOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.base.source.reader.SourceReaderOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The embedded default: runs the whole job in an in-process MiniCluster over a local folder laid out like a
 * trail bucket, writes a local Iceberg warehouse, and prints what landed.
 */
@Command(
        name = "local",
        mixinStandardHelpOptions = true,
        description =
                "Run the job in-process over a local folder (default: the bundled samples) and print what landed.")
public class LocalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--input",
            description = "Folder laid out like a trail bucket (DIR/AWSLogs/...). Default: the bundled samples.")
    Path input;

    @Option(
            names = "--warehouse",
            defaultValue = "warehouse",
            description = "Iceberg warehouse folder (default: ${DEFAULT-VALUE}).")
    Path warehouse;

    @Option(
            names = "--config",
            description = "Job configuration file (YAML); its integrations all read the input folder.")
    Path config;

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            description = "Parallelism of the embedded job (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
            names = "--control",
            description =
                    "Folder of control message files (see `trailstream integration --to-folder`), applied in name order.")
    Path control;

    @Option(
            names = "--watch",
            description = "Keep watching the input (and control) folder for new files (runs until stopped).")
    boolean watch;

    /** The keys of the bundled samples' digests, when they are what runs. */
    private Path samplesKeys;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (parallelism < 1) throw new IllegalArgumentException("--parallelism must be at least 1, got " + parallelism);
        if (input == null) {
            Path samples = BundledSamples.extract();
            try {
                samplesKeys = BundledSamples.publicKeys(samples);
                return run(samples, out);
            } finally {
                BundledSamples.delete(samples);
            }
        }
        if (!Files.isDirectory(input)) {
            throw new IllegalArgumentException("--input: '" + input + "' is not a folder");
        }
        return run(input.toAbsolutePath().normalize(), out);
    }

    private int run(Path folder, PrintWriter out) throws Exception {
        JobConfig loaded = config == null ? new JobConfig(new Configuration(), List.of()) : JobConfig.load(config);
        Configuration conf = new Configuration(loaded.configuration());
        conf.set(TrailstreamOptions.NOTIFICATIONS_SOURCE, TrailstreamOptions.NotificationSource.LOCAL);
        conf.set(TrailstreamOptions.LOCAL_INPUT, folder.toString());
        if (samplesKeys != null && !conf.contains(IntegrityOptions.PUBLIC_KEYS)) {
            conf.set(IntegrityOptions.PUBLIC_KEYS, samplesKeys.toString());
        }
        if (watch) conf.set(TrailstreamOptions.LOCAL_WATCH_INTERVAL, Duration.ofSeconds(2));
        if (control != null) {
            if (!Files.isDirectory(control))
                throw new IllegalArgumentException("--control: '" + control + "' is not a folder");
            conf.set(TrailstreamOptions.CONTROL_SOURCE, TrailstreamOptions.ControlSource.LOCAL);
            conf.set(
                    TrailstreamOptions.CONTROL_LOCAL_PATH,
                    control.toAbsolutePath().normalize().toString());
            if (watch) {
                conf.set(TrailstreamOptions.CONTROL_LOCAL_WATCH_INTERVAL, Duration.ofSeconds(2));
            } else {
                // Both folders are read to the end first, so every message applies to every object.
                conf.set(TrailstreamOptions.HOLD_UNTIL_INPUTS_END, true);
            }
        }
        if (!watch) {
            // A bounded run ends when the folder is read: nothing may wait for an integration to appear.
            conf.set(TrailstreamOptions.UNROUTED_GRACE_PERIOD, Duration.ZERO);
        }
        conf.set(
                CatalogOptions.WAREHOUSE, warehouse.toAbsolutePath().normalize().toString());
        conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        if (!conf.contains(CheckpointingOptions.CHECKPOINTING_INTERVAL)) {
            conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(2));
        }
        if (!conf.contains(SourceReaderOptions.SOURCE_READER_CLOSE_TIMEOUT)) {
            // Flink 2.1's split fetcher can drop its own shutdown hand-off when its queue is full (FLINK-40660, open):
            // closing the source reader then waits out this timeout, 30 s by default, when the folder has been read;
            // in our runs of the small-files benchmark, one in three or four. The folder sources' fetchers hold
            // nothing that needs the wait (a warning is logged and the run goes on).
            conf.set(SourceReaderOptions.SOURCE_READER_CLOSE_TIMEOUT, 1000L);
        }
        if (!conf.contains(RestartStrategyOptions.RESTART_STRATEGY)) {
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        }
        boolean controlled = conf.get(TrailstreamOptions.CONTROL_SOURCE) != TrailstreamOptions.ControlSource.NONE;
        JobConfig jobConfig = new JobConfig(conf, localIntegrations(loaded.integrations(), controlled, folder));

        out.printf(
                "trailstream local: input %s, warehouse %s, parallelism %d%n",
                folder, warehouse.toAbsolutePath().normalize(), parallelism);
        out.flush();
        Instant started = Instant.now();
        // Keyed state (event dedupe, integrity checks) soon outgrows the JobManager's in-memory checkpoint storage
        // (5 MB per subtask): checkpoints go to a temporary folder unless the config names one.
        Path checkpoints = null;
        if (!conf.contains(CheckpointingOptions.CHECKPOINTS_DIRECTORY)) {
            checkpoints = Files.createTempDirectory("trailstream-checkpoints-");
            conf.set(
                    CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                    checkpoints.toUri().toString());
        }
        try {
            TrailstreamJob.execute(jobConfig, "trailstream local");
        } finally {
            if (checkpoints != null) deleteTree(checkpoints);
        }
        LandedSummary summary = LandedSummary.since(conf, started);
        summary.print(out);
        long files = LandedSummary.countFiles(folder);
        if (summary.objects() != files) {
            out.printf(
                    "%nNot every object was accounted for: %d files in %s, %d ledger rows.%n",
                    files, folder, summary.objects());
            return 1;
        }
        out.printf(
                "%nAll %d objects accounted for in %.1f s.%n",
                files, Duration.between(started, Instant.now()).toMillis() / 1000.0);
        return 0;
    }

    private static void deleteTree(Path dir) {
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // a temporary folder left behind is harmless
        }
    }

    /**
     * The integrations the embedded run starts with. A run that names no integration at all (none in the
     * config, no control source) treats the whole folder as one integration named {@code local}; otherwise
     * exactly the named ones exist, as in a deployed job, so an object none of them claims is unrouted. The
     * config's integrations all read the folder.
     */
    static List<Integration> localIntegrations(List<Integration> configured, boolean controlSource, Path folder) {
        if (configured.isEmpty() && !controlSource) return List.of(Integration.of("local", folder.toString(), null));
        List<Integration> result = new ArrayList<>();
        for (Integration i : configured) {
            Integration local = i.copy();
            local.bucket = folder.toString();
            result.add(local);
        }
        return result;
    }
}
