package io.trailstream.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Compares write properties of the {@code events} table on one thread, interleaved in one JVM so that the
 * machine's load hits every variant alike: for each variant ({@code name=k=v;k=v}, applied on top of the table's
 * properties as {@code -Dbench.write.properties} would be) the parse + Parquet leg runs {@code rounds} times
 * over the shape's files, and the median thread CPU time (less sensitive to other load than wall time) is printed next to the parse-only leg's, with the bytes written.
 *
 * <pre>{@code
 * java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" io.trailstream.bench.WritePropertiesAB \
 *     many:100 3 "table=" "no-dict=parquet.enable.dictionary=false" "zstd1=write.parquet.compression-level=1"
 * }</pre>
 */
public final class WritePropertiesAB {
    private WritePropertiesAB() {}

    public static void main(String[] args) throws Exception {
        Path project =
                Path.of(System.getProperty("trailstream.project.dir", ".")).toAbsolutePath();
        BenchData data = BenchData.ensure(BenchShape.parse(args[0]), project);
        int rounds = Integer.parseInt(args[1]);
        List<String> names = new ArrayList<>(List.of("parse only"));
        List<String> props = new ArrayList<>(List.of(""));
        for (int i = 2; i < args.length; i++) {
            String[] nv = args[i].split("=", 2);
            names.add(nv[0]);
            props.add(nv[1].replace(';', ','));
        }
        double[][] seconds = new double[names.size()][rounds];
        long[] bytes = new long[names.size()];
        InProcessLegs legs = new InProcessLegs(data, project.resolve("target/bench-results/ab-scratch"));
        for (int r = 0; r < rounds; r++) {
            for (int v = 0; v < names.size(); v++) {
                System.setProperty("bench.write.properties", props.get(v));
                LegResult leg = v == 0 ? legs.parseLeg() : legs.writeLeg();
                seconds[v][r] = leg.cpuSeconds();
                bytes[v] = leg.outBytes();
            }
        }
        double parse = median(seconds[0]);
        System.out.printf(
                Locale.ROOT,
                "%s: %,d records, %d rounds, load %s%n",
                data.shape.title(),
                data.records,
                rounds,
                Machine.load());
        System.out.printf(
                Locale.ROOT,
                "  %-16s %8s %10s %10s %9s  %s%n",
                "variant",
                "s",
                "records/s",
                "write s",
                "MB",
                "properties");
        for (int v = 0; v < names.size(); v++) {
            double s = median(seconds[v]);
            System.out.printf(
                    Locale.ROOT,
                    "  %-16s %8.2f %,10.0f %10s %9s  %s%n",
                    names.get(v),
                    s,
                    data.records / s,
                    v == 0 ? "-" : String.format(Locale.ROOT, "%.2f", s - parse),
                    v == 0 ? "-" : InProcessLegs.mb(bytes[v]),
                    props.get(v));
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
