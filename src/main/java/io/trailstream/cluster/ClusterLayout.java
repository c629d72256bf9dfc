package io.trailstream.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folder of one local cluster: its generated configuration, logs, pid files, checkpoints, savepoints,
 * HA metadata and uploaded jars, so that {@code start}, {@code status}, {@code stop} and a test find each
 * other's processes and state by the folder alone.
 */
public final class ClusterLayout {
    private final Path root;

    public ClusterLayout(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** {@code conf/}: {@code config.yaml} and {@code log4j.properties}, as a Flink distribution's. */
    public Path confDir() {
        return root.resolve("conf");
    }

    public Path configFile() {
        return confDir().resolve("config.yaml");
    }

    public Path log4jFile() {
        return confDir().resolve("log4j.properties");
    }

    public Path logDir() {
        return root.resolve("log");
    }

    /** {@code run/}: one pid file per process. */
    public Path runDir() {
        return root.resolve("run");
    }

    public Path checkpointsDir() {
        return root.resolve("checkpoints");
    }

    public Path savepointsDir() {
        return root.resolve("savepoints");
    }

    public Path haDir() {
        return root.resolve("ha");
    }

    public Path zookeeperDataDir() {
        return root.resolve("zookeeper");
    }

    public Path uploadDir() {
        return root.resolve("uploads");
    }

    public Path tmpDir() {
        return root.resolve("tmp");
    }

    /** Creates every folder of the layout. */
    public void create() {
        for (Path dir : new Path[] {
            confDir(), logDir(), runDir(), checkpointsDir(), savepointsDir(), haDir(), uploadDir(), tmpDir()
        }) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + dir, e);
            }
        }
    }
}
