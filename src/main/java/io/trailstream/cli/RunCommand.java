package io.trailstream.cli;

import io.trailstream.job.JobConfig;
import io.trailstream.job.TrailstreamJob;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** What a Flink cluster runs: {@code flink run trailstream.jar run --config trailstream.yaml}. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Run the streaming job on the Flink cluster the environment points to.")
public class RunCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, description = "Job configuration file (YAML).")
    Path config;

    @Override
    public Integer call() throws Exception {
        JobConfig jobConfig = JobConfig.load(config);
        TrailstreamJob.execute(jobConfig, "trailstream");
        return 0;
    }
}
