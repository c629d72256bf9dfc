package io.trailstream.cli;

import io.trailstream.control.ControlView;
import io.trailstream.control.apply.ApplyOutcome;
import io.trailstream.control.apply.ApplyResult;
import io.trailstream.control.apply.ControlApplier;
import io.trailstream.control.message.ControlMessage;
import io.trailstream.job.JobConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The steps every publishing subcommand takes: build the message (validated by the job's parser),
 * check it against the current integrations unless {@code --force} (it must be a change the job
 * would apply), publish it, and print the JSON sent on stdout and one line on stderr saying where it
 * went. Exit codes: 0 published, 1 publishing (or reading the state) failed, 2 refused or bad usage.
 */
@Command(
        sortOptions = false,
        abbreviateSynopsis = true,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:published (or, with --dry-run, checked)",
            "1:publishing failed, or the state could not be read",
            "2:refused: bad usage, an invalid change, or one the job would not apply"
        })
public abstract class PublishingCommand implements Callable<Integer> {
    @ArgGroup(
            validate = false,
            order = 50,
            heading = "%nPublishing (one of --to-folder and --kinesis-stream; with --config, by default%n"
                    + "the control stream or folder the job reads):%n")
    public ControlPublishOptions publish = new ControlPublishOptions();

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            order = 40,
            description = "Show this help and exit.")
    boolean help;

    @Spec
    CommandSpec spec;

    /** The parent command's context. */
    protected abstract ControlCommandContext context();

    /** The command's {@code --config} option. */
    protected abstract JobConfigOption jobConfig();

    /** Builds the message; throws {@link IllegalArgumentException} for bad input. */
    protected abstract ControlMessage build(ControlMessageBuilder builder);

    /**
     * Where the change is checked before publishing; null when no state can be read. Only called when
     * {@link #needsCheck()}. Throws {@link IllegalArgumentException} for options that do not fit together.
     */
    protected IntegrationLookup lookup() {
        return null;
    }

    /** Whether the message must be checked against the current state (licence messages need not). */
    protected boolean needsCheck() {
        return true;
    }

    /** A command-specific objection to publishing {@code m} against {@code current}, or null. */
    protected String precondition(ControlMessage m, ControlView current) {
        return null;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean check = needsCheck() && !publish.force;
        ControlMessage m;
        IntegrationLookup lookup = null;
        try {
            JobConfigOption config = jobConfig();
            if (publish.folder == null && publish.kinesisStream == null && config.config != null) {
                ConfiguredTargets.control(publish, config.jobConfig(), config.config);
            }
            publish.validate();
            ControlMessageBuilder builder = context().builder(publish);
            if (publish.folder != null) builder.issueAfter(LocalFolderPublisher.latestIssuedMillis(publish.folder));
            m = build(builder);
            if (check) lookup = lookup();
        } catch (IllegalArgumentException | JobConfig.ConfigException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("error: cannot read control folder " + publish.folder + ": " + e.getMessage());
            return 1;
        }
        String note = null;
        if (check) {
            if (lookup == null) {
                err.println(
                        "error: cannot check " + target(m) + " before publishing it to Kinesis: give --warehouse DIR"
                                + " or --config FILE to read the integrations table, or --force to publish unchecked");
                return 2;
            }
            ControlView current;
            try {
                current = lookup.current();
            } catch (IOException | RuntimeException e) {
                err.println("error: cannot read " + lookup.source() + ": " + e.getMessage());
                return 1;
            }
            String problem = precondition(m, current);
            // What the job itself would do with the message against the current state.
            ApplyResult r = problem == null ? new ControlApplier().simulate(current, m, m.issuedAtMillis) : null;
            if (problem == null && r.outcome != ApplyOutcome.APPLIED) {
                problem = r.reason + " [" + r.reasonCode + "]: the job would "
                        + (r.outcome == ApplyOutcome.REJECTED ? "reject" : "ignore") + " this message";
            }
            if (problem != null) {
                err.println(
                        "error: " + problem + " (checked against " + lookup.source() + "; --force publishes anyway)");
                return 2;
            }
            if ("no_change".equals(r.reasonCode)) note = "it changes nothing in " + lookup.source();
        }
        if (publish.dryRun) {
            out.println(m.json);
            err.println("dry run: " + what(m) + (check ? " checked, " : " ") + "not published to " + publish.target()
                    + (note == null ? "" : "; note: " + note));
            return 0;
        }
        try (ControlPublisher publisher = context().publisher(publish)) {
            String where = publisher.publish(m);
            out.println(m.json);
            err.println("published " + what(m) + " to " + where + (note == null ? "" : "; note: " + note));
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (IOException | RuntimeException e) {
            err.println("error: " + what(m) + " not published: " + e.getMessage());
            return 1;
        }
    }

    private static String target(ControlMessage m) {
        return m.kind.isTenantKind() ? "tenant " + m.tenantId : "integration " + m.integrationId;
    }

    private static String what(ControlMessage m) {
        return m.kind.wireName() + " for " + target(m);
    }
}
