package io.trailstream.it;

import io.trailstream.cluster.ClusterSettings;
import io.trailstream.cluster.LocalCluster;
import io.trailstream.testing.FaultInjectingJdbcDriver;
import java.nio.file.Path;

/**
 * The separate-process cluster of the running cluster test class: started on the first use by a test class, and
 * replaced by a fresh one (new JVMs, new folder {@code target/cluster-it/<class>}) when the next class asks;
 * stopped when the JVM exits, its processes killed also when a test fails. ZooKeeper HA, two TaskManagers of two
 * slots, RocksDB incremental checkpoints, and the test's {@link FaultInjectingJdbcDriver} on every process' class
 * path (it does nothing until a test arms it). Each test runs its own job and ends it; a test that kills a process
 * starts it again.
 *
 * <p>Fresh JVMs per class because a session cluster does not unload a finished job's classes: every submission of
 * the 130 MB job jar leaves its class loader behind (the JDBC driver it registered with {@code DriverManager},
 * Hadoop's JVM shutdown hook, thread pools started from it), and a handful of submissions fill a small
 * TaskManager's metaspace (see docs/cluster.md).
 */
final class SharedCluster {
    static final int TASK_MANAGERS = 2;
    static final int SLOTS = 2;
    private static LocalCluster cluster;
    private static Class<?> owner;
    private static Path faults;

    private SharedCluster() {}

    static synchronized LocalCluster get(Class<?> testClass) {
        if (cluster != null && (owner != testClass || cluster.processes().isEmpty())) {
            cluster.close();
            cluster = null;
        }
        if (cluster == null) {
            Path dir = ClusterJobs.clusterDir(testClass.getSimpleName());
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
            owner = testClass;
            System.out.printf(
                    "SharedCluster: %s started in %.1f s for %s, REST %s%n",
                    cluster.processes(),
                    (System.nanoTime() - started) / 1e9,
                    testClass.getSimpleName(),
                    cluster.rest().base());
        }
        return cluster;
    }

    /** The folder where {@link FaultInjectingJdbcDriver#arm} puts its faults for the current cluster. */
    static synchronized Path faults() {
        return faults;
    }
}
