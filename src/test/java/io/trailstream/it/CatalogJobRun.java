package io.trailstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailstream.control.Integration;
import io.trailstream.iceberg.CatalogOptions;
import io.trailstream.iceberg.IcebergCatalogs;
import io.trailstream.iceberg.TableDefinition;
import io.trailstream.iceberg.TrailTables;
import io.trailstream.job.JobConfig;
import io.trailstream.job.TrailstreamJob;
import io.trailstream.job.TrailstreamOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/**
 * The whole job, bounded, over a folder laid out like a trail bucket (as {@code trailstream local} runs it),
 * into whatever catalog a test configures, and what the tables must then hold, worked out from the files with
 * gzip and Jackson alone.
 */
final class CatalogJobRun {
    static final ObjectMapper JSON = new ObjectMapper();

    private CatalogJobRun() {}

    /** What one trail bucket folder holds. */
    record Trail(Path folder, String integrationId, int files, Set<String> eventIds, Set<String> insightIds) {}

    /** Copies the bundled samples to {@code folder}, each key under {@code prefix} (null: at the root). */
    static Trail bundledSamples(Path folder, String prefix, String integrationId) throws IOException {
        List<String> keys = new ArrayList<>();
        try (InputStream in = resource("MANIFEST")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) keys.add(line.strip());
            }
        }
        Set<String> events = new HashSet<>();
        Set<String> insights = new HashSet<>();
        for (String key : keys) {
            Path file = folder.resolve(prefix == null ? key : prefix + "/" + key);
            Files.createDirectories(file.getParent());
            try (InputStream in = resource(key)) {
                Files.copy(in, file);
            }
            if (key.contains("/CloudTrail-Digest/")) continue;
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                for (JsonNode r : JSON.readTree(in).path("Records")) {
                    boolean insight =
                            "AwsCloudTrailInsight".equals(r.path("eventType").asText());
                    (insight ? insights : events).add(r.path("eventID").asText());
                }
            }
        }
        // A sidecar (KEY.s3meta.json: a digest's S3 metadata) is copied with the samples but is not an object.
        long objects = keys.stream().filter(k -> !k.endsWith(".s3meta.json")).count();
        return new Trail(folder, integrationId, (int) objects, events, insights);
    }

    /** The configuration of a bounded local run over {@code trails}' folder, as {@code trailstream local} sets it. */
    static Configuration localRun(Path bucket, Configuration catalog) {
        Configuration conf = new Configuration(catalog);
        conf.set(TrailstreamOptions.NOTIFICATIONS_SOURCE, TrailstreamOptions.NotificationSource.LOCAL);
        conf.set(TrailstreamOptions.LOCAL_INPUT, bucket.toString());
        conf.set(TrailstreamOptions.UNROUTED_GRACE_PERIOD, Duration.ZERO);
        conf.set(CoreOptions.DEFAULT_PARALLELISM, 2);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(500));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        return conf;
    }

    /** Builds the job for {@code trails} (one integration per trail, by prefix) and starts it. */
    static JobClient start(Configuration conf, List<Integration> integrations, String name) throws Exception {
        StreamExecutionEnvironment env = TrailstreamJob.environment(conf);
        env.setParallelism(2);
        new io.trailstream.job.TrailstreamTopology(new JobConfig(conf, integrations)).build(env);
        return env.executeAsync(name);
    }

    /** Runs the bounded job to its end. */
    static void run(Configuration conf, List<Integration> integrations, String name) throws Exception {
        start(conf, integrations, name).getJobExecutionResult().get();
    }

    /** Every committed row of each table, read back through a catalog made from {@code conf}. */
    static Map<String, List<Record>> read(Configuration conf) throws Exception {
        Map<String, List<Record>> out = new LinkedHashMap<>();
        Catalog catalog = IcebergCatalogs.loader(conf).loadCatalog();
        try {
            for (TableDefinition def : TrailTables.all()) {
                Table table = catalog.loadTable(TableIdentifier.of(conf.get(CatalogOptions.NAMESPACE), def.name()));
                List<Record> rows = new ArrayList<>();
                try (CloseableIterable<Record> it = IcebergGenerics.read(table).build()) {
                    it.forEach(r -> rows.add(r.copy()));
                }
                out.put(def.name(), rows);
            }
        } finally {
            if (catalog instanceof AutoCloseable) ((AutoCloseable) catalog).close();
        }
        return out;
    }

    /** Exactly each trail's records landed under its integration, once each; one ledger row per file; no dead letter. */
    static void assertLanded(Map<String, List<Record>> tables, Trail... trails) {
        int events = 0;
        int insights = 0;
        int files = 0;
        for (Trail t : trails) {
            assertThat(ids(tables.get("events"), t.integrationId()))
                    .as("events of %s: one row per record", t.integrationId())
                    .containsExactlyInAnyOrderElementsOf(t.eventIds());
            assertThat(ids(tables.get("insights"), t.integrationId()))
                    .as("insights of %s", t.integrationId())
                    .containsExactlyInAnyOrderElementsOf(t.insightIds());
            long ledger = tables.get("objects").stream()
                    .filter(r -> t.integrationId().equals(r.getField("integration_id")))
                    .count();
            assertThat(ledger).as("ledger rows of %s", t.integrationId()).isEqualTo(t.files());
            events += t.eventIds().size();
            insights += t.insightIds().size();
            files += t.files();
        }
        assertThat(tables.get("events")).as("events in all").hasSize(events);
        assertThat(tables.get("insights")).as("insights in all").hasSize(insights);
        assertThat(tables.get("objects")).as("ledger rows in all").hasSize(files);
        assertThat(tables.get("dead_letters")).as("dead letters").isEmpty();
    }

    private static List<String> ids(List<Record> rows, String integrationId) {
        List<String> ids = new ArrayList<>();
        for (Record r : rows) {
            if (integrationId.equals(r.getField("integration_id"))) ids.add((String) r.getField("event_id"));
        }
        return ids;
    }

    private static InputStream resource(String name) {
        InputStream in = CatalogJobRun.class.getClassLoader().getResourceAsStream("samples/" + name);
        if (in == null) throw new UncheckedIOException(new IOException("bundled sample " + name + " is missing"));
        return in;
    }
}
