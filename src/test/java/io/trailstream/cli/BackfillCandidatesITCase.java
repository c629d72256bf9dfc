package io.trailstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailstream.iceberg.CatalogOptions;
import io.trailstream.iceberg.LedgerReader;
import io.trailstream.ledger.LedgerOutcome;
import io.trailstream.ledger.LedgerRow;
import io.trailstream.testing.PythonVenv;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One definition of backfill candidates: the SQL of docs/tables.md ({@code notebooks/backfill_candidates.sql}, run
 * by the notebook helper in DuckDB, in the tests' Python environment) and {@code trailstream backfill}'s ledger
 * reader select the same objects, with the same latest row, from a ledger of tricky rows: an object notified,
 * failed, backfilled and ingested; duplicates after a failure and after an ingest; {@code partial} latest and
 * earlier; {@code access_denied}; a later row of another integration; the same key in another bucket and under
 * another scheme; rows processed in the same millisecond (a non-replayable one wins); rows in several commits.
 */
class BackfillCandidatesITCase {
    private static final Instant T = Instant.parse("2026-11-26T12:00:00Z");
    private static final Pattern DRY_RUN_LINE = Pattern.compile("^([a-z_]+) +(\\S+Z) (\\S+)$");

    @TempDir
    static Path dir;

    private static Path warehouse;
    private static Set<String> sql;

    @BeforeAll
    static void ledger() throws Exception {
        warehouse = Files.createDirectories(dir.resolve("warehouse"));
        LedgerTableFixture f = new LedgerTableFixture(warehouse);
        f.row("i1", "b1", "a", "skipped_suspended", at(1));
        f.row("i1", "b1", "b", "ingested", at(1));
        f.row("i1", "b1", "c", "fetch_failed", at(1));
        f.row("i1", "b1", "d", "fetch_failed", at(1));
        f.row("i1", "b1", "e", "partial", at(1));
        f.row("i1", "b1", "f", "access_denied", at(1));
        f.row("i1", "b1", "g", "access_denied", at(1));
        f.row("i1", "b1", "h", "skipped_licence", at(1));
        f.row("i1", "b1", "j", "fetch_failed", at(3));
        f.row("i1", "b1", "j", "ingested", at(3)); // the same instant: the ingest wins, never replayed
        f.row("i1", "b1", "k", "partial", at(3));
        f.row("i1", "b1", "k", "skipped_suspended", at(3)); // the same instant: partial wins
        f.row("i1", "b1", "l", "duplicate", at(1));
        f.row("i1", "b1", "m", "recorded", at(1));
        f.row("i1", "b1", "n", "corrupt", at(1));
        f.row("i1", "b1", "o", "not_cloudtrail", at(1));
        f.row("i1", "b1", "q", "fetch_failed", at(1));
        f.row("i1", "b1", "r", "skipped_suspended", at(1));
        f.row("i1", "b1", "s", "fetch_failed", at(1));
        f.row("i2", "b1", "u", "skipped_account", at(1));
        f.row("i2", "b1", "v", "skipped_organization", at(1));
        f.row("i2", "b1", "x", "skipped_disconnected", at(1));
        f.row("i1", "b1", "y", "skipped_licence", at(1));
        f.row(null, "b2", "w", "unrouted", at(1));
        f.row(null, "b2", "c", "ingested", at(5)); // same key as b1/c, another bucket
        f.row("i1", "b1", "p", "skipped_deleted", at(1));
        f.row("i1", "b1", "p", "ingested", at(6)).scheme = "file"; // same bucket and key, another scheme
        f.commit();
        f.row("i1", "b1", "a", "ingested", at(2)); // backfilled since
        f.row("i1", "b1", "b", "partial", at(2)); // partial is never replayed
        f.row("i1", "b1", "d", "duplicate", at(2)); // notified again: still failed
        f.row("i1", "b1", "e", "missing", at(2)); // the latest row decides, not an earlier partial one
        f.row("i1", "b1", "g", "access_denied", at(4)); // replayed, denied again
        f.row("i2", "b1", "h", "skipped_suspended", at(2)); // another integration took the prefix
        f.row("i1", "b1", "q", "missing", at(2));
        f.row("i1", "b1", "q", "ingested", at(4)); // failed twice, then ingested
        f.row("i2", "b1", "r", "ingested", at(2)); // another integration ingested it
        f.row("i1", "b1", "s", "ingested", at(2));
        f.row("i1", "b1", "s", "duplicate", at(3)); // a duplicate after an ingest does not revive the failure
        f.row("i2", "b1", "v", "skipped_organization", at(2)); // skipped again
        f.commit();
        sql = sqlCandidates();
    }

    @Test
    void theDefinitionSelectsTheExpectedObjects() {
        assertThat(sql)
                .containsExactlyInAnyOrder(
                        "i1 fetch_failed s3://b1/c @1",
                        "i1 fetch_failed s3://b1/d @1",
                        "i1 missing s3://b1/e @2",
                        "i1 access_denied s3://b1/f @1",
                        "i1 access_denied s3://b1/g @4",
                        "i2 skipped_suspended s3://b1/h @2",
                        "i2 skipped_account s3://b1/u @1",
                        "i2 skipped_organization s3://b1/v @2",
                        "i2 skipped_disconnected s3://b1/x @1",
                        "i1 skipped_licence s3://b1/y @1",
                        "null unrouted s3://b2/w @1",
                        "i1 skipped_deleted s3://b1/p @1");
    }

    @Test
    void theSqlReplaysTheOutcomesTheCommandReplays() throws IOException {
        String text = Files.readString(Path.of("notebooks/backfill_candidates.sql"));
        Matcher list = Pattern.compile("outcome IN \\(([^)]*)\\)").matcher(text);
        assertThat(list.find()).as("the SQL's list of replayable outcomes").isTrue();
        Set<String> inSql = new TreeSet<>();
        for (String quoted : list.group(1).split(",")) inSql.add(quoted.strip().replace("'", ""));
        assertThat(inSql)
                .isEqualTo(BackfillOutcomes.REPLAYABLE.stream()
                        .map(LedgerOutcome::ledgerName)
                        .collect(Collectors.toCollection(TreeSet::new)));
        Set<LedgerOutcome> covered = new TreeSet<>();
        for (String c : sql) covered.add(LedgerOutcome.fromLedgerName(c.split(" ")[1]));
        assertThat(covered).as("every replayable outcome among the candidates").isEqualTo(BackfillOutcomes.REPLAYABLE);
    }

    @Test
    void theCliReaderSelectsWhatTheSqlSelects() throws IOException {
        LedgerReader reader = new LedgerReader(catalog());
        List<LedgerRow> all =
                reader.select(new LedgerReader.Selection(null, null, BackfillOutcomes.REPLAYABLE, null, null));
        assertThat(all.stream().map(BackfillCandidatesITCase::describe).collect(Collectors.toSet()))
                .isEqualTo(sql);
        assertThat(names(reader.select(
                        new LedgerReader.Selection("i2", null, BackfillOutcomes.REPLAYABLE, at(2), null))))
                .isEqualTo(sqlWhere(c -> c.startsWith("i2 ") && c.endsWith("@2")));
        assertThat(names(reader.select(
                        new LedgerReader.Selection(null, "b1", BackfillOutcomes.REPLAYABLE, null, at(2)))))
                .isEqualTo(sqlWhere(c -> c.contains("//b1/") && c.endsWith("@1")));
    }

    @Test
    void theBackfillCommandListsWhatTheSqlSelects() {
        assertThat(dryRun("--integration", "i1")).isEqualTo(sqlWhere(c -> c.startsWith("i1 ")));
        assertThat(dryRun("--bucket", "b2")).isEqualTo(sqlWhere(c -> c.contains("//b2/")));
        assertThat(dryRun("--bucket", "b1", "--outcome", "access_denied,skipped_suspended"))
                .isEqualTo(sqlWhere(c ->
                        c.contains("//b1/") && (c.contains(" access_denied ") || c.contains(" skipped_suspended "))));
        assertThat(dryRun("--bucket", "b1", "--since", at(2).toString()))
                .isEqualTo(sqlWhere(c -> c.contains("//b1/") && !c.endsWith("@1")));
    }

    /** The objects {@code backfill --dry-run} lists, as {@code outcome uri}. */
    private static Set<String> dryRun(String... selection) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] args = java.util.stream.Stream.concat(
                        java.util.stream.Stream.of("backfill", "--dry-run", "--warehouse", warehouse.toString()),
                        java.util.Arrays.stream(selection))
                .toArray(String[]::new);
        int code = TrailstreamCommand.execute(
                new ControlCommandContext(), new PrintWriter(out, true), new PrintWriter(err, true), args);
        assertThat(code).as(err.toString()).isZero();
        Set<String> listed = new TreeSet<>();
        for (String line : out.toString().split("\\R")) {
            Matcher m = DRY_RUN_LINE.matcher(line);
            if (m.matches()) listed.add(m.group(1) + " " + m.group(3));
        }
        return listed;
    }

    private static Set<String> names(List<LedgerRow> rows) {
        return rows.stream().map(r -> r.outcome + " " + r.uri()).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The SQL's candidates that {@code keep} keeps (on their {@code integration outcome uri @minute}), as {@code outcome uri}. */
    private static Set<String> sqlWhere(Predicate<String> keep) {
        Set<String> out = sql.stream()
                .filter(keep)
                .map(c -> c.substring(c.indexOf(' ') + 1, c.lastIndexOf(" @")))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(out).as("the comparison selects something").isNotEmpty();
        return out;
    }

    private static Set<String> sqlCandidates() throws Exception {
        Path python = PythonVenv.ensure();
        Path json = dir.resolve("candidates.json");
        int exit = PythonVenv.run(
                List.of(
                        python.toString(),
                        "src/test/python/backfill_candidates.py",
                        warehouse.toString(),
                        json.toString()),
                null,
                Map.of(),
                "duckdb | ",
                Duration.ofMinutes(5));
        assertThat(exit).as("backfill_candidates.py exit code").isZero();
        JsonNode rows = new ObjectMapper().readTree(json.toFile());
        return StreamSupport.stream(rows.spliterator(), false)
                .map(r -> {
                    LedgerRow row = new LedgerRow();
                    row.integrationId = r.path("integration_id").isNull()
                            ? null
                            : r.path("integration_id").asText();
                    row.outcome = LedgerOutcome.fromLedgerName(r.path("outcome").asText());
                    row.scheme = r.path("scheme").asText();
                    row.bucket = r.path("bucket").asText();
                    row.key = r.path("key").asText();
                    row.processedAtMillis = r.path("processed_at_us").asLong() / 1000;
                    return describe(row);
                })
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** {@code integration outcome uri @minute}: what both sides must agree on. */
    private static String describe(LedgerRow r) {
        return r.integrationId + " " + r.outcome + " " + r.uri() + " @"
                + Duration.between(T, Instant.ofEpochMilli(r.processedAtMillis)).toMinutes();
    }

    private static Configuration catalog() {
        Configuration c = new Configuration();
        c.set(CatalogOptions.WAREHOUSE, warehouse.toAbsolutePath().toString());
        return c;
    }

    private static Instant at(int minute) {
        return T.plusSeconds(60L * minute);
    }
}
