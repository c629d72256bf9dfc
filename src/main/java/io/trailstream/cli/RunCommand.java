package io.trailstream.cli;

import io.trailstream.job.JobConfig;
import io.trailstream.job.TrailstreamJob;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What a Flink cluster runs: {@code flink run trailstream.jar run --config trailstream.yaml}, the REST API's
 * {@code /jars/:id/run} with {@code run --config FILE}, the Kubernetes operator's application.
 */
@Command(
        name = RunCommand.NAME,
        mixinStandardHelpOptions = true,
        description = "Run the streaming job on the Flink cluster the environment points to.")
public class RunCommand implements Callable<Integer> {
    static final String NAME = "run";

    @Option(names = "--config", required = true, description = "Job configuration file (YAML).")
    Path config;

    @Override
    public Integer call() throws Exception {
        JobConfig jobConfig = JobConfig.load(config);
        TrailstreamJob.execute(jobConfig, "trailstream");
        return 0;
    }

    /**
     * {@code run} as a program inside another's JVM (see {@link TrailstreamCommand#main}): returns once the job is
     * submitted, throws what keeps it from starting (a usage error, a bad config file), never exits.
     */
    static void runAsProgram(String... args) throws Exception {
        RunCommand run = new RunCommand();
        CommandLine cli = new CommandLine(run);
        cli.parseArgs(args);
        if (cli.isUsageHelpRequested()) {
            cli.usage(System.out);
        } else if (cli.isVersionHelpRequested()) {
            cli.printVersionHelp(System.out);
        } else {
            run.call();
        }
    }
}
