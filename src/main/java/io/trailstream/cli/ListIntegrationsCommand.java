package io.trailstream.cli;

import io.trailstream.control.ControlView;
import io.trailstream.control.Integration;
import io.trailstream.control.IntegrationStatus;
import io.trailstream.job.JobConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
            "List the integrations and their current status.",
            "Reads the integrations table of the catalog named by --warehouse or --config. While that table does "
                    + "not exist yet (or without either option) it replays the control folder --from-folder over "
                    + "the config's integrations, or shows the config's integrations, and says so on stderr."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  trailstream integration list --config conf/trailstream.yaml",
            "  trailstream integration list --warehouse warehouse --tenant acme",
            "  trailstream integration list --from-folder control --deleted"
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

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        IntegrationLookup lookup;
        try {
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
        rows.sort(Comparator.comparing((Integration i) -> String.valueOf(i.tenantId))
                .thenComparing(i -> i.integrationId));
        IntegrationTable.print(out, view, rows, parent.context().nowMillis());
        err.println(rows.size() + " integration(s) from " + lookup.source());
        return 0;
    }
}
