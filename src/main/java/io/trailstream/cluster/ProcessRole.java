package io.trailstream.cluster;

/** The kinds of process a local cluster runs, with the main class each starts from the Maven class path. */
public enum ProcessRole {
    JOBMANAGER("org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint"),
    TASKMANAGER("org.apache.flink.runtime.taskexecutor.TaskManagerRunner"),
    /** The HA coordination service: ZooKeeper's server as Flink ships it (flink-shaded-zookeeper-3). */
    ZOOKEEPER("org.apache.flink.shaded.zookeeper3.org.apache.zookeeper.server.ZooKeeperServerMain");

    private final String mainClass;

    ProcessRole(String mainClass) {
        this.mainClass = mainClass;
    }

    public String mainClass() {
        return mainClass;
    }

    /** {@code jobmanager}, {@code taskmanager-2}: the name of its pid and log files. */
    public String fileName(int index) {
        String base = name().toLowerCase(java.util.Locale.ROOT);
        return this == TASKMANAGER ? base + "-" + index : base;
    }
}
