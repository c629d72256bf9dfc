package io.trailstream.cluster;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code trailstream cluster start | status | submit | stop}: a Flink standalone cluster of separate
 * JobManager and TaskManager JVMs on this machine, the way to try the job on a real cluster without Docker.
 */
@Command(
        name = "cluster",
        mixinStandardHelpOptions = true,
        description = "A Flink standalone cluster on this machine: JobManager and TaskManagers as separate JVMs.",
        subcommands = {
            ClusterCommand.Start.class,
            ClusterCommand.Status.class,
            ClusterCommand.Submit.class,
            ClusterCommand.Stop.class
        })
public class ClusterCommand {
    @Option(
            names = "--dir",
            scope = picocli.CommandLine.ScopeType.INHERIT,
            defaultValue = "target/cluster",
            description =
                    "Cluster folder: conf/, log/, pid files, checkpoints/, savepoints/ (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** {@code cluster start}. */
    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start the cluster and leave it running.")
    static class Start implements Callable<Integer> {
        @ParentCommand
        ClusterCommand parent;

        @Option(names = "--taskmanagers", defaultValue = "2", description = "TaskManagers (default: ${DEFAULT-VALUE}).")
        int taskManagers;

        @Option(
                names = "--slots",
                defaultValue = "2",
                description = "Slots per TaskManager (default: ${DEFAULT-VALUE}).")
        int slots;

        @Option(names = "--ha", description = "ZooKeeper HA: a restarted JobManager recovers its jobs.")
        boolean ha;

        @Override
        public Integer call() {
            LocalCluster cluster = LocalCluster.start(new ClusterSettings(parent.dir)
                    .taskManagers(taskManagers)
                    .slotsPerTaskManager(slots)
                    .highAvailability(ha));
            cluster.detach();
            PrintWriter out = parent.out();
            cluster.processes().forEach(p -> out.println("running: " + p));
            out.println("web UI and REST API: " + cluster.rest().base());
            out.println("config: " + cluster.layout().configFile() + ", logs: "
                    + cluster.layout().logDir());
            return 0;
        }
    }

    /** {@code cluster status}. */
    @Command(name = "status", mixinStandardHelpOptions = true, description = "List the cluster's processes and jobs.")
    static class Status implements Callable<Integer> {
        @ParentCommand
        ClusterCommand parent;

        @Override
        public Integer call() {
            PrintWriter out = parent.out();
            List<ClusterProcess> processes = LocalCluster.recorded(parent.dir);
            if (processes.isEmpty()) {
                out.println("no cluster in " + parent.dir.toAbsolutePath());
                return 1;
            }
            processes.forEach(out::println);
            try {
                FlinkRestClient rest = ClusterCommand.rest(parent.dir);
                out.println("REST " + rest.base() + ": " + rest.get("/overview"));
                rest.get("/jobs/overview")
                        .path("jobs")
                        .forEach(j -> out.println("job " + j.path("jid").asText() + " "
                                + j.path("name").asText() + " "
                                + j.path("state").asText()));
            } catch (RuntimeException e) {
                out.println("REST not answering: " + e.getMessage());
            }
            return processes.stream().allMatch(ClusterProcess::isAlive) ? 0 : 1;
        }
    }

    /** {@code cluster submit}. */
    @Command(
            name = "submit",
            mixinStandardHelpOptions = true,
            description = "Upload the job jar through the REST API and run it with a job config file.")
    static class Submit implements Callable<Integer> {
        @ParentCommand
        ClusterCommand parent;

        @Option(names = "--config", description = "Job configuration file (YAML); paths in it must be absolute.")
        Path config;

        @Option(
                names = "--samples",
                description = "Run on this checkout's bundled sample trail bucket (watched for new files) into "
                        + "DIR/warehouse, with a job config written to DIR/samples-job.yaml.")
        boolean samples;

        @Option(names = "--jar", description = "Job jar (default: target/trailstream.jar of this build).")
        Path jar;

        @Option(names = "--parallelism", defaultValue = "0", description = "Job parallelism (default: the cluster's).")
        int parallelism;

        @Option(names = "--from-savepoint", description = "Savepoint or retained checkpoint to restore from.")
        String savepoint;

        @Override
        public Integer call() {
            PrintWriter out = parent.out();
            if ((config == null) == !samples) {
                spec().commandLine().getErr().println("error: give either --config FILE or --samples");
                return 2;
            }
            FlinkDistribution distribution = FlinkDistribution.ofRunningBuild();
            Path file = samples ? SamplesJob.write(parent.dir, distribution) : config.toAbsolutePath();
            FlinkRestClient rest = ClusterCommand.rest(parent.dir);
            String jarId = rest.uploadJar(jar != null ? jar : distribution.jobJar());
            String job;
            try {
                // The jar's own main: `run` returns once the job is submitted, never exiting the JobManager's JVM.
                job = rest.runJar(jarId, null, List.of("run", "--config", file.toString()), parallelism, savepoint);
            } catch (FlinkRestClient.RestException e) {
                spec().commandLine().getErr().println("trailstream: the cluster refused the job: " + e.rootCause());
                return 1;
            }
            rest.awaitJobState(job, "RUNNING", Duration.ofMinutes(2));
            out.println("job " + job + " RUNNING with " + file + ": " + rest.base() + "/#/job/running/" + job
                    + "/overview");
            return 0;
        }

        private picocli.CommandLine.Model.CommandSpec spec() {
            return parent.spec;
        }
    }

    /** {@code cluster stop}. */
    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop every process of the cluster.")
    static class Stop implements Callable<Integer> {
        @ParentCommand
        ClusterCommand parent;

        @Override
        public Integer call() {
            List<ClusterProcess> stopped = LocalCluster.stop(parent.dir);
            stopped.forEach(p -> parent.out().println("stopped " + p.name() + " (pid " + p.pid() + ")"));
            if (stopped.isEmpty()) parent.out().println("no cluster in " + parent.dir.toAbsolutePath());
            return 0;
        }
    }

    static FlinkRestClient rest(Path dir) {
        ClusterLayout layout = new ClusterLayout(dir);
        String port = ClusterConfigFile.load(layout).getString("rest.port", "8081");
        return new FlinkRestClient(java.net.URI.create("http://127.0.0.1:" + port));
    }
}
