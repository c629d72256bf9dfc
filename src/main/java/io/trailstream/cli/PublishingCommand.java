package io.trailstream.cli;

import io.trailstream.control.ApplyOutcome;
import io.trailstream.control.ApplyResult;
import io.trailstream.control.ControlApplier;
import io.trailstream.control.ControlMessage;
import io.trailstream.control.ControlView;
import io.trailstream.control.Integration;
import io.trailstream.control.IntegrationPatch;
import io.trailstream.control.Tenant;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The steps every publishing subcommand takes: build the message (validated by the job's parser),
 * check it against the current integrations unless {@code --force} (it must be a change the job
 * would apply), publish it, and print the JSON sent on stdout and where it went on stderr.
 * Exit codes: 0 published, 1 publishing failed, 2 refused.
 */
public abstract class PublishingCommand implements Callable<Integer> {
    @Mixin
    public ControlPublishOptions publish = new ControlPublishOptions();

    @Spec
    CommandSpec spec;

    protected abstract ControlCommandContext context();

    /** Builds the message; throws {@link IllegalArgumentException} for bad input. */
    protected abstract ControlMessage build(ControlMessageBuilder builder);

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
        ControlMessage m;
        try {
            ControlCommandContext.requireOneTarget(publish);
            m = build(context().builder(publish));
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        if (needsCheck() && !publish.force) {
            IntegrationLookup lookup = context().lookup(publish);
            if (lookup == null) {
                err.println("error: cannot check integration " + m.integrationId + ": no integrations table is configured;"
                        + " pass --force to publish without the check");
                return 2;
            }
            try {
                String problem = check(m, lookup.current());
                if (problem != null) {
                    err.println("error: " + problem + " (in " + lookup.source() + "; --force publishes anyway)");
                    return 2;
                }
            } catch (IOException | RuntimeException e) {
                err.println("error: cannot read " + lookup.source() + ": " + e.getMessage());
                return 1;
            }
        }
        if (publish.dryRun) {
            out.println(m.json);
            err.println("dry run: not published");
            return 0;
        }
        try (ControlPublisher publisher = context().publisher(publish)) {
            String where = publisher.publish(m);
            out.println(m.json);
            err.println("published to " + where);
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("error: publishing failed: " + e.getMessage());
            return 1;
        }
    }

    /** The precondition, then what the job itself would do with the message: anything but applied is refused. */
    private String check(ControlMessage m, ControlView current) {
        String problem = precondition(m, current);
        if (problem != null) return problem;
        Integration before = current.integration(m.integrationId);
        String tenantId = m.integration != null && m.integration.has(IntegrationPatch.TENANT_ID) ? m.integration.tenantId
                : before == null ? null : before.tenantId;
        Tenant tenant = tenantId == null ? null : current.tenant(tenantId);
        ApplyResult r = new ControlApplier().apply(m, before, tenant, m.issuedAtMillis);
        if (r.outcome == ApplyOutcome.APPLIED) return null;
        return "the job would not apply it: " + r.outcome.wireName() + " [" + r.reasonCode + "] " + r.reason;
    }
}
