package io.trailstream.cli;

import io.trailstream.control.ControlView;
import io.trailstream.control.Integration;
import io.trailstream.control.IntegrationStatus;
import io.trailstream.control.message.ControlMessage;
import io.trailstream.control.message.IntegrationPatch;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code integration add} and {@code integration update}: both publish {@code upsert_integration}. */
public final class IntegrationEditCommands {
    private IntegrationEditCommands() {}

    /** The descriptive fields both commands take; only those given go into the message. */
    abstract static class Edit extends IntegrationCommands.Sub {
        @Option(names = "--tenant", paramLabel = "TENANT_ID", description = "The tenant (customer) it belongs to.")
        String tenant;

        @Option(names = "--name", paramLabel = "TEXT", description = "Display name.")
        String name;

        @Option(
                names = "--bucket",
                paramLabel = "BUCKET",
                description = "The trail bucket (or an absolute folder path).")
        String bucket;

        @Option(names = "--prefix", paramLabel = "PREFIX", description = "Key prefix before AWSLogs/ (empty for none).")
        String prefix;

        @Option(
                names = "--organization",
                paramLabel = "O_ID",
                description = "AWS Organization id of an Organization trail.")
        String organization;

        @Option(
                names = "--role-arn",
                paramLabel = "ARN",
                description = "The role the job assumes to read its objects (trailstream aws apply makes it).")
        String roleArn;

        @Option(names = "--external-id", paramLabel = "ID", description = "The external id the role's trust asks for.")
        String externalId;

        IntegrationPatch fields() {
            IntegrationPatch p = new IntegrationPatch();
            if (tenant != null) p.tenantId(tenant);
            if (name != null) p.displayName(name);
            if (bucket != null) p.bucket(bucket);
            if (prefix != null) p.prefix(prefix);
            if (organization != null) p.organizationId(organization);
            if (roleArn != null) p.roleArn(roleArn);
            if (externalId != null) p.externalId(externalId);
            return p;
        }
    }

    /** Publishes upsert_integration for a new id (refused if the id exists and is not deleted). */
    @Command(name = "add", description = "Add a new integration (published as upsert_integration).")
    public static class Add extends Edit {
        @Option(
                names = "--accounts",
                split = ",",
                paramLabel = "ACCOUNT",
                description = "Organization trails: collect only these member accounts (default all).")
        List<String> accounts;

        @Option(
                names = "--status",
                paramLabel = "STATUS",
                converter = StatusConverter.class,
                description = "active (default), suspended or disconnected.")
        IntegrationStatus status;

        @Override
        protected ControlMessage build(ControlMessageBuilder b) {
            if (tenant == null || bucket == null) throw new IllegalArgumentException("add needs --tenant and --bucket");
            IntegrationPatch p = fields();
            if (accounts != null) p.includedAccounts(accounts);
            if (status != null) p.status(status);
            return b.upsert(integrationId, p);
        }

        @Override
        protected String precondition(ControlMessage m, ControlView current) {
            Integration i = current.integration(m.integrationId);
            return i != null && i.status != IntegrationStatus.DELETED
                    ? "integration " + m.integrationId + " exists already; use update"
                    : null;
        }
    }

    /** Publishes upsert_integration naming only the fields given, for an existing id. */
    @Command(
            name = "update",
            description = "Change the given fields of an integration (published as upsert_integration).")
    public static class Update extends Edit {
        @Option(names = "--no-prefix", description = "Remove the prefix.")
        boolean noPrefix;

        @Option(
                names = "--no-role",
                description = "Read with the job's own credentials again (no role, no external id).")
        boolean noRole;

        @Option(
                names = "--no-organization",
                description = "It is not an Organization trail (any include-list must go first).")
        boolean noOrganization;

        @Override
        protected ControlMessage build(ControlMessageBuilder b) {
            IntegrationPatch p = fields();
            if (noPrefix) p.prefix(null);
            if (noOrganization) p.organizationId(null);
            if (noRole) p.roleArn(null).externalId(null);
            if (p.fields.isEmpty()) throw new IllegalArgumentException("update needs at least one field to change");
            return b.upsert(integrationId, p);
        }

        @Override
        protected String precondition(ControlMessage m, ControlView current) {
            Integration i = current.integration(m.integrationId);
            if (i == null) return "unknown integration " + m.integrationId;
            return i.status == IntegrationStatus.DELETED
                    ? "integration " + m.integrationId + " is deleted; use add"
                    : null;
        }
    }

    /** Reads a status as written in messages (case-insensitive). */
    public static class StatusConverter implements picocli.CommandLine.ITypeConverter<IntegrationStatus> {
        @Override
        public IntegrationStatus convert(String value) {
            return IntegrationStatus.fromWire(value);
        }
    }
}
