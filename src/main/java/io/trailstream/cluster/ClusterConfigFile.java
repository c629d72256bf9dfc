package io.trailstream.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;

/**
 * Writes a local cluster's {@code conf/config.yaml}: everything on 127.0.0.1, RocksDB with incremental
 * checkpoints into the cluster folder, retained checkpoints, the Prometheus reporter, REST jar submission,
 * small TaskManagers, and ZooKeeper HA when asked for. The production counterpart is
 * {@code conf/flink-config.yaml}; this one differs only where one machine demands it (addresses, folders,
 * memory).
 */
public final class ClusterConfigFile {
    /** Ports for each process' Prometheus endpoint: the first free one in the range is taken. */
    public static final String PROMETHEUS_PORTS = "9250-9299";

    private ClusterConfigFile() {}

    /**
     * The options of a new cluster; an existing {@code config.yaml} is kept as it is (its ports too), so a
     * restarted cluster is the same cluster.
     */
    static Configuration writeIfAbsent(ClusterLayout layout, ClusterSettings settings) {
        if (!Files.exists(layout.configFile())) {
            write(layout.configFile(), options(layout, settings));
        }
        if (!Files.exists(layout.log4jFile())) {
            copyResource("cluster-log4j.properties", layout.log4jFile());
        }
        return load(layout);
    }

    static Configuration load(ClusterLayout layout) {
        return GlobalConfiguration.loadConfiguration(layout.confDir().toString());
    }

    static Map<String, String> options(ClusterLayout layout, ClusterSettings settings) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("jobmanager.rpc.address", "127.0.0.1");
        o.put("jobmanager.bind-host", "127.0.0.1");
        o.put("jobmanager.rpc.port", Integer.toString(freePort()));
        o.put("rest.address", "127.0.0.1");
        o.put("rest.bind-address", "127.0.0.1");
        o.put("rest.port", Integer.toString(freePort()));
        o.put("taskmanager.host", "127.0.0.1");
        o.put("taskmanager.bind-host", "127.0.0.1");
        o.put("taskmanager.numberOfTaskSlots", Integer.toString(settings.slotsPerTaskManager()));
        o.put("parallelism.default", "2");
        o.put("jobmanager.memory.process.size", "1g");
        // Small TaskManagers (384 MB heap): several share a 2-core machine with their emulators.
        o.put("taskmanager.memory.framework.heap.size", "64m");
        o.put("taskmanager.memory.task.heap.size", "320m");
        o.put("taskmanager.memory.managed.size", "96m");
        o.put("taskmanager.memory.network.min", "32m");
        o.put("taskmanager.memory.network.max", "32m");
        o.put("taskmanager.memory.framework.off-heap.size", "64m");
        o.put("taskmanager.memory.task.off-heap.size", "64m");
        o.put("taskmanager.memory.jvm-metaspace.size", "256m");
        o.put("taskmanager.memory.jvm-overhead.min", "96m");
        o.put("taskmanager.memory.jvm-overhead.max", "96m");
        o.put("state.backend.type", "rocksdb");
        o.put("execution.checkpointing.incremental", "true");
        o.put("execution.checkpointing.dir", layout.checkpointsDir().toUri().toString());
        o.put(
                "execution.checkpointing.savepoint-dir",
                layout.savepointsDir().toUri().toString());
        o.put("execution.checkpointing.num-retained", "3");
        o.put("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        o.put("restart-strategy.type", "exponential-delay");
        o.put("restart-strategy.exponential-delay.initial-backoff", "1 s");
        o.put("restart-strategy.exponential-delay.max-backoff", "30 s");
        o.put("pipeline.max-parallelism", "128");
        o.put("taskmanager.load-balance.mode", "SLOTS");
        o.put("metrics.reporter.prom.factory.class", "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        o.put("metrics.reporter.prom.port", PROMETHEUS_PORTS);
        o.put("web.submit.enable", "true");
        o.put("web.cancel.enable", "true");
        o.put("web.upload.dir", layout.uploadDir().toString());
        o.put("io.tmp.dirs", layout.tmpDir().toString());
        o.put("heartbeat.timeout", "20000");
        if (settings.highAvailability()) {
            o.put("high-availability.type", "zookeeper");
            o.put("high-availability.zookeeper.quorum", "127.0.0.1:" + freePort());
            o.put("high-availability.storageDir", layout.haDir().toUri().toString());
            o.put("high-availability.cluster-id", "/trailstream-local");
        }
        o.putAll(settings.flinkOptions());
        return o;
    }

    private static void write(Path file, Map<String, String> options) {
        StringBuilder yaml = new StringBuilder(
                "# Generated by `trailstream cluster start` for a cluster on this machine; edit and restart to change.\n"
                        + "# The production counterpart is conf/flink-config.yaml.\n");
        options.forEach((k, v) -> yaml.append(k).append(": ").append(quote(v)).append('\n'));
        try {
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Values are written as YAML strings, so that paths, durations and ranges keep their text. */
    private static String quote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static void copyResource(String name, Path target) {
        try (InputStream in = ClusterConfigFile.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("resource " + name + " missing from the jar");
            Files.copy(in, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
