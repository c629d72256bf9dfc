package io.trailstream.cli;

import io.trailstream.control.message.ControlMessage;
import io.trailstream.control.message.WireTime;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code licence}: the ops subcommands for a tenant's licence. Expiry suspends every integration of
 * the tenant; renewal resumes those whose own status is active.
 */
@Command(
        name = "licence",
        mixinStandardHelpOptions = true,
        description = {
            "Expire or renew a tenant's licence, or set when it lapses.",
            "Each change is one control message, published like the integration commands' (--to-folder DIR or "
                    + "--kinesis-stream ARN) but not checked against the current state: a tenant needs no integration."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  trailstream licence expire acme --to-folder control",
            "  trailstream licence renew acme --valid-until 2027-12-31T00:00:00Z \\",
            "      --kinesis-stream arn:aws:kinesis:eu-west-1:123456789012:stream/control",
            "  trailstream licence valid-until acme none --to-folder control",
            "Run 'trailstream licence COMMAND --help' for a command's options."
        },
        subcommands = {LicenceCommands.Expire.class, LicenceCommands.Renew.class, LicenceCommands.ValidUntil.class})
public class LicenceCommands {
    private final ControlCommandContext context;

    /** With the system clock, random message ids and the AWS SDK's default Kinesis client. */
    public LicenceCommands() {
        this(new ControlCommandContext());
    }

    /** With {@code context} (tests give their own clock and ids). */
    public LicenceCommands(ControlCommandContext context) {
        this.context = context;
    }

    /** What the subcommands build, publish and read with. */
    public ControlCommandContext context() {
        return context;
    }

    /** A subcommand of {@code licence}: one message about one tenant, not checked against the state. */
    abstract static class Sub extends PublishingCommand {
        @ParentCommand
        LicenceCommands parent;

        @Parameters(index = "0", paramLabel = "TENANT_ID", description = "The tenant.")
        String tenantId;

        @ArgGroup(validate = false, order = 60, heading = "%nJob config:%n")
        JobConfigOption config = new JobConfigOption();

        @Override
        protected JobConfigOption jobConfig() {
            return config;
        }

        @Override
        protected ControlCommandContext context() {
            return parent.context();
        }

        @Override
        protected boolean needsCheck() {
            return false;
        }

        static Instant instant(String text) {
            if (text == null || text.equalsIgnoreCase("none")) return null;
            try {
                return Instant.ofEpochMilli(WireTime.parseMillis(text));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                        "'" + text + "' is not an ISO-8601 instant such as 2027-01-01T00:00:00Z");
            }
        }
    }

    /** Publishes licence_expired. */
    @Command(name = "expire", description = "Expire the licence now: every integration of the tenant stops.")
    public static class Expire extends Sub {
        @Override
        protected ControlMessage build(ControlMessageBuilder b) {
            return b.expireLicence(tenantId);
        }
    }

    /** Publishes licence_renewed, optionally with a new valid-until. */
    @Command(name = "renew", description = "Renew the licence: integrations whose own status is active resume.")
    public static class Renew extends Sub {
        @Option(
                names = "--valid-until",
                paramLabel = "INSTANT",
                description = "The renewed licence lapses then (default: no bound).")
        String validUntil;

        @Override
        protected ControlMessage build(ControlMessageBuilder b) {
            return b.renewLicence(tenantId, instant(validUntil));
        }
    }

    /** Publishes licence_valid_until: the licence lapses then with no further message. */
    @Command(
            name = "valid-until",
            description = "Set when the licence lapses by itself, or 'none' to remove the bound.")
    public static class ValidUntil extends Sub {
        @Parameters(index = "1", paramLabel = "INSTANT|none", description = "e.g. 2027-01-01T00:00:00Z")
        String validUntil;

        @Override
        protected ControlMessage build(ControlMessageBuilder b) {
            return b.licenceValidUntil(tenantId, instant(validUntil));
        }
    }
}
