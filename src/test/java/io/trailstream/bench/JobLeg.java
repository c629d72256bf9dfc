package io.trailstream.bench;

import io.trailstream.iceberg.TableDefinition;
import io.trailstream.iceberg.TrailTables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The whole embedded job as a user runs it, {@code ./trailstream local --input DIR --warehouse DIR}, in a
 * fresh warehouse: route, fetch, gunzip, parse, write zstd Parquet, commit, and read the summary back. The
 * records come from the job's own summary (what the tables say landed), the data files and bytes from the
 * warehouse folder. {@code TRAILSTREAM_JAVA_OPTS} is passed on (the launcher's default heap when unset).
 */
final class JobLeg {
    private static final Pattern LANDED = Pattern.compile("Records landed in this run: (\\d+)");
    private static final Pattern ACCOUNTED = Pattern.compile("All (\\d+) objects accounted for");

    private final Path project;
    private final Path results;
    private final boolean jfr;
    private final Path config;

    /** {@code config}: a job configuration file passed as {@code --config}, or null. */
    JobLeg(Path project, Path results, boolean jfr, Path config) {
        this.project = project;
        this.results = results;
        this.jfr = jfr;
        this.config = config;
    }

    /** One run; {@code input} null runs the bundled samples. */
    Run run(String label, Path input, int parallelism) throws IOException, InterruptedException {
        Path warehouse = results.resolve("warehouse-" + label);
        BenchData.deleteTree(warehouse);
        List<String> command =
                new ArrayList<>(List.of(project.resolve("trailstream").toString(), "local"));
        if (input != null) command.addAll(List.of("--input", input.toString()));
        if (config != null) command.addAll(List.of("--config", config.toString()));
        command.addAll(List.of("--warehouse", warehouse.toString(), "--parallelism", String.valueOf(parallelism)));
        ChildProcess p = ChildProcess.run(command, environment(label), results.resolve("job-" + label + ".log"));
        String out = p.output();
        Matcher landed = LANDED.matcher(out);
        Matcher accounted = ACCOUNTED.matcher(out);
        boolean ok = p.exitCode == 0 && landed.find() && accounted.find();
        Run run = new Run(
                label,
                ok,
                p.wallSeconds,
                p.peakRssBytes,
                p.cpuSeconds,
                ok ? Long.parseLong(landed.group(1)) : 0,
                ok ? Long.parseLong(accounted.group(1)) : 0,
                p.log,
                written(warehouse),
                ok ? null : failureOf(p, out));
        BenchData.deleteTree(warehouse);
        return run;
    }

    private static String failureOf(ChildProcess p, String out) {
        if (out.contains("OutOfMemoryError")) return "exit " + p.exitCode + ": OutOfMemoryError (heap exhausted)";
        return "exit " + p.exitCode + ", see " + p.log;
    }

    /** Data files and their bytes per table. */
    private static Map<String, long[]> written(Path warehouse) throws IOException {
        Map<String, long[]> tables = new LinkedHashMap<>();
        for (TableDefinition table : TrailTables.all()) {
            Path data = warehouse.resolve("cloudtrail").resolve(table.name()).resolve("data");
            long[] filesAndBytes = new long[2];
            if (Files.isDirectory(data)) {
                try (Stream<Path> paths = Files.walk(data)) {
                    for (Path f :
                            (Iterable<Path>) paths.filter(f -> f.toString().endsWith(".parquet"))::iterator) {
                        filesAndBytes[0]++;
                        filesAndBytes[1] += Files.size(f);
                    }
                }
            }
            tables.put(table.name(), filesAndBytes);
        }
        return tables;
    }

    /**
     * Environment of the job's process: the caller's {@code TRAILSTREAM_JAVA_OPTS} (the launcher's default heap
     * when unset), plus a JFR recording to {@code job-LABEL.jfr} when profiling.
     */
    private Map<String, String> environment(String label) {
        Map<String, String> env = new HashMap<>();
        String given = System.getenv("TRAILSTREAM_JAVA_OPTS");
        if (jfr) {
            given = (given == null ? "-Xmx4g" : given) + " -XX:StartFlightRecording=settings=profile,filename="
                    + results.resolve("job-" + label + ".jfr");
        }
        if (given != null) env.put("TRAILSTREAM_JAVA_OPTS", given);
        return env;
    }

    /** What one job run did. */
    record Run(
            String label,
            boolean ok,
            double wallSeconds,
            long peakRssBytes,
            double cpuSeconds,
            long records,
            long objects,
            Path log,
            Map<String, long[]> written,
            String failure) {}
}
