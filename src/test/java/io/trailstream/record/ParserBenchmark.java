package io.trailstream.record;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.table.data.RowData;

/**
 * Measures the parser against what it is built from, in one run on one thread: (a) gunzip only, (b) gunzip +
 * Jackson streaming skim of every token, (c) gunzip + a Jackson tree per record, (d) gunzip +
 * {@link CloudTrailRecordParser} to rows with raw. Input: about 50 MB (uncompressed) of synthetic CloudTrail
 * files of 500 records each, gzipped in memory. Rounds interleave the modes; the first two are warm-up and the
 * median of the rest is reported, with allocated bytes per record. Not a test: run it by hand.
 *
 * <pre>{@code
 * mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -Xmx2g -cp "$(cat target/cp.txt):target/classes:target/test-classes" io.trailstream.record.ParserBenchmark [MB] [rounds]
 * }</pre>
 */
public final class ParserBenchmark {
    private static final int RECORDS_PER_FILE = 500;
    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<byte[]> gzipped = new ArrayList<>();
    private long uncompressedBytes;
    private long records;
    private final CloudTrailRecordParser parser = new CloudTrailRecordParser();
    private final RecordContext context = new RecordContext("bench", "bucket", "key", Instant.now());
    private Object sink;

    public static void main(String[] args) throws IOException {
        int megabytes = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        ParserBenchmark benchmark = new ParserBenchmark();
        benchmark.generate(megabytes * 1_000_000L);
        benchmark.run(rounds);
    }

    private interface Mode {
        long run(InputStream in) throws IOException;
    }

    private void run(int rounds) throws IOException {
        String[] names = {
            "(a) gunzip only",
            "(b) gunzip + Jackson token skim",
            "(c) gunzip + Jackson tree per record",
            "(d) gunzip + CloudTrailRecordParser -> RowData + raw"
        };
        Mode[] modes = {this::gunzipOnly, this::tokenSkim, this::treePerRecord, this::ourParser};
        double[][] seconds = new double[modes.length][rounds];
        long[] allocated = new long[modes.length];
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        for (int round = 0; round < rounds; round++) {
            for (int m = 0; m < modes.length; m++) {
                long allocatedBefore = threads.getThreadAllocatedBytes(thread);
                long start = System.nanoTime();
                long count = 0;
                for (byte[] file : gzipped) {
                    count += modes[m].run(new GZIPInputStream(new ByteArrayInputStream(file), 65536));
                }
                seconds[m][round] = (System.nanoTime() - start) / 1e9;
                allocated[m] = threads.getThreadAllocatedBytes(thread) - allocatedBefore;
                if (m > 0 && count != records) throw new IllegalStateException(names[m] + " saw " + count + " records");
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%-52s %12s %9s %12s%n",
                "mode (median of " + (rounds - 2) + " rounds)",
                "records/s",
                "MB/s",
                "alloc B/rec");
        double[] median = new double[modes.length];
        for (int m = 0; m < modes.length; m++) {
            double[] measured = Arrays.copyOfRange(seconds[m], 2, rounds);
            Arrays.sort(measured);
            median[m] = measured[measured.length / 2];
            System.out.printf(
                    Locale.ROOT,
                    "%-52s %12.0f %9.1f %12d%n",
                    names[m],
                    records / median[m],
                    uncompressedBytes / 1e6 / median[m],
                    allocated[m] / records);
        }
        System.out.printf(
                Locale.ROOT,
                "throughput ratio (d)/(b) = %.2f, (d)/(c) = %.2f%n",
                median[1] / median[3],
                median[2] / median[3]);
    }

    private long gunzipOnly(InputStream in) throws IOException {
        byte[] buffer = new byte[65536];
        while (in.read(buffer) > 0) {
            // decompress only
        }
        return 0;
    }

    private long tokenSkim(InputStream in) throws IOException {
        long records = 0;
        int depth = 0;
        try (JsonParser p = JSON.createParser(in)) {
            JsonToken token;
            while ((token = p.nextToken()) != null) {
                if (token.isStructStart()) {
                    if (depth++ == 2 && token == JsonToken.START_OBJECT) records++; // {"Records":[ {record}
                } else if (token.isStructEnd()) {
                    depth--;
                }
            }
        }
        return records;
    }

    private long treePerRecord(InputStream in) throws IOException {
        long records = 0;
        try (JsonParser p = JSON.createParser(in)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (p.nextToken() == JsonToken.START_ARRAY && "Records".equals(name)) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        JsonNode record = MAPPER.readTree(p);
                        sink = record;
                        records++;
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        return records;
    }

    private long ourParser(InputStream in) throws IOException {
        ParseSummary summary = parser.parse(in, context, this::consume);
        if (!summary.isOk()) throw new IllegalStateException(summary.error());
        return summary.recordsEmitted();
    }

    private void consume(RowData row) {
        sink = row;
    }

    /** Synthetic CloudTrail log files, gzipped, until {@code targetBytes} of JSON. */
    private void generate(long targetBytes) throws IOException {
        Random random = new Random(42);
        while (uncompressedBytes < targetBytes) {
            StringBuilder file = new StringBuilder(1 << 20).append("{\"Records\":[");
            for (int i = 0; i < RECORDS_PER_FILE; i++) {
                if (i > 0) file.append(',');
                SyntheticRecords.append(file, random);
            }
            byte[] json = file.append("]}").toString().getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 8);
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(json);
            }
            gzipped.add(out.toByteArray());
            uncompressedBytes += json.length;
            records += RECORDS_PER_FILE;
        }
        long compressed = gzipped.stream().mapToLong(b -> b.length).sum();
        System.out.printf(
                Locale.ROOT,
                "input: %d files, %d records, %.1f MB JSON (%.0f B/record), %.1f MB gzipped%n",
                gzipped.size(),
                records,
                uncompressedBytes / 1e6,
                (double) uncompressedBytes / records,
                compressed / 1e6);
    }
}
