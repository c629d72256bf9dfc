package io.trailstream.job;

import io.trailstream.control.Integration;
import io.trailstream.iceberg.CatalogOptions;
import io.trailstream.integrity.IntegrityOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestartStrategyOptions;

/**
 * What event dedupe costs, side by side in one run: the embedded job over the same realistic trail
 * ({@code ../shared/tools/gen_cloudtrail.py}) with {@code dedupe.events} off and on, alternately, three times each after
 * a warm-up run; prints
 * records/s of each run and the ratio on/off (median and best). Not a test: run it by hand.
 *
 * <pre>{@code
 * mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -Xmx4g $FLINK_OPENS -cp "$(cat target/cp.txt):target/classes:target/test-classes" \
 *     io.trailstream.job.EventDedupeBenchmark [files=60] [recordsPerFile=1000] [parallelism=2] [rounds=3]
 * }</pre>
 */
public final class EventDedupeBenchmark {
    private EventDedupeBenchmark() {}

    public static void main(String[] args) throws Exception {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int perFile = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int parallelism = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        Path dir = Files.createTempDirectory("trailstream-dedupe-bench-");
        Path bucket = dir.resolve("bucket");
        Process gen = new ProcessBuilder(
                        "python3",
                        Path.of("..", "shared", "tools", "gen_cloudtrail.py").toString(),
                        "--out",
                        bucket.toString(),
                        "--files",
                        String.valueOf(files),
                        "--records-per-file",
                        String.valueOf(perFile),
                        "--accounts",
                        "5",
                        "--jobs",
                        "2",
                        "--quiet")
                .inheritIO()
                .start();
        if (gen.waitFor() != 0) throw new IllegalStateException("gen_cloudtrail.py failed");
        Files.deleteIfExists(bucket.resolve("manifest.json"));
        long records = (long) files * perFile;
        System.out.printf(
                Locale.ROOT, "input: %d files, %d records, %.1f MB gzip%n", files, records, size(bucket) / 1e6);
        run(dir, bucket, parallelism, true, records, -1); // warm-up: JIT, class loading; not counted
        double[][] off = new double[rounds][];
        double[][] on = new double[rounds][];
        for (int round = 0; round < rounds; round++) {
            off[round] = run(dir, bucket, parallelism, false, records, round);
            on[round] = run(dir, bucket, parallelism, true, records, round);
        }
        // Wall time swings with whatever else the machine runs; the CPU the job burns does much less.
        System.out.printf(
                Locale.ROOT,
                "dedupe.events on / off, median of %d alternating runs: %,.0f / %,.0f records/s = %.2f;"
                        + " CPU: %.1f / %.1f s = %.2f (%.1f / %.1f CPU-µs per record)%n",
                rounds,
                median(on, 0),
                median(off, 0),
                median(on, 0) / median(off, 0),
                median(on, 1),
                median(off, 1),
                median(on, 1) / median(off, 1),
                median(on, 1) * 1e6 / records,
                median(off, 1) * 1e6 / records);
        System.exit(0);
    }

    private static double median(double[][] runs, int column) {
        double[] values = java.util.Arrays.stream(runs)
                .mapToDouble(r -> r[column])
                .sorted()
                .toArray();
        return values[values.length / 2];
    }

    private static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean)
                                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1e9;
    }

    /** records/s and CPU seconds of one run. */
    private static double[] run(Path dir, Path bucket, int parallelism, boolean dedupe, long records, int round)
            throws Exception {
        Configuration conf = new Configuration();
        conf.set(TrailstreamOptions.NOTIFICATIONS_SOURCE, TrailstreamOptions.NotificationSource.LOCAL);
        conf.set(TrailstreamOptions.LOCAL_INPUT, bucket.toString());
        conf.set(TrailstreamOptions.UNROUTED_GRACE_PERIOD, Duration.ZERO);
        conf.set(
                CatalogOptions.WAREHOUSE,
                dir.resolve("warehouse-" + dedupe + "-" + round).toString());
        conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(2));
        // The dedupe state outgrows the JobManager's in-memory checkpoint storage (5 MB per subtask).
        conf.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                dir.resolve("checkpoints").toUri().toString());
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        conf.set(IntegrityOptions.EVENT_DEDUPE, dedupe);
        JobConfig job = new JobConfig(
                conf, List.of(Integration.of("bench", bucket.toAbsolutePath().toString(), null)));
        long t = System.nanoTime();
        double cpu = cpuSeconds();
        TrailstreamJob.execute(job, "dedupe benchmark");
        double seconds = (System.nanoTime() - t) / 1e9;
        cpu = cpuSeconds() - cpu;
        double rate = records / seconds;
        System.out.printf(
                Locale.ROOT,
                "dedupe.events %-5s round %d: %.1f s, %,.0f records/s, %.1f CPU-s%n",
                dedupe,
                round + 1,
                seconds,
                rate,
                cpu);
        return new double[] {rate, cpu};
    }

    private static long size(Path dir) throws Exception {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }
}
