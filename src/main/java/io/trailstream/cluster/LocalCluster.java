package io.trailstream.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;

/**
 * A Flink standalone cluster of separate JVMs on this machine: a JobManager
 * ({@code StandaloneSessionClusterEntrypoint}), N TaskManagers ({@code TaskManagerRunner}) and, with HA, a
 * ZooKeeper server, started from the Maven class path with a generated {@code config.yaml}. Every process is
 * recorded in a pid file under the cluster folder, so {@code trailstream cluster stop} (another JVM) finds
 * and stops what {@code start} left running; a test closes it instead, which stops everything it started.
 *
 * <pre>{@code
 * try (LocalCluster cluster = LocalCluster.start(new ClusterSettings(dir).taskManagers(2))) {
 *     String job = cluster.rest().submit(jar, List.of("--config", "job.yaml"), 2, null);
 *     cluster.taskManager(1).kill();   // SIGKILL
 *     cluster.startTaskManager(1);
 * }
 * }</pre>
 */
public final class LocalCluster implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final ClusterLayout layout;
    private final ClusterSettings settings;
    private final Configuration conf;
    private final ProcessLauncher launcher;
    private final FlinkRestClient rest;
    private final Thread shutdownHook = new Thread(this::stop, "local-cluster-stop");

    private LocalCluster(ClusterSettings settings, FlinkDistribution distribution) {
        this.layout = new ClusterLayout(settings.dir());
        this.settings = settings;
        layout.create();
        this.conf = ClusterConfigFile.writeIfAbsent(layout, settings);
        this.launcher = new ProcessLauncher(layout, settings, distribution);
        this.rest = new FlinkRestClient(URI.create("http://127.0.0.1:" + conf.get(RestOptions.PORT)));
    }

    /**
     * Starts ZooKeeper (with HA), the JobManager and the TaskManagers that are not running already, and waits
     * until the TaskManagers are registered. The folder's existing {@code config.yaml} is kept.
     */
    public static LocalCluster start(ClusterSettings settings) {
        return start(settings, FlinkDistribution.ofRunningBuild());
    }

    public static LocalCluster start(ClusterSettings settings, FlinkDistribution distribution) {
        LocalCluster cluster = new LocalCluster(settings, distribution);
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        try {
            // What is already running stays: `start` after a crash restarts only the processes that are gone.
            boolean ha = settings.highAvailability()
                    || cluster.conf.getString("high-availability.type", "none").equals("zookeeper");
            if (ha && !cluster.isRunning(ProcessRole.ZOOKEEPER, 0)) cluster.startZooKeeper();
            if (!cluster.isRunning(ProcessRole.JOBMANAGER, 0)) cluster.startJobManager();
            for (int i = 1; i <= settings.taskManagers(); i++) {
                if (!cluster.isRunning(ProcessRole.TASKMANAGER, i)) cluster.startTaskManager(i);
            }
            cluster.awaitTaskManagers(settings.taskManagers());
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** The processes recorded in {@code dir}'s pid files (started by this JVM or another one). */
    public static List<ClusterProcess> recorded(Path dir) {
        Path run = new ClusterLayout(dir).runDir();
        if (!Files.isDirectory(run)) return List.of();
        List<ClusterProcess> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(run)) {
            files.filter(f -> f.toString().endsWith(".pid"))
                    .sorted()
                    .forEach(f -> ClusterProcess.read(f).ifPresent(out::add));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Stops every process recorded in {@code dir} (TaskManagers first), SIGTERM then SIGKILL; returns them. */
    public static List<ClusterProcess> stop(Path dir) {
        List<ClusterProcess> processes = recorded(dir);
        processes.sort((a, b) -> Integer.compare(order(b.role()), order(a.role())));
        for (ClusterProcess p : processes) {
            p.stop(Duration.ofSeconds(30));
            try {
                Files.deleteIfExists(new ClusterLayout(dir).runDir().resolve(p.name() + ".pid"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return processes;
    }

    private static int order(ProcessRole role) {
        return role == ProcessRole.TASKMANAGER ? 2 : role == ProcessRole.JOBMANAGER ? 1 : 0;
    }

    public ClusterLayout layout() {
        return layout;
    }

    /** The options every process was started with (the generated {@code config.yaml}). */
    public Configuration configuration() {
        return new Configuration(conf);
    }

    public FlinkRestClient rest() {
        return rest;
    }

    public ClusterSettings settings() {
        return settings;
    }

    /** Starts the JobManager and waits until its REST endpoint answers. */
    public ClusterProcess startJobManager() {
        ClusterProcess jm = launch(ProcessRole.JOBMANAGER, 0);
        rest.awaitReady(START_TIMEOUT, jm::isAlive, () -> log(jm));
        return jm;
    }

    /** Starts TaskManager {@code index} (1-based); {@link #awaitTaskManagers} waits for it to register. */
    public ClusterProcess startTaskManager(int index) {
        return launch(ProcessRole.TASKMANAGER, index);
    }

    /** Waits until {@code n} TaskManagers are registered with the JobManager. */
    public void awaitTaskManagers(int n) {
        rest.awaitTaskManagers(n, START_TIMEOUT);
    }

    public ClusterProcess jobManager() {
        return process(ProcessRole.JOBMANAGER, 0).orElseThrow();
    }

    public ClusterProcess taskManager(int index) {
        return process(ProcessRole.TASKMANAGER, index).orElseThrow();
    }

    /** The live processes of this cluster. */
    public List<ClusterProcess> processes() {
        List<ClusterProcess> live = new ArrayList<>();
        for (ClusterProcess p : recorded(layout.root())) if (p.isAlive()) live.add(p);
        return live;
    }

    /** The last lines of a process' log and output, for a failure message. */
    public String log(ClusterProcess p) {
        StringBuilder s = new StringBuilder();
        for (String ext : new String[] {".out", ".log"}) {
            Path file = layout.logDir().resolve(p.name() + ext);
            try {
                if (!Files.exists(file)) continue;
                List<String> lines = Files.readAllLines(file);
                s.append("--- ").append(file).append('\n');
                lines.subList(Math.max(0, lines.size() - 40), lines.size())
                        .forEach(l -> s.append(l).append('\n'));
            } catch (IOException | UncheckedIOException e) {
                s.append("(cannot read ").append(file).append(")\n");
            }
        }
        return s.toString();
    }

    private boolean isRunning(ProcessRole role, int index) {
        return process(role, index).filter(ClusterProcess::isAlive).isPresent();
    }

    private Optional<ClusterProcess> process(ProcessRole role, int index) {
        return recorded(layout.root()).stream()
                .filter(p -> p.role() == role && p.index() == index)
                .findFirst();
    }

    private void startZooKeeper() {
        ClusterProcess zk = launch(ProcessRole.ZOOKEEPER, 0);
        String quorum = conf.getString("high-availability.zookeeper.quorum", "");
        int port = Integer.parseInt(quorum.substring(quorum.lastIndexOf(':') + 1));
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                if (!zk.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("ZooKeeper did not listen on " + quorum + "\n" + log(zk));
                }
                FlinkRestClient.pause(Duration.ofMillis(100));
            }
        }
    }

    private ClusterProcess launch(ProcessRole role, int index) {
        Optional<ClusterProcess> running = process(role, index).filter(ClusterProcess::isAlive);
        if (running.isPresent()) {
            throw new IllegalStateException(running.get() + " is already running in " + layout.root());
        }
        Process process = launcher.start(role, index, conf);
        ClusterProcess p = ClusterProcess.of(role, index, process.toHandle());
        p.write(layout.runDir().resolve(p.name() + ".pid"));
        return p;
    }

    /**
     * Leaves the processes running when this JVM exits (what {@code trailstream cluster start} wants);
     * {@code trailstream cluster stop} or {@link #stop(Path)} ends them later.
     */
    public void detach() {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
    }

    /** Stops every process of this cluster, TaskManagers first. */
    public void stop() {
        stop(layout.root());
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs stop() itself
        }
        stop();
    }
}
