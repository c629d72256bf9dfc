package io.trailstream.bench;

import io.trailstream.record.EventLayout;
import io.trailstream.record.FieldSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a data engineer would try first: DuckDB ({@code org.duckdb:duckdb_jdbc}, only on the benchmark's class
 * path, see the {@code bench} Maven profile) reading the same gzip files into zstd Parquet with 2 threads. Run
 * as its own process by {@link TrailBenchmark} so that its memory is its own; prints {@code rows=N seconds=S}.
 *
 * <ul>
 *   <li>{@code inferred}: {@code read_json} infers the schema, every top-level field becomes a column; no raw
 *       record. It fails on trails where a field is an object in one record and a string in another, unless the
 *       conflicting records are in the files it samples.
 *   <li>{@code inferred-union}: the same with {@code union_by_name=true} (each file's schema inferred and
 *       unified), the workaround when the first fails.
 *   <li>{@code inferred-per-file}: one COPY per file, the last resort.
 *   <li>{@code raw-typed}: {@code Records} read as {@code JSON[]}, the record kept as JSON text next to the
 *       top-level columns typed as the {@code events} table types them: works on any trail.
 * </ul>
 */
public final class DuckDbLeg {
    /**
     * A log file is one JSON object, and DuckDB refuses objects over 16 MB by default: for larger files the
     * caller passes the size to allow (as a user would set it after the first error). Not set otherwise: DuckDB
     * sizes its read buffers by it, and a large value runs it out of memory on many small files.
     */
    private static String maxObject = "";

    private DuckDbLeg() {}

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path bucket = Path.of(args[1]);
        Path out = Path.of(args[2]);
        int threads = Integer.parseInt(args[3]);
        long largestFile = args.length > 4 ? Long.parseLong(args[4]) : 0;
        if (largestFile > 16_000_000L) maxObject = ", maximum_object_size=" + (largestFile + largestFile / 10);
        String glob = bucket.resolve("AWSLogs") + "/**/*.json.gz";
        long start = System.nanoTime();
        long rows = 0;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute("SET threads=" + threads);
            switch (mode) {
                case "inferred":
                    rows = s.executeUpdate(copy(inferred(quote(glob), ""), out));
                    break;
                case "inferred-union":
                    rows = s.executeUpdate(copy(inferred(quote(glob), ", union_by_name=true"), out));
                    break;
                case "inferred-per-file":
                    Files.createDirectories(out);
                    List<Path> files;
                    try (Stream<Path> paths = Files.walk(bucket)) {
                        files = paths.filter(p -> p.toString().endsWith(".json.gz"))
                                .sorted()
                                .collect(Collectors.toList());
                    }
                    for (int i = 0; i < files.size(); i++) {
                        rows += s.executeUpdate(
                                copy(inferred(quote(files.get(i).toString()), ""), out.resolve(i + ".parquet")));
                    }
                    break;
                case "raw-typed":
                    rows = s.executeUpdate(copy(rawTyped(quote(glob)), out));
                    break;
                default:
                    throw new IllegalArgumentException("mode " + mode);
            }
        } catch (SQLException e) {
            System.out.println(
                    "error=" + e.getMessage().lines().findFirst().orElse("").replace('\t', ' '));
            System.exit(2);
        }
        System.out.printf(Locale.ROOT, "rows=%d seconds=%.3f%n", rows, (System.nanoTime() - start) / 1e9);
    }

    private static String inferred(String source, String options) {
        return "SELECT unnest(r) FROM (SELECT unnest(Records) AS r FROM read_json(" + source + options + maxObject
                + "))";
    }

    /** raw plus every top-level column of {@code events} that CloudTrail feeds, typed the same way. */
    static String rawTyped(String source) {
        List<String> columns = new ArrayList<>();
        columns.add("r::VARCHAR AS raw");
        for (FieldSpec f : EventLayout.EVENTS.fields()) {
            if (f.jsonNames().isEmpty()) continue; // lineage and raw
            String json = f.jsonNames().get(0);
            switch (f.kind()) {
                case STRING:
                    columns.add("r->>'" + json + "' AS " + f.name());
                    break;
                case BOOLEAN:
                    columns.add("TRY_CAST(r->>'" + json + "' AS BOOLEAN) AS " + f.name());
                    break;
                case TIMESTAMP:
                    columns.add("TRY_CAST(r->>'" + json + "' AS TIMESTAMPTZ) AS " + f.name());
                    break;
                default: // free-form objects, structs and lists: JSON
                    columns.add("r->'" + json + "' AS " + f.name());
            }
        }
        return "SELECT " + String.join(", ", columns) + " FROM (SELECT unnest(Records) AS r FROM read_json(" + source
                + ", columns={'Records': 'JSON[]'}" + maxObject + "))";
    }

    private static String copy(String select, Path out) {
        return "COPY (" + select + ") TO " + quote(out.toString()) + " (FORMAT parquet, COMPRESSION zstd)";
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
