package io.trailstream.cli;

import io.trailstream.job.JobConfig;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one entry point of the jar: {@code run} on a cluster, {@code local} on the embedded MiniCluster,
 * and the ops commands that publish control messages.
 */
@Command(name = "trailstream", mixinStandardHelpOptions = true, version = "trailstream 0.1.0",
        description = "Ingests AWS CloudTrail logs into Apache Iceberg tables with Apache Flink.",
        subcommands = {RunCommand.class, LocalCommand.class, IntegrationCommands.class, LicenceCommands.class,
                CommandLine.HelpCommand.class})
public class TrailstreamCommand {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code, without exiting (for tests). */
    public static int execute(String... args) {
        return execute(new CommandLine(new TrailstreamCommand()), args);
    }

    /** Runs the command line writing to {@code out} and {@code err} instead of the console; returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new TrailstreamCommand());
        cli.setOut(out);
        cli.setErr(err);
        return execute(cli, args);
    }

    private static int execute(CommandLine cli, String... args) {
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            Throwable cause = rootConfigError(ex);
            if (cause != null) {
                commandLine.getErr().println("trailstream: " + cause.getMessage());
                return 2;
            }
            throw ex;
        });
        return cli.execute(args);
    }

    /** The configuration error behind {@code ex}, if any: shown as a message, without a stack trace. */
    private static Throwable rootConfigError(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof JobConfig.ConfigException || t instanceof IllegalArgumentException
                    || t instanceof CommandLine.ParameterException) {
                return t;
            }
        }
        return null;
    }
}
