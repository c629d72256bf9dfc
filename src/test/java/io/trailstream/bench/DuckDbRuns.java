package io.trailstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs {@link DuckDbLeg} as child processes on a shape: schema inferred (falling back to
 * {@code union_by_name}, then to one COPY per file, when inference fails across files, and reporting that
 * failure as a result), then raw + typed. Rates use DuckDB's own time for the query (connection to the last
 * Parquet byte), not the child JVM's start.
 */
final class DuckDbRuns {
    private static final Pattern DONE = Pattern.compile("rows=(\\d+) seconds=([0-9.]+)");
    private static final Pattern ERROR = Pattern.compile("error=(.*)");
    private static final int THREADS = 2;

    private final BenchData data;
    private final Path results;

    DuckDbRuns(BenchData data, Path results) {
        this.data = data;
        this.results = results;
    }

    void run(List<LegResult> legs, List<String> written) throws Exception {
        String[][] inferred = {
            {"inferred", "DuckDB inferred -> zstd Parquet"},
            {"inferred-union", "DuckDB inferred, union_by_name"},
            {"inferred-per-file", "DuckDB inferred, per file"}
        };
        for (String[] attempt : inferred) {
            LegResult leg = leg(attempt[0], attempt[1], written);
            legs.add(leg);
            if (!leg.failed()) break;
        }
        legs.add(leg("raw-typed", "DuckDB raw + typed", written));
    }

    private LegResult leg(String mode, String name, List<String> written) throws Exception {
        Path out = results.resolve(
                "duckdb-" + data.shape.name() + "-" + mode + (mode.endsWith("per-file") ? "" : ".parquet"));
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        ChildProcess p = ChildProcess.run(
                List.of(
                        javaBin,
                        "-Xmx1g",
                        "-cp",
                        System.getProperty("java.class.path"),
                        DuckDbLeg.class.getName(),
                        mode,
                        data.bucket.toString(),
                        out.toString(),
                        String.valueOf(THREADS),
                        String.valueOf(data.files.size() == 1 ? data.jsonBytes : 0)),
                Map.of(),
                results.resolve("duckdb-" + data.shape.name() + "-" + mode + ".log"));
        String output = p.output();
        Matcher done = DONE.matcher(output);
        long[] filesAndBytes = sizeOf(out);
        BenchData.deleteTree(out);
        if (p.exitCode != 0 || !done.find()) {
            Matcher error = ERROR.matcher(output);
            String why = error.find() ? error.group(1) : "exit " + p.exitCode + ", see " + p.log;
            return LegResult.failure(name, THREADS, p.wallSeconds, why);
        }
        written.add(String.format(
                Locale.ROOT, "%s: %s in %d files", name, InProcessLegs.mb(filesAndBytes[1]), filesAndBytes[0]));
        long rows = Long.parseLong(done.group(1));
        double seconds = Double.parseDouble(done.group(2));
        String check = rows == data.records ? "" : " (" + rows + " rows, expected " + data.records + "!)";
        return LegResult.process(
                        name,
                        THREADS,
                        seconds,
                        rows,
                        data.jsonBytes,
                        p.wallSeconds,
                        p.peakRssBytes,
                        String.format(
                                Locale.ROOT, "process wall %.2f s, cpu %.1f s%s", p.wallSeconds, p.cpuSeconds, check))
                .withCpu(p.cpuSeconds);
    }

    private static long[] sizeOf(Path out) throws IOException {
        long[] fb = new long[2];
        if (!Files.exists(out)) return fb;
        try (Stream<Path> paths = Files.walk(out)) {
            for (Path f : (Iterable<Path>) paths.filter(Files::isRegularFile)::iterator) {
                fb[0]++;
                fb[1] += Files.size(f);
            }
        }
        return fb;
    }
}
