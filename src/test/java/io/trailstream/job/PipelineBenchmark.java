package io.trailstream.job;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailstream.control.Integration;
import io.trailstream.iceberg.CatalogOptions;
import io.trailstream.object.gzip.Gzip;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestartStrategyOptions;

/**
 * Measures the whole job against its ceiling, in one run: (a) the baseline, gunzip + a Jackson token skim of
 * every file on one thread (what no CloudTrail ingester can beat per core), then (b) the embedded job at
 * parallelism P over the same files: route, fetch, gunzip, parse to rows with raw, filter, write zstd Parquet
 * and commit to Iceberg. Prints records/s of both and the ratio of (b) to (a) times P. Not a test: run it by
 * hand on a quiet machine.
 *
 * <pre>{@code
 * mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -Xmx4g $FLINK_OPENS -cp "$(cat target/cp.txt):target/classes:target/test-classes" \
 *     io.trailstream.job.PipelineBenchmark [files=200] [recordsPerFile=2000] [parallelism=2]
 * }</pre>
 * ({@code FLINK_OPENS}: the {@code --add-opens} list of the launcher {@code ./trailstream}.)
 */
public final class PipelineBenchmark {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PipelineBenchmark() {}

    public static void main(String[] args) throws Exception {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int perFile = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int parallelism = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Path dir = Files.createTempDirectory("trailstream-bench-");
        Path bucket = dir.resolve("bucket");
        long jsonBytes = writeFiles(bucket, files, perFile);
        long records = (long) files * perFile;
        System.out.printf(
                Locale.ROOT,
                "input: %d files, %d records, %.1f MB JSON, %.1f MB gzip%n",
                files,
                records,
                jsonBytes / 1e6,
                sizeOf(bucket) / 1e6);

        skim(bucket); // warm-up
        long t0 = System.nanoTime();
        long skimmed = skim(bucket);
        double baseline = skimmed / ((System.nanoTime() - t0) / 1e9);
        System.out.printf(Locale.ROOT, "(a) gunzip + token skim, 1 thread: %,.0f records/s%n", baseline);

        Configuration conf = new Configuration();
        conf.set(TrailstreamOptions.NOTIFICATIONS_SOURCE, TrailstreamOptions.NotificationSource.LOCAL);
        conf.set(TrailstreamOptions.LOCAL_INPUT, bucket.toString());
        conf.set(TrailstreamOptions.UNROUTED_GRACE_PERIOD, Duration.ZERO);
        conf.set(CatalogOptions.WAREHOUSE, dir.resolve("warehouse").toString());
        conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(2));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        JobConfig job = new JobConfig(
                conf, List.of(Integration.of("bench", bucket.toAbsolutePath().toString(), null)));
        long t1 = System.nanoTime();
        TrailstreamJob.execute(job, "trailstream benchmark");
        double seconds = (System.nanoTime() - t1) / 1e9;
        double jobRate = records / seconds;
        System.out.printf(
                Locale.ROOT,
                "(b) whole job, parallelism %d: %,.0f records/s (%.1f s, %.1f MB/s of JSON)%n",
                parallelism,
                jobRate,
                seconds,
                jsonBytes / 1e6 / seconds);
        System.out.printf(Locale.ROOT, "(b) / ((a) x %d) = %.2f%n", parallelism, jobRate / (baseline * parallelism));
        System.exit(0); // the embedded cluster's pools would keep the JVM up
    }

    /** Synthetic trail files built from the bundled samples' records, with fresh event ids. */
    private static long writeFiles(Path bucket, int files, int perFile) throws IOException {
        List<JsonNode> templates = new ArrayList<>();
        String sample = "samples/AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/26/"
                + "111122223333_CloudTrail_us-east-1_20261126T0905Z_42cfsuosg0wp8i8z.json.gz";
        try (InputStream in =
                new GZIPInputStream(PipelineBenchmark.class.getClassLoader().getResourceAsStream(sample))) {
            MAPPER.readTree(in).get("Records").forEach(templates::add);
        }
        Random random = new Random(7);
        long bytes = 0;
        for (int f = 0; f < files; f++) {
            String account = f % 2 == 0 ? "111122223333" : "444455556666";
            Path file = bucket.resolve(String.format(
                    Locale.ROOT,
                    "AWSLogs/%s/CloudTrail/us-east-1/2026/11/26/%s_CloudTrail_us-east-1_20261126T%02d%02dZ_%016d.json.gz",
                    account,
                    account,
                    f / 60 % 24,
                    f % 60,
                    f));
            Files.createDirectories(file.getParent());
            ArrayNode records = MAPPER.createArrayNode();
            for (int r = 0; r < perFile; r++) {
                ObjectNode record =
                        templates.get(random.nextInt(templates.size())).deepCopy();
                record.put("eventID", f + "-" + r);
                record.put("recipientAccountId", account);
                records.add(record);
            }
            byte[] json = MAPPER.writeValueAsBytes(MAPPER.createObjectNode().set("Records", records));
            bytes += json.length;
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
                out.write(json);
            }
        }
        return bytes;
    }

    /** Gunzip + every JSON token of every file; returns the number of records (objects inside Records). */
    private static long skim(Path bucket) throws IOException {
        JsonFactory factory = new JsonFactory();
        long records = 0;
        try (Stream<Path> paths = Files.walk(bucket)) {
            for (Path p : (Iterable<Path>) paths.filter(Files::isRegularFile)::iterator) {
                try (InputStream in = Gzip.decompressIfGzip(Files.newInputStream(p));
                        JsonParser parser = factory.createParser(in)) {
                    int depth = 0;
                    while (parser.nextToken() != null) {
                        switch (parser.currentToken()) {
                            case START_OBJECT:
                                if (depth++ == 2) records++;
                                break;
                            case START_ARRAY:
                                depth++;
                                break;
                            case END_OBJECT:
                            case END_ARRAY:
                                depth--;
                                break;
                            default:
                        }
                    }
                }
            }
        }
        return records;
    }

    private static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }
}
