package io.trailstream.cli;

import io.trailstream.control.ControlView;
import io.trailstream.control.Integration;
import io.trailstream.control.IntegrationStatus;
import io.trailstream.control.message.ControlMessage;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code integration}: the ops subcommands that change integrations by publishing control messages,
 * and {@code list}. The top command registers it (with a configured {@link ControlCommandContext}).
 */
@Command(
        name = "integration",
        mixinStandardHelpOptions = true,
        description = {
            "Add, change, suspend, resume, disconnect, delete and list integrations; purge a deleted one's records.",
            "Each change is one control message: written into a local control folder (--to-folder DIR) or put on "
                    + "the job's Kinesis control stream (--kinesis-stream ARN). It is checked first against the "
                    + "current integrations (--force skips that), then printed on stdout; stderr says where it went."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  trailstream integration add acme-prod --tenant acme --bucket acme-cloudtrail \\",
            "      --prefix org-trail --organization o-a1b2c3d4e5 \\",
            "      --accounts 111122223333,444455556666 --to-folder control",
            "  trailstream integration suspend acme-prod --config conf/trailstream.yaml \\",
            "      --kinesis-stream arn:aws:kinesis:eu-west-1:123456789012:stream/control",
            "  trailstream integration list --config conf/trailstream.yaml",
            "  trailstream integration purge acme-prod --config conf/trailstream.yaml --dry-run",
            "Run 'trailstream integration COMMAND --help' for a command's options."
        },
        subcommands = {
            IntegrationEditCommands.Add.class,
            IntegrationEditCommands.Update.class,
            IntegrationCommands.Suspend.class,
            IntegrationCommands.Resume.class,
            IntegrationCommands.Disconnect.class,
            IntegrationCommands.Delete.class,
            AccountCommands.SetAccounts.class,
            AccountCommands.AddAccounts.class,
            AccountCommands.RemoveAccounts.class,
            ListIntegrationsCommand.class,
            PurgeIntegrationCommand.class
        })
public class IntegrationCommands {
    private final ControlCommandContext context;

    /** With the system clock, random message ids and the AWS SDK's default Kinesis client. */
    public IntegrationCommands() {
        this(new ControlCommandContext());
    }

    /** With {@code context} (tests give their own clock and ids). */
    public IntegrationCommands(ControlCommandContext context) {
        this.context = context;
    }

    /** What the subcommands build, publish and read with. */
    public ControlCommandContext context() {
        return context;
    }

    /** A subcommand of {@code integration} that publishes one message about one integration. */
    public abstract static class Sub extends PublishingCommand {
        @ParentCommand
        IntegrationCommands parent;

        @Parameters(index = "0", paramLabel = "INTEGRATION_ID", description = "The integration.")
        public String integrationId;

        @ArgGroup(
                validate = false,
                order = 60,
                heading = "%nJob config and current integrations (a change is checked against a control%n"
                        + "folder's messages over the config's integrations, or for Kinesis against the%n"
                        + "integrations table, the config's integrations while it does not exist):%n")
        public StateSourceOptions state = new StateSourceOptions();

        @Override
        protected ControlCommandContext context() {
            return parent.context();
        }

        @Override
        protected JobConfigOption jobConfig() {
            return state;
        }

        @Override
        protected IntegrationLookup lookup() {
            return context().lookupForChange(publish, state);
        }
    }

    /** A subcommand that publishes set_status with one status. */
    abstract static class StatusChange extends Sub {
        private final IntegrationStatus status;

        StatusChange(IntegrationStatus status) {
            this.status = status;
        }

        @Override
        protected ControlMessage build(ControlMessageBuilder b) {
            return b.setStatus(integrationId, status);
        }
    }

    /** Publishes set_status suspended: ops stop an integration by hand; a licence renewal does not resume it. */
    @Command(name = "suspend", description = "Stop collecting an integration until it is resumed.")
    public static class Suspend extends StatusChange {
        public Suspend() {
            super(IntegrationStatus.SUSPENDED);
        }
    }

    /** Publishes set_status active. */
    @Command(name = "resume", description = "Collect a suspended or disconnected integration again.")
    public static class Resume extends StatusChange {
        public Resume() {
            super(IntegrationStatus.ACTIVE);
        }
    }

    /** Publishes set_status disconnected: the customer's AWS access is gone. */
    @Command(name = "disconnect", description = "Mark an integration whose AWS access is gone; nothing is collected.")
    public static class Disconnect extends StatusChange {
        public Disconnect() {
            super(IntegrationStatus.DISCONNECTED);
        }
    }

    /** Publishes delete_integration: the job keeps a tombstone so its objects are skipped as deleted. */
    @Command(name = "delete", description = "Delete an integration; its objects are skipped as deleted from then on.")
    public static class Delete extends Sub {
        @Override
        protected ControlMessage build(ControlMessageBuilder b) {
            return b.delete(integrationId);
        }

        @Override
        protected String precondition(ControlMessage m, ControlView current) {
            Integration i = current.integration(m.integrationId);
            return i != null && i.status == IntegrationStatus.DELETED
                    ? "integration " + m.integrationId + " is deleted already"
                    : null;
        }
    }
}
