package io.trailstream.cli;

import io.trailstream.control.ControlView;
import io.trailstream.control.Integration;
import io.trailstream.control.IntegrationStatus;
import io.trailstream.iceberg.ControlAuditTable;
import io.trailstream.iceberg.IntegrationPurge;
import io.trailstream.iceberg.OpenCatalog;
import io.trailstream.iceberg.TableAppender;
import io.trailstream.job.JobConfig;
import io.trailstream.maintenance.MaintenanceLocks;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code trailstream integration purge ID}: on offboarding, removes a deleted integration's records from
 * {@code events} and {@code insights} ({@link IntegrationPurge}) and records it in {@code control_audit}. The
 * integration's current state is read as {@code integration list} reads it (the {@code integrations} table over the
 * config's integrations); anything but {@code deleted} is refused, so a purge never removes what the job still
 * collects. The ledger and the audit keep their rows: they say what was collected and what was removed.
 */
@Command(
        name = "purge",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Delete a deleted integration's records from the events and insights tables (whole data files: both are "
                    + "partitioned by integration) and write an audit row (kind purge) to control_audit. Refused "
                    + "unless the integrations table says the integration is deleted. The ledger (objects) and "
                    + "control_audit keep their rows. Run again after the job's last commits: a second run removes "
                    + "what arrived since, or records that there was nothing left."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:purged (or nothing left to purge; with --dry-run, listed what would be deleted)",
            "1:refused (the integration is unknown or not deleted), or the tables could not be changed",
            "2:bad usage"
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  trailstream integration purge acme-prod --dry-run --config job.yaml",
            "  trailstream integration purge acme-prod --warehouse warehouse"
        })
public class PurgeIntegrationCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(PurgeIntegrationCommand.class);

    @ParentCommand
    IntegrationCommands parent;

    @Parameters(index = "0", paramLabel = "INTEGRATION_ID", description = "The deleted integration.")
    String integrationId;

    @Option(names = "--dry-run", order = 1, description = "Print what would be deleted; change nothing.")
    boolean dryRun;

    @Option(
            names = "--author",
            paramLabel = "WHO",
            order = 2,
            description = "Who purges, in the audit row (default: $TRAILSTREAM_AUTHOR, else user@host).")
    String author;

    @Option(
            names = "--lock-wait",
            paramLabel = "DURATION",
            order = 3,
            defaultValue = "PT2M",
            description = "How long to wait for the tables' maintenance lock while maintenance runs (default: "
                    + "${DEFAULT-VALUE}).")
    Duration lockWait;

    @ArgGroup(validate = false, order = 60, heading = "%nWhere the tables are:%n")
    StateSourceOptions state = new StateSourceOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Configuration catalog;
        IntegrationLookup lookup;
        try {
            catalog = state.catalog();
            if (catalog == null)
                throw new IllegalArgumentException("give --warehouse DIR or --config FILE: where the tables are");
            lookup = parent.context().lookupForList(null, state);
        } catch (IllegalArgumentException | JobConfig.ConfigException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        Integration integration;
        try {
            ControlView current = lookup.current();
            integration = current.integration(integrationId);
        } catch (IOException e) {
            err.println("error: cannot read " + lookup.source() + ": " + e.getMessage());
            return 1;
        }
        String refusal = refusal(integration, lookup.source());
        if (refusal != null) {
            err.println("error: " + refusal);
            return 1;
        }
        try (OpenCatalog c = OpenCatalog.forReading(catalog)) {
            return dryRun ? dryRun(out, c) : purge(out, err, c, catalog, integration);
        } catch (MaintenanceLocks.BusyException e) {
            err.println(
                    "error: nothing deleted: " + e.getMessage() + "; try again later, or give a longer --lock-wait");
            return 1;
        } catch (IOException | RuntimeException e) {
            err.println("error: purge of integration " + integrationId + " failed: " + e.getMessage());
            LOG.error("Purge of integration {} failed", integrationId, e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("error: interrupted while waiting for the maintenance lock; nothing deleted");
            return 1;
        }
    }

    private String refusal(Integration integration, String source) {
        if (integration == null) return "unknown integration " + integrationId + " (in " + source + ")";
        if (integration.status == IntegrationStatus.DELETED) return null;
        return "integration " + integrationId + " is " + integration.status.wireName() + " (in " + source
                + "): only a deleted integration is purged. Delete it first (trailstream integration delete "
                + integrationId + ") and purge once the job has recorded the deletion in its integrations table.";
    }

    private int dryRun(PrintWriter out, OpenCatalog c) throws IOException {
        List<IntegrationPurge.Count> found = new ArrayList<>();
        for (String name : tables(c)) found.add(IntegrationPurge.find(c.table(name), integrationId));
        out.println("Would delete " + PurgeAudit.describe(integrationId, found) + ".");
        out.println("Dry run: nothing deleted, no audit row written.");
        return 0;
    }

    private int purge(PrintWriter out, PrintWriter err, OpenCatalog c, Configuration catalog, Integration integration)
            throws IOException, InterruptedException {
        List<String> tables = tables(c);
        List<IntegrationPurge.Count> deleted = new ArrayList<>();
        try (MaintenanceLocks locks = MaintenanceLocks.hold(catalog, tables, lockWait)) {
            if (!locks.held()) err.println("note: the catalog has no JDBC maintenance lock; committing without it");
            for (String name : tables) deleted.add(IntegrationPurge.delete(c.table(name), integrationId));
        }
        String what = "deleted " + PurgeAudit.describe(integrationId, deleted);
        if (!c.exists(ControlAuditTable.NAME)) {
            err.println(
                    "error: " + what + ", but there is no table " + c.id(ControlAuditTable.NAME) + " to record it in");
            return 1;
        }
        TableAppender.appendAudit(
                c.table(ControlAuditTable.NAME),
                List.of(PurgeAudit.of(
                        integration, deleted, author(), parent.context().nowMillis())));
        LOG.info("Purge by {}: {}", author(), what);
        out.println((deleted.stream().allMatch(d -> d.files() == 0) ? "Nothing to purge: " : "Purged: ") + what
                + ". Audit row written to " + c.id(ControlAuditTable.NAME) + "; the ledger keeps its rows.");
        return 0;
    }

    /** The tables of {@link IntegrationPurge#TABLES} that exist (the job creates them all at its first start). */
    private static List<String> tables(OpenCatalog c) {
        return IntegrationPurge.TABLES.stream().filter(c::exists).toList();
    }

    private String author() {
        ControlPublishOptions o = new ControlPublishOptions();
        o.author = author;
        return o.author();
    }
}
