package io.trailstream.cli;

import io.trailstream.control.ControlView;
import io.trailstream.control.Integration;
import io.trailstream.control.IntegrationStatus;
import io.trailstream.control.LicencePolicy;
import io.trailstream.control.Tenant;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code integration list}: the current integrations, from a local control folder or from the
 * {@code integrations} table, with the status they behave with now (licence included).
 */
@Command(name = "list", description = "List the integrations and their current status.")
public class ListIntegrationsCommand implements Callable<Integer> {
    @ParentCommand
    IntegrationCommands parent;
    @Spec
    CommandSpec spec;

    @Option(names = "--from-folder", paramLabel = "DIR", description = "Replay this local control folder (default: the integrations table).")
    Path folder;
    @Option(names = "--tenant", paramLabel = "TENANT_ID", description = "Only this tenant's integrations.")
    String tenant;
    @Option(names = "--deleted", description = "Include deleted integrations.")
    boolean deleted;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ControlPublishOptions where = new ControlPublishOptions();
        where.folder = folder;
        IntegrationLookup lookup = parent.context().lookup(where);
        if (lookup == null) {
            err.println("error: no integrations table is configured; give --from-folder DIR");
            return 2;
        }
        ControlView view;
        try {
            view = lookup.current();
        } catch (Exception e) {
            err.println("error: cannot read " + lookup.source() + ": " + e.getMessage());
            return 1;
        }
        List<Integration> rows = new ArrayList<>();
        for (Integration i : view.integrations()) {
            if (tenant != null && !tenant.equals(i.tenantId)) continue;
            if (!deleted && i.status == IntegrationStatus.DELETED) continue;
            rows.add(i);
        }
        rows.sort(Comparator.comparing((Integration i) -> String.valueOf(i.tenantId)).thenComparing(i -> i.integrationId));
        long now = parent.context().nowMillis();
        String format = "%-24s %-16s %-12s %-12s %-40s %-20s %s%n";
        out.printf(format, "INTEGRATION", "TENANT", "STATUS", "EFFECTIVE", "BUCKET/PREFIX", "ORGANIZATION", "ACCOUNTS");
        for (Integration i : rows) {
            Tenant t = view.tenant(i.tenantId);
            out.printf(format, i.integrationId, i.tenantId, i.status.wireName(),
                    LicencePolicy.effectiveStatus(i, t, now).wireName() + (LicencePolicy.isValid(t, now) ? "" : " (licence)"),
                    i.bucket + (i.prefix == null ? "" : "/" + i.prefix), i.organizationId == null ? "-" : i.organizationId,
                    i.includedAccounts == null ? "all" : String.join(",", i.includedAccounts));
        }
        err.println(rows.size() + " integration(s) from " + lookup.source());
        return 0;
    }
}
