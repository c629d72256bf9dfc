package io.trailstream.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a local cluster is made of: its folder, how many TaskManagers with how many slots, whether it runs
 * with ZooKeeper HA, and Flink options laid over the generated defaults. Ports are chosen free on
 * 127.0.0.1 when the cluster is first started and kept in its {@code config.yaml}, so a restarted
 * JobManager comes back where the TaskManagers and clients look for it.
 *
 * <pre>{@code
 * ClusterSettings settings = new ClusterSettings(Path.of("target/cluster")).taskManagers(2).highAvailability(true);
 * }</pre>
 */
public final class ClusterSettings {
    private final Path dir;
    private int taskManagers = 2;
    private int slotsPerTaskManager = 2;
    private boolean highAvailability;
    private final Map<String, String> flinkOptions = new LinkedHashMap<>();
    private final List<Path> extraClasspath = new ArrayList<>();
    private final Map<String, String> systemProperties = new LinkedHashMap<>();

    public ClusterSettings(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public int taskManagers() {
        return taskManagers;
    }

    public ClusterSettings taskManagers(int n) {
        if (n < 0) throw new IllegalArgumentException("taskmanagers must be 0 or more, not " + n);
        this.taskManagers = n;
        return this;
    }

    public int slotsPerTaskManager() {
        return slotsPerTaskManager;
    }

    public ClusterSettings slotsPerTaskManager(int n) {
        if (n < 1) throw new IllegalArgumentException("slots must be 1 or more, not " + n);
        this.slotsPerTaskManager = n;
        return this;
    }

    public boolean highAvailability() {
        return highAvailability;
    }

    /** ZooKeeper HA (a ZooKeeper server process of its own, metadata under {@code ha/}). */
    public ClusterSettings highAvailability(boolean on) {
        this.highAvailability = on;
        return this;
    }

    /** Flink options that win over the generated ones (e.g. a test's restart strategy). */
    public Map<String, String> flinkOptions() {
        return flinkOptions;
    }

    public ClusterSettings flinkOption(String key, String value) {
        flinkOptions.put(key, value);
        return this;
    }

    /** Jars or folders appended to every cluster process' class path (a test's JDBC driver, say). */
    public List<Path> extraClasspath() {
        return extraClasspath;
    }

    public ClusterSettings extraClasspath(Path entry) {
        extraClasspath.add(entry.toAbsolutePath());
        return this;
    }

    /** {@code -Dkey=value} for every JobManager and TaskManager JVM. */
    public Map<String, String> systemProperties() {
        return systemProperties;
    }

    public ClusterSettings systemProperty(String key, String value) {
        systemProperties.put(key, value);
        return this;
    }
}
