package io.trailstream.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.trailstream.iceberg.EventsTable;
import io.trailstream.iceberg.TrailTables;
import io.trailstream.object.gzip.Gzip;
import io.trailstream.record.CloudTrailRecordParser;
import io.trailstream.record.ParseSummary;
import io.trailstream.record.RecordContext;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.flink.data.FlinkParquetWriters;
import org.apache.iceberg.io.FileAppender;
import org.apache.iceberg.parquet.Parquet;

/**
 * The in-process baselines and ceilings, each over every file of a shape: gunzip alone (2 threads: the
 * decompression floor of a 2-core job), gunzip + a Jackson token skim (1 thread: what no parser of these files
 * beats per core), the job's own parser to the exact rows it writes (1 thread), and that parser feeding the
 * {@code events} table's Parquet writer with the table's write properties (1 thread). Each leg runs once over a
 * few files first so that the JIT has compiled it.
 */
final class InProcessLegs {
    private static final JsonFactory JSON = new JsonFactory();
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final BenchData data;
    private final Path scratch;
    /** Where the parse leg leaves each row, so that the JIT cannot drop building it. */
    private volatile RowData sink;

    InProcessLegs(BenchData data, Path scratch) {
        this.data = data;
        this.scratch = scratch;
    }

    List<LegResult> run() throws Exception {
        List<LegResult> results = new ArrayList<>();
        results.add(gunzipFloor());
        results.add(timed("gunzip + Jackson token skim", this::skim));
        results.add(parseLeg());
        results.add(writeLeg());
        return results;
    }

    LegResult parseLeg() throws Exception {
        return timed("gunzip + job parser -> rows", this::parse);
    }

    LegResult writeLeg() throws Exception {
        return timed("gunzip + parse + events Parquet", this::parseAndWrite);
    }

    private interface FileLeg {
        /** Processes {@code files}, returns the records seen; {@code bytesOut} collects bytes written. */
        long run(List<Path> files, AtomicLong bytesOut) throws Exception;
    }

    private LegResult timed(String name, FileLeg leg) throws Exception {
        leg.run(warmUpFiles(), new AtomicLong());
        long thread = Thread.currentThread().getId();
        long allocated = THREADS.getThreadAllocatedBytes(thread);
        AtomicLong out = new AtomicLong();
        long start = System.nanoTime();
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long records = leg.run(data.files, out);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        long perRecord = records == 0 ? 0 : (THREADS.getThreadAllocatedBytes(thread) - allocated) / records;
        String note = String.format(java.util.Locale.ROOT, "cpu %.2f s, ", cpu) + "alloc " + perRecord + " B/record"
                + (out.get() > 0 ? ", wrote " + mb(out.get()) : "");
        return LegResult.measured(name, 1, seconds, records, data.jsonBytes, note)
                .withOutBytes(out.get())
                .withCpu(cpu);
    }

    /** About 40 MB of JSON, or every file when the shape is smaller (the single big file: its first part). */
    private List<Path> warmUpFiles() {
        long budget = 40_000_000L;
        long perFile = Math.max(1, data.jsonBytes / data.files.size());
        int n = (int) Math.max(1, Math.min(data.files.size(), budget / perFile));
        return data.files.size() == 1 ? List.of() : data.files.subList(0, n);
    }

    private LegResult gunzipFloor() throws Exception {
        List<Path> warm = warmUpFiles();
        gunzip(warm, 0, 1);
        long start = System.nanoTime();
        AtomicLong total = new AtomicLong();
        Thread[] workers = new Thread[2];
        Exception[] failure = new Exception[1];
        for (int t = 0; t < workers.length; t++) {
            int first = t;
            workers[t] = new Thread(() -> {
                try {
                    total.addAndGet(gunzip(data.files, first, workers.length));
                } catch (IOException e) {
                    failure[0] = e;
                }
            });
            workers[t].start();
        }
        for (Thread w : workers) w.join();
        if (failure[0] != null) throw failure[0];
        double seconds = (System.nanoTime() - start) / 1e9;
        return LegResult.measured(
                "gunzip floor", 2, seconds, data.records, total.get(), "inflate only, files split over 2 threads");
    }

    private static long gunzip(List<Path> files, int first, int step) throws IOException {
        byte[] buffer = new byte[Gzip.BUFFER_SIZE];
        long bytes = 0;
        for (int i = first; i < files.size(); i += step) {
            try (InputStream in = Gzip.decompressIfGzip(Files.newInputStream(files.get(i)))) {
                int n;
                while ((n = in.read(buffer)) > 0) bytes += n;
            }
        }
        return bytes;
    }

    private long skim(List<Path> files, AtomicLong unused) throws IOException {
        long records = 0;
        for (Path file : files) {
            try (InputStream in = Gzip.decompressIfGzip(Files.newInputStream(file));
                    JsonParser p = JSON.createParser(in)) {
                int depth = 0;
                JsonToken token;
                while ((token = p.nextToken()) != null) {
                    if (token.isStructStart()) {
                        if (depth++ == 2 && token == JsonToken.START_OBJECT) records++; // {"Records":[ {record}
                    } else if (token.isStructEnd()) {
                        depth--;
                    }
                }
            }
        }
        return records;
    }

    private long parse(List<Path> files, AtomicLong unused) throws IOException {
        CloudTrailRecordParser parser = new CloudTrailRecordParser();
        long records = 0;
        for (Path file : files) {
            records += parseFile(parser, file, row -> sink = row);
        }
        return records;
    }

    private long parseAndWrite(List<Path> files, AtomicLong bytesOut) throws IOException {
        if (files.isEmpty()) return 0;
        CloudTrailRecordParser parser = new CloudTrailRecordParser();
        Path file = scratch.resolve("events-" + System.nanoTime() + ".parquet");
        Files.createDirectories(scratch);
        long records = 0;
        Map<String, String> properties = writeProperties();
        FileAppender<RowData> appender = Parquet.write(org.apache.iceberg.Files.localOutput(file.toFile()))
                .schema(EventsTable.schema())
                .setAll(properties)
                .metricsConfig(MetricsConfig.fromProperties(properties))
                .createWriterFunc(
                        (schema, type) -> FlinkParquetWriters.buildWriter(schema, type, EventsTable.rowType()))
                .build();
        try {
            for (Path f : files) records += parseFile(parser, f, appender::add);
        } finally {
            appender.close();
        }
        bytesOut.addAndGet(Files.size(file));
        Files.delete(file);
        return records;
    }

    /**
     * The {@code events} table's properties, with {@code -Dbench.write.properties=k=v,k=v} on top: a way to try a
     * write property on the Parquet leg without changing the table.
     */
    static Map<String, String> writeProperties() {
        Map<String, String> properties = new HashMap<>(TrailTables.EVENTS.properties());
        String extra = System.getProperty("bench.write.properties", "");
        for (String kv : extra.split(",")) {
            if (kv.isBlank()) continue;
            String[] p = kv.split("=", 2);
            if (p[1].isEmpty()) properties.remove(p[0]);
            else properties.put(p[0], p[1]);
        }
        return properties;
    }

    private static long parseFile(CloudTrailRecordParser parser, Path file, java.util.function.Consumer<RowData> rows)
            throws IOException {
        try (InputStream in = Gzip.decompressIfGzip(Files.newInputStream(file))) {
            RecordContext context =
                    new RecordContext("bench", "bucket", file.getFileName().toString(), Instant.now());
            ParseSummary summary = parser.parse(in, context, rows);
            if (!summary.isOk()) throw new IOException(file + ": " + summary.error());
            return summary.recordsEmitted();
        }
    }

    static String mb(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
