package io.trailstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailstream.cli.TrailstreamCommand;
import io.trailstream.iceberg.CatalogOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code trailstream local} as a user runs it on a fresh clone: the bundled samples end up in the warehouse
 * exactly, the summary says so, and mistakes on the command line or in the config file end the command with a
 * message that names the problem, not a stack trace.
 */
class LocalCommandITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @Test
    void ingestsTheBundledSamplesAndPrintsWhatLanded(@TempDir Path dir) throws Exception {
        Samples samples = Samples.bundled();
        Path warehouse = dir.resolve("warehouse"); // not there yet, as on a fresh clone
        Run run = run("local", "--warehouse", warehouse.toString(), "--parallelism", "2");

        assertThat(run.exitCode).as("exit code; err: %s", run.err).isZero();
        assertThat(run.err).isEmpty();
        assertThat(run.out)
                .contains("trailstream local: input ")
                .contains("parallelism 2")
                .contains("Objects processed in this run: " + samples.files.size())
                .contains("Records landed in this run: " + (samples.events.size() + samples.insights.size()))
                .contains("All " + samples.files.size() + " objects accounted for");
        assertThat(summaryRow(run.out, "ingested"))
                .as("ingested row of the summary")
                .containsExactly(
                        (long) samples.files.size() - samples.digests,
                        (long) samples.events.size() + samples.insights.size());
        assertThat(summaryRow(run.out, "recorded"))
                .as("recorded row of the summary: the digests, fetched and verified")
                .containsExactly((long) samples.digests, 0L);
        assertThat(samples.sidecars)
                .as("each sample digest carries its signature")
                .isEqualTo(samples.digests);
        assertThat(integrityRow(run.out, "digest", "valid")).isEqualTo(samples.digests);
        assertThat(integrityRow(run.out, "log_file", "verified"))
                .as("every sample log file is listed by a signed sample digest")
                .isEqualTo(samples.files.size() - samples.digests - 1);
        assertThat(run.out).doesNotContain("unlisted").doesNotContain("hash_mismatch");
        assertThat(tableRow(run.out, "events")).isEqualTo(samples.events.size());
        assertThat(tableRow(run.out, "insights")).isEqualTo(samples.insights.size());
        assertThat(tableRow(run.out, "objects")).isEqualTo(samples.files.size());
        assertThat(tableRow(run.out, "dead_letters")).isZero();

        Configuration conf = new Configuration();
        conf.set(CatalogOptions.WAREHOUSE, warehouse.toString());
        try (Warehouse tables = new Warehouse(conf)) {
            Multisets.assertSame(
                    "events against the records of the sample log files",
                    raws(tables.rows("events")),
                    samples.events,
                    LocalCommandITCase::eventId);
            Multisets.assertSame(
                    "insights against the records of the sample Insights file",
                    raws(tables.rows("insights")),
                    samples.insights,
                    LocalCommandITCase::eventId);

            List<Record> ledger = tables.rows("objects");
            Map<String, String> outcomes = new TreeMap<>();
            for (Record r : ledger) {
                assertThat(outcomes.put(
                                (String) r.getField("key"), r.getField("outcome") + " " + r.getField("record_count")))
                        .as("one ledger row for %s", r.getField("key"))
                        .isNull();
                assertThat(r.getField("scheme")).isEqualTo("file");
                assertThat(r.getField("integration_id")).isEqualTo("local");
                assertThat(r.getField("notification_shape")).isEqualTo("local");
            }
            assertThat(outcomes)
                    .as("one ledger row per sample file, with its outcome and record count")
                    .isEqualTo(samples.expectedLedger());
            assertThat(tables.count("dead_letters")).isZero();
        }
    }

    @Test
    void aControlFolderAppliesToEveryObjectOfABoundedRun(@TempDir Path dir) throws Exception {
        Samples samples = Samples.bundled();
        Path bucket = samples.copyTo(dir.resolve("bucket"), "");
        Path control = Files.createDirectories(dir.resolve("control"));
        publish(
                "integration",
                "add",
                "acme",
                "--tenant",
                "acme",
                "--bucket",
                bucket.toString(),
                "--to-folder",
                control);
        publish("integration", "suspend", "acme", "--to-folder", control);

        Path warehouse = dir.resolve("warehouse");
        Run run = run(
                "local",
                "--warehouse",
                warehouse.toString(),
                "--input",
                bucket.toString(),
                "--control",
                control.toString());
        assertThat(run.exitCode).as("exit code; err: %s", run.err).isZero();
        // The folders are read to the end before any object is routed: the suspension holds for every file.
        assertThat(summaryRow(run.out, "skipped_suspended")).containsExactly((long) samples.files.size(), 0L);
        assertThat(tableRow(run.out, "events")).isZero();
        assertThat(tableRow(run.out, "control_audit")).isEqualTo(2);
    }

    @Test
    void withAControlFolderOnlyTheIntegrationsItNamesClaimObjects(@TempDir Path dir) throws Exception {
        Samples samples = Samples.bundled();
        Path bucket = samples.copyTo(dir.resolve("bucket"), "claimed/");
        String stray = samples.files.get(0);
        Path strayCopy = bucket.resolve("elsewhere/" + stray);
        Files.createDirectories(strayCopy.getParent());
        Files.copy(bucket.resolve("claimed/" + stray), strayCopy);
        Path control = Files.createDirectories(dir.resolve("control"));
        publish(
                "integration",
                "add",
                "acme",
                "--tenant",
                "acme",
                "--bucket",
                bucket.toString(),
                "--prefix",
                "claimed",
                "--to-folder",
                control);

        Path warehouse = dir.resolve("warehouse");
        Run run = run(
                "local",
                "--warehouse",
                warehouse.toString(),
                "--input",
                bucket.toString(),
                "--control",
                control.toString());

        assertThat(run.exitCode).as("exit code; err: %s", run.err).isZero();
        assertThat(run.out).contains("All " + (samples.files.size() + 1) + " objects accounted for");
        assertThat(summaryRow(run.out, "unrouted")).containsExactly(1L, 0L);
        Configuration conf = new Configuration();
        conf.set(CatalogOptions.WAREHOUSE, warehouse.toString());
        try (Warehouse tables = new Warehouse(conf)) {
            Map<String, String> ledger = new TreeMap<>();
            for (Record r : tables.rows("objects")) {
                ledger.put((String) r.getField("key"), r.getField("outcome") + " " + r.getField("integration_id"));
            }
            assertThat(ledger)
                    .as("the object under a prefix no integration claims is unrouted, not the catch-all's")
                    .containsEntry("elsewhere/" + stray, "unrouted null")
                    .hasSize(samples.files.size() + 1);
            assertThat(ledger.values())
                    .filteredOn(v -> !v.startsWith("unrouted"))
                    .allMatch(v -> v.endsWith(" acme"), "every other object is acme's");
            assertThat(tables.rows("events")).allMatch(r -> "acme".equals(r.getField("integration_id")));
        }
    }

    @Test
    void aParallelismBelowOneIsRefused(@TempDir Path warehouse) {
        Run run = run("local", "--warehouse", warehouse.toString(), "--parallelism", "0");
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err.strip()).isEqualTo("trailstream: --parallelism must be at least 1, got 0");
        assertThat(run.out).isEmpty();
    }

    @Test
    void aMissingInputFolderIsRefused(@TempDir Path dir) {
        Path absent = dir.resolve("no-such-folder");
        Run run = run("local", "--warehouse", dir.resolve("warehouse").toString(), "--input", absent.toString());
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err.strip()).isEqualTo("trailstream: --input: '" + absent + "' is not a folder");
        assertThat(run.out).isEmpty();
    }

    @Test
    void anUnknownOptionIsRefusedWithUsage(@TempDir Path warehouse) {
        Run run = run("local", "--warehouse", warehouse.toString(), "--paralelism", "2");
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err)
                .startsWith("error: Unknown options: '--paralelism', '2'")
                .contains("Possible solutions: --parallelism")
                .contains("See 'trailstream local --help' for usage.");
        assertNoStackTrace(run);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "fetch.concurrency | lots | trailstream: Could not parse value 'lots' for key 'fetch.concurrency'.",
                "fetch.concurrency | 0    | trailstream: fetch.concurrency must be at least 1, got 0",
                "fetch.threads     | 0    | trailstream: fetch.threads must be at least 1, got 0",
                "fetch.s3.retries  | -1   | trailstream: fetch.s3.retries must be 0 or more, got -1",
                "catalog.type      | hive | trailstream: Could not parse value 'hive' for key 'catalog.type'."
            })
    void aBadValueInTheConfigFileIsNamed(String key, String value, String message, @TempDir Path dir)
            throws IOException {
        Path config = dir.resolve("trailstream.yaml");
        Files.writeString(config, key + ": " + value + "\n");
        Run run = run("local", "--warehouse", dir.resolve("warehouse").toString(), "--config", config.toString());
        assertThat(run.exitCode).as("exit code; out: %s", run.out).isEqualTo(2);
        assertThat(run.err.strip()).isEqualTo(message);
        assertNoStackTrace(run);
    }

    // ------------------------------------------------------------------------------------------------

    private static void assertNoStackTrace(Run run) {
        assertThat(run.err).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(run.out).doesNotContain("\tat ");
    }

    private record Run(int exitCode, String out, String err) {}

    /** Publishes one control message (the last argument a folder), which must succeed. */
    private static void publish(Object... args) {
        String[] strings = java.util.Arrays.stream(args).map(String::valueOf).toArray(String[]::new);
        Run published = run(strings);
        assertThat(published.exitCode).as("publishing; err: %s", published.err).isZero();
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try (PrintWriter o = new PrintWriter(out, true);
                PrintWriter e = new PrintWriter(err, true)) {
            code = TrailstreamCommand.execute(o, e, args);
        }
        System.out.println("trailstream " + String.join(" ", args) + " -> " + code + "\n" + out + err);
        return new Run(code, out.toString(), err.toString());
    }

    /** objects and records of an outcome row of the summary's first table. */
    private static List<Long> summaryRow(String out, String outcome) {
        Matcher m = Pattern.compile("(?m)^  " + outcome + " +(\\d+) +(\\d+)$").matcher(out);
        assertThat(m.find()).as("summary row %s in%n%s", outcome, out).isTrue();
        return List.of(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
    }

    /** Checks of a kind and status, from the summary's integrity table. */
    private static long integrityRow(String out, String kind, String status) {
        Matcher m =
                Pattern.compile("(?m)^  " + kind + " +" + status + " +(\\d+)$").matcher(out);
        assertThat(m.find()).as("integrity row %s %s in%n%s", kind, status, out).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** Total rows of a table, from the summary's last table. */
    private static long tableRow(String out, String table) {
        Matcher m = Pattern.compile("(?m)^  " + table + " +(\\d+)$").matcher(out);
        assertThat(m.find()).as("table row %s in%n%s", table, out).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static List<JsonNode> raws(List<Record> rows) {
        return rows.stream()
                .map(r -> TrailData.tree((String) r.getField("raw")))
                .collect(Collectors.toList());
    }

    private static String eventId(JsonNode record) {
        return record.path("eventID").asText() + " " + record.path("eventName").asText();
    }

    /** The bundled samples, read from the class path as the jar ships them, and counted here. */
    private static final class Samples {
        final List<String> files = new ArrayList<>();
        final List<JsonNode> events = new ArrayList<>();
        final List<JsonNode> insights = new ArrayList<>();
        final Map<String, String> outcomes = new TreeMap<>();
        int digests;
        int sidecars;

        static Samples bundled() throws IOException {
            Samples s = new Samples();
            String manifest = new String(resource("MANIFEST").readAllBytes(), StandardCharsets.UTF_8);
            for (String line : manifest.split("\n")) {
                String key = line.strip();
                if (key.isEmpty() || key.startsWith("#")) continue;
                if (key.endsWith(".s3meta.json")) {
                    s.sidecars++;
                    continue; // a digest's S3 metadata, not an object
                }
                s.files.add(key);
                JsonNode file;
                try (InputStream in = new GZIPInputStream(resource(key))) {
                    file = TrailData.JSON.readTree(in);
                }
                JsonNode records = file.get("Records");
                if (key.contains("/CloudTrail-Digest/")) {
                    assertThat(records).as("a digest file has no records").isNull();
                    s.outcomes.put(key, "recorded 0");
                    s.digests++;
                    continue;
                }
                List<JsonNode> into = key.contains("/CloudTrail-Insight/") ? s.insights : s.events;
                records.forEach(into::add);
                s.outcomes.put(key, "ingested " + records.size());
            }
            assertThat(s.events).as("sample records").isNotEmpty();
            assertThat(s.insights).as("sample Insights records").isNotEmpty();
            return s;
        }

        Map<String, String> expectedLedger() {
            return outcomes;
        }

        /** Writes the sample files into {@code bucket} under {@code prefix}; returns the bucket. */
        Path copyTo(Path bucket, String prefix) throws IOException {
            for (String key : files) {
                Path target = bucket.resolve(prefix + key);
                Files.createDirectories(target.getParent());
                try (InputStream in = resource(key)) {
                    Files.copy(in, target);
                }
            }
            return bucket.toAbsolutePath();
        }

        private static InputStream resource(String name) {
            InputStream in = LocalCommandITCase.class.getClassLoader().getResourceAsStream("samples/" + name);
            if (in == null) throw new UncheckedIOException(new IOException("no bundled sample " + name));
            return in;
        }
    }
}
