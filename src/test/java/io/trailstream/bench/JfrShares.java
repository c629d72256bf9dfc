package io.trailstream.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the task threads of a recorded job spend their time: reads a JFR file ({@code ./benchmark --jfr}) and
 * prints the share of execution samples (and of native-method samples in inflate or zstd) per cost centre. A sample belongs to the first frame,
 * from the leaf up, that names one of the centres (Parquet dictionary, Parquet statistics, zstd, gunzip,
 * Jackson, ...); JDK frames and Parquet's {@code Binary} pass the sample on to their caller, so
 * {@code Binary.hashCode} called by the dictionary counts as dictionary. Only threads whose name contains a
 * filter (default: Flink's task threads, named after their operators) are counted.
 *
 * <pre>{@code
 * java -cp "target/test-classes:$(cat target/bench-classpath.txt)" io.trailstream.bench.JfrShares FILE.jfr [thread-filter...]
 * }</pre>
 */
public final class JfrShares {
    private static final List<String[]> CENTRES = List.of(
            new String[] {"parquet.column.values.dictionary", "Parquet dictionary encoding"},
            new String[] {"parquet.column.statistics", "Parquet min/max statistics"},
            new String[] {"parquet.internal.column.columnindex", "Parquet column/offset index"},
            new String[] {"parquet.schema.PrimitiveComparator", "Parquet min/max statistics"},
            new String[] {"luben.zstd", "zstd compression"},
            new String[] {"java.util.zip", "gunzip (inflate)"},
            new String[] {"io.trailstream.record.JsonCompactor", "JsonCompactor"},
            new String[] {"com.fasterxml.jackson", "Jackson"},
            new String[] {"io.trailstream.record", "parser: rows, raw slices"},
            new String[] {"io.trailstream", "trailstream other (fetch, filter, ledger)"},
            new String[] {"org.apache.flink.table.data", "Flink StringData/RowData (copies)"},
            new String[] {"org.apache.iceberg.flink.data", "Iceberg RowData -> Parquet writers"},
            new String[] {"org.apache.iceberg.parquet", "Iceberg RowData -> Parquet writers"},
            new String[] {"org.apache.iceberg.shaded.org.apache.parquet", "Parquet encoding, pages, other"},
            new String[] {"org.apache.iceberg", "Iceberg other"},
            new String[] {"org.apache.flink", "Flink runtime (network, serialization)"});
    /** Frames that do not decide: they run on behalf of their caller. */
    private static final List<String> PASS_ON =
            List.of("java.", "jdk.", "sun.", "parquet.io.api.Binary", "shaded.it.unimi", "parquet.bytes.");

    private static final boolean DETAIL = Boolean.getBoolean("detail");

    private JfrShares() {}

    private static String frames(RecordedStackTrace stack, int n) {
        if (stack == null) return "";
        StringBuilder b = new StringBuilder();
        for (RecordedFrame f : stack.getFrames()) {
            if (n-- == 0) break;
            String type = f.getMethod().getType().getName();
            b.append(type.substring(type.lastIndexOf('.') + 1))
                    .append('.')
                    .append(f.getMethod().getName())
                    .append(" < ");
        }
        return b.toString();
    }

    public static void main(String[] args) throws Exception {
        List<String> filters = args.length > 1
                ? List.of(args).subList(1, args.length)
                : List.of("gunzip, parse", "download objects", "IcebergStreamWriter", "Writer", "ledger rows");
        Map<String, Long> byCentre = new TreeMap<>();
        Map<String, Long> byThread = new TreeMap<>();
        Map<String, Long> byStack = new TreeMap<>();
        long total = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            String type = e.getEventType().getName();
            if (!type.equals("jdk.ExecutionSample") && !type.equals("jdk.NativeMethodSample")) continue;
            var thread = e.getThread("sampledThread");
            String name = thread == null ? "?" : thread.getJavaName();
            if (name == null || filters.stream().noneMatch(name::contains)) continue;
            String centre = centre(e.getStackTrace());
            // A thread in native code is sampled whether it computes or waits (accept, epoll, park): only
            // inflate and zstd are work.
            if (type.equals("jdk.NativeMethodSample")
                    && !centre.equals("gunzip (inflate)")
                    && !centre.equals("zstd compression")) {
                continue;
            }
            byCentre.merge(centre, 1L, Long::sum);
            if (DETAIL) byStack.merge(centre + " <- " + frames(e.getStackTrace(), 4), 1L, Long::sum);
            byThread.merge(name.replaceAll("\\(\\d+/\\d+\\).*", "").trim(), 1L, Long::sum);
            total++;
        }
        System.out.printf(Locale.ROOT, "%d samples on task threads in %s%n", total, args[0]);
        print("by thread", byThread, total);
        print("by cost centre", byCentre, total);
        if (DETAIL) print("by stack (-Ddetail=true)", byStack, total);
    }

    private static void print(String title, Map<String, Long> counts, long total) {
        System.out.println(title + ":");
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(en -> sorted.put(en.getKey(), en.getValue()));
        sorted.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %5.1f%%  %s%n", 100.0 * v / total, k));
    }

    static String centre(RecordedStackTrace stack) {
        if (stack == null) return "no stack";
        for (RecordedFrame frame : stack.getFrames()) {
            if (!frame.isJavaFrame()) continue;
            String method = frame.getMethod().getType().getName() + "."
                    + frame.getMethod().getName();
            if (PASS_ON.stream().anyMatch(method::contains) && !method.startsWith("java.util.zip")) continue;
            for (String[] c : CENTRES) {
                if (method.contains(c[0])) return c[1];
            }
            return "other: " + method;
        }
        return "JDK only";
    }
}
