package io.trailstream.cli;

import io.trailstream.job.JobConfig;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one entry point of the jar: {@code run} on a cluster, {@code local} on the embedded MiniCluster,
 * the ops commands that publish control messages, {@code backfill}, which asks the job for objects again, and
 * {@code aws}, which connects a customer's AWS environment.
 */
@Command(
        name = "trailstream",
        mixinStandardHelpOptions = true,
        version = "trailstream 0.1.0",
        description = "Ingests AWS CloudTrail logs into Apache Iceberg tables with Apache Flink.",
        subcommands = {
            RunCommand.class,
            LocalCommand.class,
            IntegrationCommands.class,
            LicenceCommands.class,
            BackfillCommand.class,
            AwsCommands.class,
            MaintainCommand.class,
            io.trailstream.cluster.ClusterCommand.class,
            CommandLine.HelpCommand.class
        })
public class TrailstreamCommand {

    /**
     * Set by the {@code ./trailstream} launcher, whose JVM is the command's own: there every command, {@code run}
     * included, ends the JVM with its exit code.
     */
    public static final String LAUNCHER_PROPERTY = "trailstream.launcher";

    /**
     * The jar's main class (its manifest's {@code Main-Class}), so what a Flink cluster runs when given the jar and
     * {@code run --config FILE}: REST {@code /jars/:id/run}, {@code flink run}, application mode. There the main
     * method runs inside a JVM that is not ours (the JobManager's, {@code flink run}'s client), where {@code
     * System.exit} would end it: in a session cluster the JobManager and every job on it, in application mode the
     * job it has just submitted. So {@code run} returns once the job is submitted (or, run embedded, once it ends)
     * and throws when it cannot start (the cluster reports the exception: the REST answer, the application's
     * failure); every other command, and {@code run} under the launcher, ends the JVM with its exit code.
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals(RunCommand.NAME) && !Boolean.getBoolean(LAUNCHER_PROPERTY)) {
            RunCommand.runAsProgram(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.exit(execute(args));
    }

    /** Runs the command line on stdout and stderr and returns the exit code, without exiting. */
    public static int execute(String... args) {
        return execute(
                new ControlCommandContext(),
                new PrintWriter(System.out, true),
                new PrintWriter(System.err, true),
                args);
    }

    /**
     * Runs the command line with {@code out} and {@code err} for output, the ops commands with
     * {@code context}, and returns the exit code: 0 done, 1 failed, 2 refused or bad usage.
     */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return execute(new ControlCommandContext(), out, err, args);
    }

    /** Like {@link #execute(PrintWriter, PrintWriter, String...)}, with the ops commands' context. */
    public static int execute(ControlCommandContext context, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new TrailstreamCommand(), new OpsFactory(context));
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler(TrailstreamCommand::usageError);
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

    /**
     * A command line that does not parse: the problem, picocli's suggestions for a mistyped option or
     * command, and where the full usage is, in a few lines on stderr; exit code 2.
     */
    private static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("error: " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("See '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** Creates the ops commands with the given context, everything else as picocli does. */
    private static final class OpsFactory implements CommandLine.IFactory {
        private final ControlCommandContext context;

        OpsFactory(ControlCommandContext context) {
            this.context = context;
        }

        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == IntegrationCommands.class) return type.cast(new IntegrationCommands(context));
            if (type == LicenceCommands.class) return type.cast(new LicenceCommands(context));
            if (type == BackfillCommand.class) return type.cast(new BackfillCommand(context));
            if (type == AwsCommands.class) return type.cast(new AwsCommands(context));
            return CommandLine.defaultFactory().create(type);
        }
    }

    /** The configuration error behind {@code ex}, if any: shown as a message, without a stack trace. */
    private static Throwable rootConfigError(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof JobConfig.ConfigException
                    || t instanceof IllegalArgumentException
                    || t instanceof CommandLine.ParameterException) {
                return t;
            }
        }
        return null;
    }
}
