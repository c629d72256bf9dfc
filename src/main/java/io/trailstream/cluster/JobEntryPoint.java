package io.trailstream.cluster;

import io.trailstream.job.JobConfig;
import io.trailstream.job.TrailstreamJob;
import java.nio.file.Path;

/**
 * The entry class to submit the job to a running Flink cluster through its REST API ({@code POST
 * /jars/:id/run} with {@code entryClass}) or to start it in application mode: builds the topology from
 * {@code --config FILE} and returns once the job is submitted. It never calls {@code System.exit}: the main
 * method runs inside the JobManager's JVM there, and the jar's own command line
 * ({@code io.trailstream.cli.TrailstreamCommand}) ends with {@code System.exit}, which would take a session
 * JobManager down with it.
 */
public final class JobEntryPoint {
    private JobEntryPoint() {}

    public static void main(String[] args) throws Exception {
        TrailstreamJob.execute(JobConfig.load(configFile(args)), "trailstream");
    }

    /** The file after {@code --config} (also accepted: the {@code run --config FILE} of the command line). */
    static Path configFile(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) return Path.of(args[i + 1]);
            if (args[i].startsWith("--config=")) return Path.of(args[i].substring("--config=".length()));
        }
        throw new IllegalArgumentException("usage: JobEntryPoint --config FILE (got " + String.join(" ", args) + ")");
    }
}
