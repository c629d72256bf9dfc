package io.trailstream.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;

/**
 * Starts one cluster process as Flink's own {@code jobmanager.sh} / {@code taskmanager.sh} would: the JVM
 * memory flags and dynamic properties derived from {@code config.yaml} by Flink's process-memory utilities
 * (what the scripts get from {@code BashJavaUtils}), Java 17's {@code --add-opens}, the log file named after
 * the process, {@code FLINK_CONF_DIR} and {@code FLINK_PLUGINS_DIR}. Output goes to {@code log/NAME.out}.
 */
final class ProcessLauncher {
    /** Flink's usual opens for Java 17 (Kryo, state backends); the same list as pom.xml's flink.jvm.opens. */
    static final List<String> JAVA_17_OPENS = Arrays.stream(new String[] {
                "java.lang",
                "java.lang.reflect",
                "java.lang.invoke",
                "java.net",
                "java.nio",
                "sun.nio.ch",
                "java.io",
                "java.text",
                "java.time",
                "java.util",
                "java.util.concurrent",
                "java.util.concurrent.atomic",
                "java.util.concurrent.locks"
            })
            .map(p -> "--add-opens=java.base/" + p + "=ALL-UNNAMED")
            .collect(Collectors.toList());

    private final ClusterLayout layout;
    private final ClusterSettings settings;
    private final FlinkDistribution distribution;

    ProcessLauncher(ClusterLayout layout, ClusterSettings settings, FlinkDistribution distribution) {
        this.layout = layout;
        this.settings = settings;
        this.distribution = distribution;
    }

    Process start(ProcessRole role, int index, Configuration conf) {
        String name = role.fileName(index);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmMemory(role, conf));
        command.addAll(JAVA_17_OPENS);
        command.add("-XX:+UseG1GC");
        command.add("-Dtrailstream.cluster.process=" + name);
        command.add("-Dlog.file=" + layout.logDir().resolve(name + ".log"));
        command.add("-Dlog4j.configurationFile=" + layout.log4jFile().toUri());
        settings.systemProperties().forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-cp");
        command.add(classpath());
        command.add(role.mainClass());
        command.addAll(programArguments(role, index, conf));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(layout.root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        layout.logDir().resolve(name + ".out").toFile()));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("FLINK_"));
        env.put("FLINK_CONF_DIR", layout.confDir().toString());
        env.put("FLINK_PLUGINS_DIR", distribution.pluginsDir().toString());
        env.put("FLINK_LOG_DIR", layout.logDir().toString());
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + String.join(" ", command), e);
        }
    }

    private String classpath() {
        List<String> entries = new ArrayList<>();
        distribution.classpath().forEach(p -> entries.add(p.toString()));
        settings.extraClasspath().forEach(p -> entries.add(p.toString()));
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static List<String> jvmMemory(ProcessRole role, Configuration conf) {
        switch (role) {
            case JOBMANAGER:
                JobManagerProcessSpec jm = JobManagerProcessUtils.processSpecFromConfig(conf);
                return split(JobManagerProcessUtils.generateJvmParametersStr(jm, conf));
            case TASKMANAGER:
                TaskExecutorProcessSpec tm = TaskExecutorProcessUtils.processSpecFromConfig(conf);
                return split(ProcessMemoryUtils.generateJvmParametersStr(tm));
            case ZOOKEEPER:
            default:
                return List.of("-Xmx128m");
        }
    }

    private List<String> programArguments(ProcessRole role, int index, Configuration conf) {
        List<String> args = new ArrayList<>();
        switch (role) {
            case JOBMANAGER:
                args.add("--configDir");
                args.add(layout.confDir().toString());
                args.addAll(split(JobManagerProcessUtils.generateDynamicConfigsStr(
                        JobManagerProcessUtils.processSpecFromConfig(conf))));
                break;
            case TASKMANAGER:
                args.add("--configDir");
                args.add(layout.confDir().toString());
                args.addAll(split(TaskExecutorProcessUtils.generateDynamicConfigsStr(
                        TaskExecutorProcessUtils.processSpecFromConfig(conf))));
                args.add("-D");
                args.add("taskmanager.resource-id=" + role.fileName(index));
                break;
            case ZOOKEEPER:
            default:
                args.add(zookeeperConfig(conf).toString());
        }
        return args;
    }

    /** zoo.cfg for a one-node ZooKeeper on 127.0.0.1 (no admin server: it would take port 8080). */
    private Path zookeeperConfig(Configuration conf) {
        String quorum = conf.getString("high-availability.zookeeper.quorum", "");
        String port = quorum.substring(quorum.lastIndexOf(':') + 1);
        Path cfg = layout.confDir().resolve("zoo.cfg");
        String text = "tickTime=2000\ninitLimit=10\nsyncLimit=5\n"
                + "dataDir=" + layout.zookeeperDataDir() + "\n"
                + "clientPort=" + port + "\nclientPortAddress=127.0.0.1\n"
                + "admin.enableServer=false\n4lw.commands.whitelist=ruok,srvr\n";
        try {
            Files.createDirectories(layout.zookeeperDataDir());
            Files.writeString(cfg, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cfg;
    }

    private static List<String> split(String flags) {
        List<String> out = new ArrayList<>();
        for (String s : flags.trim().split("\\s+")) {
            if (!s.isEmpty()) out.add(s);
        }
        return out;
    }
}
