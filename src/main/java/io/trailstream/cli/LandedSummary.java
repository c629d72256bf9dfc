package io.trailstream.cli;

import io.trailstream.iceberg.CatalogOptions;
import io.trailstream.iceberg.OpenCatalog;
import io.trailstream.iceberg.TrailTables;
import io.trailstream.notification.LocalBucketSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * What a run committed, read back from the Iceberg tables: objects per outcome and records per account
 * and region. It reads the tables (not the job's counters), so it shows what analysts will see.
 */
final class LandedSummary {
    private final Map<String, long[]> byOutcome = new TreeMap<>();
    private final Map<String, Long> byAccountRegion = new TreeMap<>();
    private final Map<String, Long> tableRows = new TreeMap<>();
    private final Map<String, Long> integrity = new TreeMap<>();
    private final String catalogName;
    private final String namespace;
    private final String warehouse;
    private long objects;
    private long events;

    private LandedSummary(String catalogName, String namespace, String warehouse) {
        this.catalogName = catalogName;
        this.namespace = namespace;
        this.warehouse = warehouse;
    }

    /** Reads what was processed since {@code since}. */
    static LandedSummary since(ReadableConfig conf, Instant since) throws IOException {
        String ns = conf.get(CatalogOptions.NAMESPACE);
        LandedSummary s = new LandedSummary(conf.get(CatalogOptions.NAME), ns, conf.get(CatalogOptions.WAREHOUSE));
        try (OpenCatalog catalog = OpenCatalog.forReading(conf)) {
            long from = since.toEpochMilli() * 1000L; // micros, as Iceberg timestamps
            Table objects = catalog.table(TrailTables.OBJECTS.name());
            try (CloseableIterable<Record> rows = IcebergGenerics.read(objects)
                    .select("outcome", "record_count", "processed_at")
                    .where(Expressions.greaterThanOrEqual("processed_at", from))
                    .build()) {
                for (Record r : rows) {
                    long[] c = s.byOutcome.computeIfAbsent((String) r.getField("outcome"), k -> new long[2]);
                    c[0]++;
                    c[1] += (Long) r.getField("record_count");
                    s.objects++;
                }
            }
            for (String name : new String[] {"events", "insights"}) {
                Table t = catalog.table(name);
                try (CloseableIterable<Record> rows = IcebergGenerics.read(t)
                        .select("recipient_account_id", "aws_region", "ingested_at")
                        .where(Expressions.greaterThanOrEqual("ingested_at", from))
                        .build()) {
                    for (Record r : rows) {
                        // formatted once per key when printed, not once per row
                        String key = r.getField("recipient_account_id") + "\u0000" + r.getField("aws_region") + "\u0000"
                                + name;
                        s.byAccountRegion.merge(key, 1L, Long::sum);
                        s.events++;
                    }
                }
            }
            if (catalog.exists(TrailTables.INTEGRITY.name())) {
                try (CloseableIterable<Record> rows = IcebergGenerics.read(catalog.table(TrailTables.INTEGRITY.name()))
                        .select("kind", "status", "checked_at")
                        .where(Expressions.greaterThanOrEqual("checked_at", from))
                        .build()) {
                    for (Record r : rows) {
                        s.integrity.merge(
                                String.format("%-9s %s", r.getField("kind"), r.getField("status")), 1L, Long::sum);
                    }
                }
            }
            for (var def : TrailTables.all()) {
                Table t = catalog.table(def.name());
                long total = t.currentSnapshot() == null
                        ? 0
                        : Long.parseLong(t.currentSnapshot().summary().getOrDefault("total-records", "0"));
                s.tableRows.put(def.name(), total);
            }
        }
        return s;
    }

    long objects() {
        return objects;
    }

    void print(PrintWriter out) {
        out.printf("%nObjects processed in this run: %d%n", objects);
        out.printf("  %-22s %8s %10s%n", "outcome", "objects", "records");
        byOutcome.forEach((k, v) -> out.printf("  %-22s %8d %10d%n", k, v[0], v[1]));
        out.printf("%nRecords landed in this run: %d%n", events);
        out.printf("  %-14s %-16s %-9s %8s%n", "account", "region", "table", "records");
        byAccountRegion.forEach((k, v) -> {
            String[] parts = k.split("\u0000", 3);
            out.printf("  %-14s %-16s %-9s %8d%n", parts[0], parts[1], parts[2], v);
        });
        if (!integrity.isEmpty()) {
            out.printf("%nIntegrity checks in this run (see the integrity table):%n");
            out.printf("  %-9s %-18s %8s%n", "kind", "status", "checks");
            integrity.forEach((k, v) -> out.printf("  %-28s %8d%n", k, v));
        }
        out.printf("%nTables in %s.%s (warehouse %s), rows in total:%n", catalogName, namespace, warehouse);
        tableRows.forEach((k, v) -> out.printf("  %-18s %8d%n", k, v));
        if (warehouse.startsWith("/") || warehouse.startsWith("file:")) {
            String folder = warehouse.startsWith("file:")
                    ? java.net.URI.create(warehouse).getPath()
                    : warehouse;
            out.printf(
                    "%nQuery them from Python (notebooks/README.md): SqlCatalog(\"%s\", uri=\"sqlite:///%s/catalog.db\", "
                            + "warehouse=\"file://%s\")%n",
                    catalogName, folder, folder);
        }
        out.flush();
    }

    /** Regular, non-hidden files below {@code folder}, metadata sidecars aside: what the local source notifies. */
    static long countFiles(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(p ->
                            !LocalBucketSource.isMetadataSidecar(p.getFileName().toString()))
                    .filter(p -> {
                        for (Path part : folder.relativize(p)) {
                            String n = part.toString();
                            if (n.startsWith(".") || n.startsWith("_")) return false;
                        }
                        return true;
                    })
                    .count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
