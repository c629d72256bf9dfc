package io.trailstream.cli;

import io.trailstream.control.ControlView;
import io.trailstream.control.Integration;
import io.trailstream.control.IntegrationStatus;
import io.trailstream.iceberg.IntegrationHealthReader;
import io.trailstream.integrity.health.HealthStatus;
import io.trailstream.job.JobConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code integration list}: the current integrations with the status they behave with now (licence
 * included), from the {@code integrations} Iceberg table or, while it does not exist yet, from a local
 * control folder or the config's integrations. The table goes to stdout; stderr says where it came from.
 */
@Command(
        name = "list",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        description = {
            "List the integrations, their current status and health.",
            "Reads the integrations table of the catalog named by --warehouse or --config. While that table does "
                    + "not exist yet (or without either option) it replays the control folder --from-folder over "
                    + "the config's integrations, or shows the config's integrations, and says so on stderr."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  trailstream integration list --config conf/trailstream.yaml",
            "  trailstream integration list --warehouse warehouse --tenant acme",
            "  trailstream integration list --from-folder control --deleted",
            "  trailstream integration list --config conf/trailstream.yaml --health access_denied --organizations"
        })
public class ListIntegrationsCommand implements Callable<Integer> {
    @ParentCommand
    IntegrationCommands parent;

    @Spec
    CommandSpec spec;

    @Mixin
    StateSourceOptions state = new StateSourceOptions();

    @Option(
            names = "--from-folder",
            paramLabel = "DIR",
            order = 12,
            description = "Replay this local control folder (when no integrations table can be read).")
    Path folder;

    @Option(names = "--tenant", paramLabel = "TENANT_ID", order = 13, description = "Only this tenant's integrations.")
    String tenant;

    @Option(names = "--deleted", order = 14, description = "Include deleted integrations.")
    boolean deleted;

    @Option(
            names = "--status",
            paramLabel = "STATUS",
            order = 15,
            description = "Only integrations with this status: active, suspended, disconnected or deleted.")
    String status;

    @Option(
            names = "--health",
            paramLabel = "HEALTH",
            order = 16,
            description = "Only integrations whose health (the worst of their accounts and regions, from the "
                    + "integration_health table) is this: healthy, gap, access_denied or silent.")
    String health;

    @Option(
            names = "--organizations",
            order = 17,
            description = "Only integrations of AWS Organization trails (with an organization id).")
    boolean organizations;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        IntegrationLookup lookup;
        IntegrationStatus onlyStatus;
        HealthStatus onlyHealth;
        try {
            onlyStatus = status == null ? null : IntegrationStatus.fromWire(status);
            onlyHealth = health == null ? null : HealthStatus.fromWire(health);
            lookup = parent.context().lookupForList(folder, state);
        } catch (IllegalArgumentException | JobConfig.ConfigException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        if (lookup == null) {
            err.println("error: nothing to list from: give --warehouse DIR or --config FILE (the integrations table),"
                    + " or --from-folder DIR (a control folder)");
            return 2;
        }
        ControlView view;
        Map<String, IntegrationHealthReader.Health> healths;
        try {
            view = lookup.current();
            healths = state.hasCatalog() ? IntegrationHealthReader.current(state.catalog()) : Map.of();
        } catch (Exception e) {
            err.println("error: cannot read " + lookup.source() + ": " + e.getMessage());
            return 1;
        }
        List<Integration> rows = new ArrayList<>();
        for (Integration i : view.integrations()) {
            if (tenant != null && !tenant.equals(i.tenantId)) continue;
            if (!deleted && onlyStatus != IntegrationStatus.DELETED && i.status == IntegrationStatus.DELETED) continue;
            if (onlyStatus != null && i.status != onlyStatus) continue;
            if (organizations && i.organizationId == null) continue;
            IntegrationHealthReader.Health h = healths.get(i.integrationId);
            if (onlyHealth != null && (h == null ? HealthStatus.HEALTHY : h.status()) != onlyHealth) continue;
            rows.add(i);
        }
        rows.sort(Comparator.comparing((Integration i) -> String.valueOf(i.tenantId))
                .thenComparing(i -> i.integrationId));
        IntegrationTable.print(out, view, rows, healths, parent.context().nowMillis());
        err.println(rows.size() + " integration(s) from " + lookup.source());
        return 0;
    }
}
