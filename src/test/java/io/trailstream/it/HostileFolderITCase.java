package io.trailstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.iceberg.CatalogOptions;
import io.trailstream.ledger.LedgerOutcome;
import io.trailstream.testing.HostileTrail;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 7's hostile folder (a gzip bomb holding a 300 MB string in a few hundred KB, a 150,000-record file and twenty
 * small broken ones) lands whole through {@code trailstream local} in a JVM with a 256 MB heap, far less than the
 * bomb's one string: the bomb's record is skipped and named, its neighbours and every other object's records land
 * once, every object has its ledger row. Run with every object in flight at once (one subtask, room for all 22)
 * and with two subtasks, so that any order of arrival meets the same bounds.
 */
class HostileFolderITCase {
    private static final String HEAP = "-Xmx256m";

    @TempDir
    static Path folder;

    private static Path bucket;
    private static List<HostileTrail.Expected> expected;

    @BeforeAll
    static void writeFolder() throws Exception {
        bucket = folder.resolve("bucket");
        expected = HostileTrail.write(bucket, HostileTrail.Sizes.ISSUE);
    }

    @ParameterizedTest(name = "parallelism {0}, {1} objects in flight per subtask")
    @CsvSource({"1, 32", "2, 4"})
    void everyObjectLandsAtASmallHeap(int parallelism, int concurrency, @TempDir Path run) throws Exception {
        runAndCheck(bucket, expected, "fetch.concurrency: " + concurrency + "\n", parallelism, run);
    }

    /**
     * The same folder scaled down (an 8 MB string, 3,000 records) with the limits set low in the job's
     * configuration: the record limit the ledger names is the configured one, and budgets far smaller than the
     * large file still let every object through.
     */
    @org.junit.jupiter.api.Test
    void configuredLimitsHoldOnAScaledDownFolder(@TempDir Path run) throws Exception {
        Path small = run.resolve("bucket");
        List<HostileTrail.Expected> smallExpected =
                HostileTrail.write(small, new HostileTrail.Sizes(8_000_000L, 3_000));
        String config = "records.max-size: 1mb\nfetch.memory-budget: 2mb\nfetch.spool-threshold: 512kb\n"
                + "fetch.concurrency: 8\n";
        runAndCheck(small, smallExpected, config, 2, run);
        assertThat(ledgerReasons(run.resolve("warehouse")))
                .as("the bomb and the oversized record are named against the configured limit")
                .filteredOn(reason -> reason.contains("larger than the 1,048,576-byte limit"))
                .hasSize(2);
    }

    private static List<String> ledgerReasons(Path warehouse) throws Exception {
        Configuration conf = new Configuration();
        conf.set(CatalogOptions.WAREHOUSE, warehouse.toString());
        List<String> reasons = new ArrayList<>();
        try (Warehouse tables = new Warehouse(conf)) {
            for (Record r : tables.rows("objects")) reasons.add(String.valueOf(r.getField("reason")));
        }
        return reasons;
    }

    private static void runAndCheck(
            Path bucket, List<HostileTrail.Expected> expected, String configText, int parallelism, Path run)
            throws Exception {
        Path warehouse = run.resolve("warehouse");
        Path config = run.resolve("job.yaml");
        Files.writeString(config, configText, StandardCharsets.UTF_8);
        Path log = run.resolve("local.log");
        Process p = new ProcessBuilder(command(bucket, warehouse, config, parallelism))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean ended = p.waitFor(15, TimeUnit.MINUTES);
        if (!ended) p.destroyForcibly();
        String out = Files.readString(log);
        assertThat(ended).as("the run ended; output:%n%s", out).isTrue();
        assertThat(p.exitValue()).as("exit code; output:%n%s", out).isZero();
        assertThat(out)
                .doesNotContain("OutOfMemoryError")
                .contains("All " + expected.size() + " objects accounted for");

        Configuration conf = new Configuration();
        conf.set(CatalogOptions.WAREHOUSE, warehouse.toString());
        try (Warehouse tables = new Warehouse(conf)) {
            Map<String, Record> ledger = new HashMap<>();
            for (Record r : tables.rows("objects")) {
                assertThat(ledger.put((String) r.getField("key"), r))
                        .as("one ledger row per object")
                        .isNull();
            }
            assertThat(ledger).hasSize(expected.size());
            long landed = 0;
            for (HostileTrail.Expected e : expected) {
                Record row = ledger.get(e.key());
                assertThat(row).as(e.key()).isNotNull();
                String reason = (String) row.getField("reason");
                assertThat(LedgerOutcome.fromLedgerName((String) row.getField("outcome")))
                        .as("outcome of %s (%s)", e.key(), reason)
                        .isEqualTo(e.outcome());
                long records = (Long) row.getField("record_count");
                if (e.records() >= 0)
                    assertThat(records).as("records of " + e.key()).isEqualTo(e.records());
                if (e.reasonContains() != null) assertThat(reason).as(e.key()).contains(e.reasonContains());
                landed += records;
            }
            List<Record> events = tables.rows("events");
            assertThat(events).hasSize((int) landed);
            assertThat(events.stream()
                            .map(r -> r.getField("source_key") + " " + r.getField("event_id"))
                            .distinct())
                    .as("no record twice")
                    .hasSize(events.size());
            assertThat(landed).isEqualTo(HostileTrail.landedRecords(expected));
        }
    }

    /** {@code trailstream local} as the launcher runs it, in a JVM of its own with a small heap. */
    private static List<String> command(Path bucket, Path warehouse, Path config, int parallelism) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(HEAP);
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens")) command.add(arg);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.trailstream.cli.TrailstreamCommand");
        command.addAll(List.of(
                "local",
                "--input",
                bucket.toString(),
                "--warehouse",
                warehouse.toString(),
                "--config",
                config.toString(),
                "--parallelism",
                String.valueOf(parallelism)));
        return command;
    }
}
