package io.trailstream.it;

import io.trailstream.cluster.ClusterSettings;
import io.trailstream.cluster.LocalCluster;
import io.trailstream.testing.FaultInjectingJdbcDriver;
import java.nio.file.Path;

/**
 * One separate-process cluster for all cluster tests of a test JVM (as {@code KinesisEmulator.shared()} is one
 * emulator): started on first use, stopped when the JVM exits, its processes killed also when a test fails.
 * ZooKeeper HA, two TaskManagers of two slots, RocksDB incremental checkpoints, and the test's
 * {@link FaultInjectingJdbcDriver} on every process' class path (it does nothing until a test arms it).
 * Each test runs its own job and ends it; a test that kills a process starts it again.
 */
final class SharedCluster {
    static final int TASK_MANAGERS = 2;
    static final int SLOTS = 2;
    private static LocalCluster cluster;
    private static Path faults;

    private SharedCluster() {}

    static synchronized LocalCluster get() {
        if (cluster == null || cluster.processes().isEmpty()) {
            Path dir = ClusterJobs.clusterDir("shared");
            faults = dir.resolve("catalog-faults");
            ClusterSettings settings = ClusterJobs.settings(dir)
                    .taskManagers(TASK_MANAGERS)
                    .slotsPerTaskManager(SLOTS)
                    .highAvailability(true)
                    .extraClasspath(Path.of(FaultInjectingJdbcDriver.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .getPath()))
                    .systemProperty("jdbc.drivers", FaultInjectingJdbcDriver.class.getName())
                    .systemProperty(FaultInjectingJdbcDriver.FAULTS_DIR, faults.toString());
            long started = System.nanoTime();
            cluster = LocalCluster.start(settings);
            System.out.printf(
                    "SharedCluster: %s started in %.1f s, REST %s%n",
                    cluster.processes(),
                    (System.nanoTime() - started) / 1e9,
                    cluster.rest().base());
        }
        return cluster;
    }

    /** The folder where {@link FaultInjectingJdbcDriver#arm} puts its faults for this cluster. */
    static synchronized Path faults() {
        get();
        return faults;
    }
}
