package io.trailstream.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.trailstream.cluster.ClusterSettings;
import io.trailstream.cluster.FlinkDistribution;
import io.trailstream.cluster.LocalCluster;
import io.trailstream.control.Integration;
import io.trailstream.iceberg.CatalogOptions;
import io.trailstream.job.InputSources;
import io.trailstream.job.TrailstreamOptions;
import io.trailstream.object.store.ObjectStoreOptions;
import io.trailstream.testing.KinesisEmulator;
import io.trailstream.testing.S3Emulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;

/**
 * The cluster tests' common steps: a {@link LocalCluster} in {@code target/cluster-it/NAME}, a job config
 * file pointing the job at the test's emulators (the cluster JVMs reach S3Mock, in the test JVM, and
 * kinesis-local over 127.0.0.1), submission of the shaded jar through the REST API, and reading what the
 * JobManager and the Prometheus endpoints report.
 */
final class ClusterJobs {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path PROJECT =
            Path.of(System.getProperty("trailstream.project.dir", ".")).toAbsolutePath();

    /** The cluster tests' checkpoint interval, set in the cluster's configuration. */
    static final String CHECKPOINT_INTERVAL = "1 s";

    private ClusterJobs() {}

    /** A fresh, empty cluster folder under {@code target/cluster-it/}. */
    static Path clusterDir(String name) {
        Path dir = PROJECT.resolve("target/cluster-it").resolve(name);
        deleteRecursively(dir);
        return dir;
    }

    /**
     * Settings every cluster test shares: fixed-delay restarts, bounded so that a broken job fails the test instead of
     * looping, but spanning several heartbeat timeouts: until the JobManager declares a SIGKILLed TaskManager dead,
     * every restart tries to deploy to its slots and fails at once.
     */
    static ClusterSettings settings(Path dir) {
        return new ClusterSettings(dir)
                .flinkOption("restart-strategy.type", "fixed-delay")
                .flinkOption("restart-strategy.fixed-delay.attempts", "40")
                .flinkOption("restart-strategy.fixed-delay.delay", "2 s")
                .flinkOption("taskmanager.load-balance.mode", "SLOTS")
                // In the cluster's configuration, not the job's: the job takes the cluster's interval over its default.
                .flinkOption("execution.checkpointing.interval", CHECKPOINT_INTERVAL);
    }

    /** The job's options for notifications on {@code stream}, objects behind {@code s3Endpoint}, a SQLite catalog. */
    static Map<String, String> jobOptions(
            KinesisEmulator kinesis, String stream, S3Emulator s3, URI s3Endpoint, Path warehouse) {
        Map<String, String> o = new LinkedHashMap<>();
        s3.configuration().toMap().forEach(o::put);
        o.put(ObjectStoreOptions.ENDPOINT.key(), s3Endpoint.toString());
        kinesis.sourceOptions(stream).forEach((k, v) -> o.put(InputSources.NOTIFICATIONS_KINESIS_PREFIX + k, v));
        o.put(InputSources.NOTIFICATIONS_KINESIS_PREFIX + "source.shard.discovery.interval", "1 s");
        o.put(CatalogOptions.WAREHOUSE.key(), warehouse.toString());
        o.put(TrailstreamOptions.FETCH_CONCURRENCY.key(), "2");
        o.put(TrailstreamOptions.FETCH_THREADS.key(), "2");
        return o;
    }

    /** The same options as a Flink configuration, for reading the tables back ({@link Warehouse}). */
    static Configuration configuration(Map<String, String> options) {
        return Configuration.fromMap(options);
    }

    /** Writes a job config file as a user would: the options, then the integrations the job starts with. */
    static Path writeJobConfig(Path file, Map<String, String> options, List<Integration> integrations) {
        ObjectNode root = YAML.createObjectNode();
        options.forEach(root::put);
        ArrayNode list = root.putArray("integrations");
        for (Integration i : integrations) {
            ObjectNode n = list.addObject();
            n.put("integration_id", i.integrationId);
            n.put("tenant_id", i.tenantId);
            n.put("bucket", i.bucket);
            if (i.prefix != null && !i.prefix.isEmpty()) n.put("prefix", i.prefix);
        }
        try {
            Files.createDirectories(file.getParent());
            YAML.writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * Uploads the shaded jar and runs it as a user would: no entry class (the jar's manifest main, the command line)
     * and {@code run --config FILE}.
     */
    static RestJobClient submit(LocalCluster cluster, Path config, int parallelism, String savepoint) {
        String jar = cluster.rest().uploadJar(FlinkDistribution.ofRunningBuild().jobJar());
        String job =
                cluster.rest().runJar(jar, null, List.of("run", "--config", config.toString()), parallelism, savepoint);
        RestJobClient client = new RestJobClient(cluster.rest(), job);
        cluster.rest().awaitAllTasksRunning(job, Duration.ofMinutes(3));
        return client;
    }

    /** The job's restarts so far ({@code numRestarts} of the JobManager's job metric group). */
    static long restarts(RestJobClient job) {
        return job.rest()
                .get("/jobs/" + job.id() + "/metrics?get=numRestarts")
                .path(0)
                .path("value")
                .asLong();
    }

    /** Scrapes the Prometheus endpoints of the cluster's processes (ports of {@code metrics.reporter.prom.port}). */
    static List<String> scrapePrometheus(int from, int to) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        List<String> lines = new ArrayList<>();
        for (int port = from; port <= to; port++) {
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) lines.addAll(r.body().lines().toList());
            } catch (IOException e) {
                // nothing on that port
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return lines;
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
