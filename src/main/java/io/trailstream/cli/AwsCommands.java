package io.trailstream.cli;

import io.trailstream.control.message.ControlMessage;
import io.trailstream.control.message.IntegrationPatch;
import io.trailstream.onboarding.OnboardedIntegration;
import io.trailstream.onboarding.Onboarding;
import io.trailstream.onboarding.OnboardingClients;
import io.trailstream.onboarding.Plan;
import io.trailstream.onboarding.StepFailedException;
import io.trailstream.onboarding.UndoCommand;
import io.trailstream.onboarding.Verification;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@code trailstream aws plan | apply | verify | teardown}: connects a customer's AWS environment to the lake
 * with the customer's own credentials (see docs/onboarding.md), and publishes the integration to the job.
 * Exit codes: 0 done (plan: no conflict; verify: every link holds), 1 an AWS call or publishing failed (verify:
 * a link is broken), 2 refused (bad usage, a conflict, no --yes).
 */
@Command(
        name = "aws",
        mixinStandardHelpOptions = true,
        description = "Connect a customer's AWS account or Organization: plan, apply, verify, teardown.",
        subcommands = {
            AwsCommands.PlanCommand.class,
            AwsCommands.Apply.class,
            AwsCommands.Verify.class,
            AwsCommands.Teardown.class
        })
public class AwsCommands {
    private final ControlCommandContext context;

    public AwsCommands() {
        this(new ControlCommandContext());
    }

    public AwsCommands(ControlCommandContext context) {
        this.context = context;
    }

    /** What every subcommand shares: the options, the clients, error handling. */
    abstract static class Sub implements Callable<Integer> {
        @ParentCommand
        AwsCommands parent;

        @Mixin
        AwsOptions aws;

        @Option(names = "--output", paramLabel = "text|json", description = "text (default) or json.")
        String output = "text";

        @Spec
        CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        PrintWriter err() {
            return spec.commandLine().getErr();
        }

        boolean json() {
            if (!"json".equals(output) && !"text".equals(output))
                throw new IllegalArgumentException("--output: text or json, not '" + output + "'");
            return "json".equals(output);
        }

        @Override
        public Integer call() {
            try (OnboardingClients clients = new OnboardingClients(aws.settings(), parent.context.awsInterceptors())) {
                return run(clients);
            } catch (IllegalArgumentException e) {
                err().println("error: " + e.getMessage());
                return 2;
            } catch (StepFailedException e) {
                err().println("error: " + e.getMessage());
                err().println("the steps before it are done; apply again once it is fixed (it continues from there)");
                return 1;
            } catch (SdkException e) {
                err().println("error: AWS refused or failed: " + e.getMessage());
                return 1;
            }
        }

        abstract int run(OnboardingClients clients);

        /** Publishes the message {@code build} makes, as the ops commands do; false (reported) when it failed. */
        boolean publish(OnboardingPublishOptions target, Function<ControlMessageBuilder, ControlMessage> build) {
            ControlPublishOptions o = target.toPublishOptions();
            try {
                ControlMessageBuilder builder = parent.context.builder(o);
                if (o.folder != null) builder.issueAfter(LocalFolderPublisher.latestIssuedMillis(o.folder));
                ControlMessage m = build.apply(builder);
                try (ControlPublisher publisher = parent.context.publisher(o)) {
                    String where = publisher.publish(m);
                    err().println("published " + m.kind.wireName() + " for " + m.integrationId + " to " + where);
                    out().println(m.json);
                }
                return true;
            } catch (IOException | RuntimeException e) {
                err().println("error: the control message was not published: " + e.getMessage());
                return false;
            }
        }
    }

    /** Discovers and prints the plan; changes nothing. */
    @Command(name = "plan", description = "Discover (read-only) and print each step: create, update, none, conflict.")
    static class PlanCommand extends Sub {
        @Override
        int run(OnboardingClients clients) {
            Plan plan = Onboarding.plan(clients, aws.request());
            PlanPrinter.print(plan, json(), out());
            return plan.hasConflicts() ? 2 : 0;
        }
    }

