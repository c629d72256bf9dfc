package io.trailstream.cli;

import io.trailstream.iceberg.CatalogOptions;
import io.trailstream.job.JobConfig;
import io.trailstream.maintenance.OneOffMaintenance;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code trailstream maintain}: the job's table maintenance run once, in-process, e.g. from a scheduler when the
 * job runs without {@code maintenance.enabled}, or after a large backfill.
 */
@Command(
        name = "maintain",
        mixinStandardHelpOptions = true,
        description = {
            "Compact small files, expire old snapshots and delete orphan files of trailstream's tables, once,"
                    + " in-process (the tasks and maintenance.* settings the job uses; see docs/maintenance.md).",
            "",
            "Examples:",
            "  trailstream maintain                          # the local ./warehouse",
            "  trailstream maintain --config job.yaml --table events --only rewrite"
        })
public class MaintainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "The job's config file: its catalog.* and maintenance.* options.")
    Path config;

    @Option(
            names = "--warehouse",
            paramLabel = "DIR",
            description = "Local warehouse of the embedded default (without --config: ./warehouse).")
    Path warehouse;

    @Option(
            names = "--table",
            paramLabel = "NAME",
            description = "A table to maintain (repeatable; default: maintenance.tables).")
    List<String> tables;

    @Option(
            names = "--only",
            paramLabel = "TASK",
            description = "Run only this task (repeatable): ${COMPLETION-CANDIDATES}.")
    Set<OneOffMaintenance.Task> only;

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            description = "Parallelism of the maintenance jobs (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (parallelism < 1) throw new IllegalArgumentException("--parallelism must be at least 1, got " + parallelism);
        Configuration conf = new Configuration();
        if (config != null) {
            if (!Files.isRegularFile(config))
                throw new JobConfig.ConfigException("--config: '" + config + "' is not a file");
            conf = new Configuration(JobConfig.load(config).configuration());
        }
        if (warehouse != null || config == null) {
            Path folder = warehouse == null ? Path.of("warehouse") : warehouse;
            if (!Files.isDirectory(folder))
                throw new IllegalArgumentException("--warehouse: '" + folder + "' is not a folder");
            conf.set(
                    CatalogOptions.WAREHOUSE,
                    folder.toAbsolutePath().normalize().toString());
        }
        conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        OneOffMaintenance maintenance = new OneOffMaintenance(conf);
        List<OneOffMaintenance.Task> tasks = maintenance.enabled(
                only == null || only.isEmpty() ? EnumSet.allOf(OneOffMaintenance.Task.class) : only);
        List<OneOffMaintenance.TableResult> results = maintenance.run(tasks, tables);

        out.printf("%-14s %18s %22s %14s  %s%n", "table", "data files", "bytes", "snapshots", "tasks");
        boolean ok = true;
        for (OneOffMaintenance.TableResult r : results) {
            out.printf(
                    "%-14s %18s %22s %14s  %s%n",
                    r.table(),
                    r.before().dataFiles() + " -> " + r.after().dataFiles(),
                    r.before().bytes() + " -> " + r.after().bytes(),
                    r.before().snapshots() + " -> " + r.after().snapshots(),
                    describe(r));
            ok &= r.ok();
            if (r.after().records() != r.before().records()) {
                out.printf(
                        "  %s: %d records before, %d after (the job committed meanwhile)%n",
                        r.table(), r.before().records(), r.after().records());
            }
        }
        out.println(ok ? "Maintenance done." : "Maintenance incomplete: see the tasks above and the log.");
        return ok ? 0 : 1;
    }

    private static String describe(OneOffMaintenance.TableResult r) {
        if (r.busy()) return "skipped: its maintenance lock is held (a job is maintaining it); try again later";
        StringBuilder sb = new StringBuilder();
        r.outcomes()
                .forEach((task, outcome) -> sb.append(task.name().toLowerCase())
                        .append(outcome.ok() ? " ok" : outcome.failed() > 0 ? " FAILED" : " NOT RUN")
                        .append("  "));
        return sb.toString().strip();
    }
}
