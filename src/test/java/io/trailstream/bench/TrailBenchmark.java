package io.trailstream.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark of issue 7, one command ({@code ./benchmark [shape...]}, see docs/performance.md): for each shape
 * of realistic trail files it measures, in one run on the same files, the decompression floor, a gunzip + Jackson
 * skim ceiling, the job's parser, the parser feeding Parquet, the whole embedded job as a user runs it (wall
 * clock, fixed cost from a one-file run, steady state, peak RSS, files and bytes per table) and DuckDB both ways
 * (schema inferred; raw + typed columns), and prints records/s, MB/s and the ratios between them. Not a test:
 * nothing here runs in {@code mvn verify}.
 *
 * <p>Options: {@code --no-duckdb}, {@code --no-job}, {@code --no-inprocess}, {@code --no-samples} leave legs out;
 * {@code --jfr} records a JFR profile of each job run (see {@link JfrShares}); {@code --parallelism N} (2);
 * {@code --baseline DIR} also runs the job legs with another checkout's launcher (e.g. the commit before a
 * change, built), in the same run, so that before and after meet the same load; {@code --job-config FILE}
 * runs the job with that configuration file (e.g. to try a Flink option).
 */
public final class TrailBenchmark {
    private final Path project;
    private final Path results;
    private final Options options;
    private final JobLeg job;
    private final JobLeg baseline;
    private final Report report;
    /** Fastest samples run per launcher ("" or "baseline: "), the fixed cost of a single-file shape. */
    private final Map<String, Double> fixedCost = new java.util.HashMap<>();

    private TrailBenchmark(Path project, Path results, Options options) {
        this.project = project;
        this.results = results;
        this.options = options;
        this.job = new JobLeg(project, results, options.jfr, options.jobConfig);
        this.baseline =
                options.baseline == null ? null : new JobLeg(options.baseline, results, options.jfr, options.jobConfig);
        this.report = new Report(results.resolve("summary.txt"));
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path project = Path.of(System.getProperty("trailstream.project.dir", "."))
                .toAbsolutePath()
                .normalize();
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path results = project.resolve("target/bench-results").resolve(stamp);
        Files.createDirectories(results);
        new TrailBenchmark(project, results, options).run();
        System.exit(0);
    }

    private void run() throws Exception {
        report.line(Machine.describe());
        report.line("results and logs: " + results);
        if (options.samples && options.job) samples();
        for (BenchShape shape : options.shapes) shape(BenchData.ensure(shape, project));
    }

    /** {@code ./trailstream local} on the bundled samples: the quick start's wall clock. */
    private void samples() throws Exception {
        if (baseline != null) samples(baseline, "baseline ");
        samples(job, "");
    }