    /** Carries out the plan, then publishes upsert_integration. */
    @Command(name = "apply", description = "Carry out the plan in order, then publish upsert_integration.")
    static class Apply extends Sub {
        @Option(names = "--yes", description = "Really change the account.")
        boolean yes;

        @ArgGroup(validate = false, heading = "%nPublishing the integration:%n")
        OnboardingPublishOptions publish = new OnboardingPublishOptions();

        @Override
        int run(OnboardingClients clients) {
            var request = aws.request().requireComplete();
            if (!publish.given()) throw new IllegalArgumentException("give --to-folder, --kinesis-stream or --config");
            publish.toPublishOptions();
            Plan plan = Onboarding.plan(clients, request);
            if (!yes || plan.hasConflicts()) {
                PlanPrinter.print(plan, json(), out());
                err().println(
                                plan.hasConflicts()
                                        ? "error: the plan has conflicts; nothing was changed"
                                        : "nothing was changed: give --yes to carry out this plan");
                return 2;
            }
            Plan done = Onboarding.apply(
                    clients,
                    request,
                    step -> err().println(step.action().wireName() + " " + step.step() + " " + step.resource()));
            err().println(
                            done.changes().isEmpty()
                                    ? "nothing to change"
                                    : done.changes().size() + " steps done");
            OnboardedIntegration i = done.integration();
            return publish(publish, b -> b.upsert(i.integrationId(), fields(i))) ? 0 : 1;
        }

        private static IntegrationPatch fields(OnboardedIntegration i) {
            IntegrationPatch p = new IntegrationPatch()
                    .tenantId(i.tenantId())
                    .bucket(i.bucket())
                    .prefix(i.prefix());
            p.organizationId(i.organizationId());
            if (i.organizationId() != null) p.includedAccounts(i.accounts());
            return p.roleArn(i.roleArn()).externalId(i.externalId());
        }
    }

    /** Read-only checks of every link; exit 1 naming each broken one. */
    @Command(name = "verify", description = "Check that the integration still works; exit 1 naming each broken link.")
    static class Verify extends Sub {
        @Override
        int run(OnboardingClients clients) {
            List<Verification.Check> checks = Onboarding.verify(clients, aws.request());
            PlanPrinter.print(checks, json(), out());
            long broken = checks.stream().filter(c -> !c.ok()).count();
            if (broken > 0) err().println(broken + " broken link(s)");
            return broken == 0 ? 0 : 1;
        }
    }

    /** Prints (and with --yes carries out) the AWS CLI commands that undo what apply made. */
    @Command(name = "teardown", description = "Print the AWS CLI commands that undo what apply made; --yes runs them.")
    static class Teardown extends Sub {
        @Option(names = "--yes", description = "Carry the commands out, then publish delete_integration.")
        boolean yes;

        @Option(names = "--delete-bucket", description = "Also delete the bucket apply made, with its logs.")
        boolean deleteBucket;

        @ArgGroup(validate = false, heading = "%nPublishing delete_integration (with --yes):%n")
        OnboardingPublishOptions publish = new OnboardingPublishOptions();

        @Override
        int run(OnboardingClients clients) {
            if (yes && !publish.given())
                throw new IllegalArgumentException("give --to-folder, --kinesis-stream or --config");
            if (yes) publish.toPublishOptions();
            List<UndoCommand> commands = Onboarding.teardown(clients, aws.request(), deleteBucket);
            commands.forEach(c -> out().println(c.cli()));
            if (!yes) return 0;
            for (UndoCommand c : commands) {
                if (c.isNote()) continue;
                try {
                    c.run().run();
                } catch (SdkException e) {
                    err().println("error: " + c.cli() + " failed: " + e.getMessage());
                    err().println("the commands before it are done; teardown again continues from there");
                    return 1;
                }
                err().println("done: " + c.cli());
            }
            return publish(publish, b -> b.delete(aws.integration)) ? 0 : 1;
        }
    }
}