    private void samples(JobLeg leg, String prefix) throws Exception {
        List<String> walls = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            JobLeg.Run run = leg.run(prefix.trim() + "samples-" + i, null, options.parallelism);
            if (run.ok()) fixedCost.merge(prefix.isEmpty() ? "" : "baseline: ", run.wallSeconds(), Math::min);
            walls.add(
                    run.ok()
                            ? String.format(
                                    Locale.ROOT,
                                    "%.2f s (%s peak RSS)",
                                    run.wallSeconds(),
                                    Report.mib(run.peakRssBytes()))
                            : "FAILED " + run.failure());
        }
        report.line("");
        report.line(prefix + "./trailstream local on the bundled samples (392 records), two runs: "
                + String.join(", ", walls) + "   [target <= 4 s]   load " + Machine.load());
    }

    private void shape(BenchData data) throws Exception {
        report.line("");
        report.line(String.format(
                Locale.ROOT,
                "== %s: %d files, %,d records, %s JSON, %s gzip (%.1fx)",
                data.shape.title(),
                data.files.size(),
                data.records,
                InProcessLegs.mb(data.jsonBytes),
                InProcessLegs.mb(data.gzipBytes),
                (double) data.jsonBytes / data.gzipBytes));
        String loadBefore = Machine.load();
        List<LegResult> legs = new ArrayList<>();
        List<String> written = new ArrayList<>();
        if (options.inProcess) legs.addAll(new InProcessLegs(data, results.resolve("scratch")).run());
        if (options.job && baseline != null) jobLegs(baseline, "baseline: ", data, legs, written);
        if (options.job) jobLegs(job, "", data, legs, written);
        if (options.duckdb) new DuckDbRuns(data, results).run(legs, written);
        report.table(legs);
        for (String w : written) report.line("  written: " + w);
        report.line("  load before " + loadBefore + ", after " + Machine.load());
        report.targets(data, legs);
    }

    private void jobLegs(JobLeg job, String prefix, BenchData data, List<LegResult> legs, List<String> written)
            throws Exception {
        String name = prefix.isEmpty() ? data.shape.name() : "baseline-" + data.shape.name();
        JobLeg.Run whole = job.run(name, data.bucket, options.parallelism);
        if (!whole.ok()) {
            legs.add(LegResult.failure(
                    prefix + "trailstream local (whole job)",
                    options.parallelism,
                    whole.wallSeconds(),
                    whole.failure()));
            return;
        }
        String check = whole.records() == data.records ? "" : " (expected " + data.records + " records!)";
        legs.add(LegResult.process(
                        prefix + "trailstream local (whole job)",
                        options.parallelism,
                        whole.wallSeconds(),
                        whole.records(),
                        data.jsonBytes,
                        whole.wallSeconds(),
                        whole.peakRssBytes(),
                        String.format(Locale.ROOT, "cpu %.1f s, ", whole.cpuSeconds()) + whole.objects() + " objects"
                                + check)
                .withCpu(whole.cpuSeconds()));
        written.add(prefix + "job " + Report.tables(whole.written()));
        if (data.files.size() == 1 && fixedCost.containsKey(prefix)) {
            double steady = whole.wallSeconds() - fixedCost.get(prefix);
            legs.add(LegResult.process(
                    prefix + "  steady state (whole - one file)",
                    options.parallelism,
                    steady,
                    whole.records(),
                    data.jsonBytes,
                    steady,
                    0,
                    "fixed cost taken from the samples run"));
        }
        if (data.files.size() > 1) {
            JobLeg.Run one = job.run(name + "-one-file", data.oneFile, options.parallelism);
            if (!one.ok()) {
                legs.add(LegResult.failure(
                        prefix + "  fixed cost: one file", options.parallelism, one.wallSeconds(), one.failure()));
                return;
            }
            legs.add(LegResult.process(
                            prefix + "  fixed cost: one file",
                            options.parallelism,
                            one.wallSeconds(),
                            one.records(),
                            0,
                            one.wallSeconds(),
                            one.peakRssBytes(),
                            String.format(Locale.ROOT, "cpu %.1f s", one.cpuSeconds()))
                    .withCpu(one.cpuSeconds()));
            double steady = whole.wallSeconds() - one.wallSeconds();
            long json = data.jsonBytes - data.jsonBytes / data.files.size();
            legs.add(LegResult.process(
                            prefix + "  steady state (whole - one file)",
                            options.parallelism,
                            steady,
                            whole.records() - one.records(),
                            json,
                            steady,
                            0,
                            String.format(
                                    Locale.ROOT,
                                    "cpu %.1f s: %,.0f records per cpu-second",
                                    whole.cpuSeconds() - one.cpuSeconds(),
                                    (whole.records() - one.records()) / (whole.cpuSeconds() - one.cpuSeconds())))
                    .withCpu(whole.cpuSeconds() - one.cpuSeconds()));
        }
    }

    /** Command-line options. */
    record Options(
            List<BenchShape> shapes,
            boolean duckdb,
            boolean job,
            boolean inProcess,
            boolean samples,
            boolean jfr,
            int parallelism,
            Path baseline,
            Path jobConfig) {

        static Options parse(String[] args) {
            List<BenchShape> shapes = new ArrayList<>();
            boolean duckdb = true, job = true, inProcess = true, samples = true, jfr = false;
            int parallelism = 2;
            Path baseline = null;
            Path jobConfig = null;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--no-duckdb" -> duckdb = false;
                    case "--no-job" -> job = false;
                    case "--no-inprocess" -> inProcess = false;
                    case "--no-samples" -> samples = false;
                    case "--jfr" -> jfr = true;
                    case "--parallelism" -> parallelism = Integer.parseInt(args[++i]);
                    case "--baseline" -> baseline = Path.of(args[++i]).toAbsolutePath();
                    case "--job-config" -> jobConfig = Path.of(args[++i]).toAbsolutePath();
                    default -> shapes.add(BenchShape.parse(args[i]));
                }
            }
            if (shapes.isEmpty()) {
                shapes = List.of(BenchShape.parse("many"), BenchShape.parse("small"), BenchShape.parse("big"));
            }
            return new Options(shapes, duckdb, job, inProcess, samples, jfr, parallelism, baseline, jobConfig);
        }
    }

    /** Prints to the console and appends to {@code summary.txt}. */
    static final class Report {
        private final Path file;

        Report(Path file) {
            this.file = file;
        }

        void line(String text) throws IOException {
            System.out.println(text);
            System.out.flush();
            Files.writeString(
                    file, text + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }

        void table(List<LegResult> legs) throws IOException {
            LegResult skim = find(legs, "gunzip + Jackson token skim");
            LegResult inferred = findPrefix(legs, "DuckDB inferred");
            LegResult rawTyped = find(legs, "DuckDB raw + typed");
            line(String.format(
                    Locale.ROOT,
                    "  %-40s %3s %8s %11s %10s %8s %7s %8s %8s %9s  %s",
                    "leg",
                    "thr",
                    "s",
                    "records/s",
                    "rec/cpu-s",
                    "MB/s",
                    "x skim",
                    "x duckI",
                    "x duckRT",
                    "peak RSS",
                    "notes"));
            for (LegResult leg : legs) {
                if (leg.failed()) {
                    line(String.format(
                            Locale.ROOT,
                            "  %-40s %3d %8.2f  FAILED: %s",
                            leg.name(),
                            leg.threads(),
                            leg.wallSeconds(),
                            leg.note()));
                    continue;
                }
                boolean rated = leg.records() > 0 && leg.jsonBytes() > 0;
                line(String.format(
                        Locale.ROOT,
                        "  %-40s %3d %8.2f %11s %10s %8s %7s %8s %8s %9s  %s",
                        leg.name(),
                        leg.threads(),
                        leg.seconds(),
                        rated ? String.format(Locale.ROOT, "%,.0f", leg.recordsPerSecond()) : "-",
                        rated && leg.cpuSeconds() > 0
                                ? String.format(Locale.ROOT, "%,.0f", leg.records() / leg.cpuSeconds())
                                : "-",
                        rated ? String.format(Locale.ROOT, "%.1f", leg.megabytesPerSecond()) : "-",
                        ratio(rated, leg, skim),
                        ratio(rated, leg, inferred),
                        ratio(rated, leg, rawTyped),
                        leg.peakRssBytes() > 0 ? mib(leg.peakRssBytes()) : "-",
                        leg.note()));
            }
        }

        void targets(BenchData data, List<LegResult> legs) throws IOException {
            for (String prefix : List.of("baseline: ", "")) targets(prefix, legs);
        }

        private void targets(String prefix, List<LegResult> legs) throws IOException {
            LegResult steady = find(legs, prefix + "  steady state (whole - one file)");
            LegResult whole = find(legs, prefix + "trailstream local (whole job)");
            if (whole == null) return;
            LegResult inferred = findPrefix(legs, "DuckDB inferred");
            LegResult rawTyped = find(legs, "DuckDB raw + typed");
            if (steady != null && inferred != null) {
                line(String.format(
                        Locale.ROOT,
                        "  %starget: steady state / DuckDB inferred records/s = %.2f   [target >= 1.5]",
                        prefix,
                        steady.recordsPerSecond() / inferred.recordsPerSecond()));
            }
            if (whole != null && rawTyped != null) {
                line(String.format(
                        Locale.ROOT,
                        "  %starget: DuckDB raw+typed wall / job wall = %.2f   [target >= 1.5 on the small-files shape]",
                        prefix,
                        rawTyped.seconds() / whole.wallSeconds()));
            }
        }

        private static String ratio(boolean rated, LegResult leg, LegResult base) {
            if (!rated || base == null || base.failed() || base == leg) return "-";
            return String.format(Locale.ROOT, "%.2f", leg.recordsPerSecond() / base.recordsPerSecond());
        }

        private static LegResult find(List<LegResult> legs, String name) {
            return legs.stream()
                    .filter(l -> l.name().equals(name) && !l.failed())
                    .findFirst()
                    .orElse(null);
        }

        private static LegResult findPrefix(List<LegResult> legs, String prefix) {
            return legs.stream()
                    .filter(l -> l.name().startsWith(prefix) && !l.failed())
                    .findFirst()
                    .orElse(null);
        }

        static String mib(long bytes) {
            return String.format(Locale.ROOT, "%.0f MiB", bytes / 1048576.0);
        }

        static String tables(Map<String, long[]> written) {
            List<String> parts = new ArrayList<>();
            written.forEach((table, fb) -> {
                if (fb[0] > 0)
                    parts.add(String.format(Locale.ROOT, "%s %s in %d files", table, InProcessLegs.mb(fb[1]), fb[0]));
            });
            return String.join(", ", parts);
        }
    }
}
