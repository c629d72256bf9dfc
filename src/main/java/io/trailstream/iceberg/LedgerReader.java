package io.trailstream.iceberg;

import io.trailstream.ledger.LedgerOutcome;
import io.trailstream.ledger.LedgerRow;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Finds what {@code trailstream backfill} replays in the ledger (the {@code objects} table): the backfill
 * candidates of docs/tables.md ({@code notebooks/backfill_candidates.sql}, which the notebooks run), narrowed to
 * the integration or bucket, outcomes and {@code [since, until)} asked for. An object is a candidate when its
 * latest row (by {@code processed_at}, {@code duplicate} rows left out) has a {@linkplain LedgerOutcome#replayable()
 * replayable} outcome; of rows processed at the same instant, a non-replayable one (an {@code ingested} or
 * {@code partial}, say, or an outcome this version does not know) counts as the latest, so an object that may have
 * been ingested is never replayed. A test runs the SQL in DuckDB over the same ledger and compares.
 *
 * <p>{@code duplicate} rows do not count as an object's latest row: such a row only says the object was
 * notified again, while the earlier row (a {@code fetch_failed}, say) still tells its fate. Times are compared at
 * the column's precision (microseconds).
 *
 * <p>It reads in two passes so that only the candidates are held in memory, not the whole ledger: the rows
 * matching the selection (filters pushed down to Iceberg), latest per object; then the rows of the candidates'
 * buckets from the earliest candidate on, any of which (of any integration, any outcome but {@code duplicate})
 * supersedes a candidate when it is later, or as late and not replayable. Reading never creates a catalog or a table.
 */
public final class LedgerReader {
    private static final String DUPLICATE = LedgerOutcome.DUPLICATE.ledgerName();
    private static final String[] COLUMNS = {
        "scheme", "bucket", "key", "integration_id", "outcome", "processed_at", "etag", "sequencer", "version_id"
    };

    /** Which objects: of an integration and/or a bucket, with these outcomes, latest row in {@code [since, until)}. */
    public record Selection(
            String integrationId, String bucket, Set<LedgerOutcome> outcomes, Instant since, Instant until) {
        /** Whether a row is of this selection, its time bounds aside for {@code until} (which applies to the latest). */
        boolean matches(Read r) {
            return outcomes.contains(r.row.outcome)
                    && (integrationId == null || integrationId.equals(r.row.integrationId))
                    && (bucket == null || bucket.equals(r.row.bucket))
                    && (since == null || r.micros >= micros(since));
        }
    }

    /** A row as read, with its raw outcome (what the SQL compares) and {@code processed_at} in microseconds. */
    private record Read(LedgerRow row, String outcome, long micros) {
        boolean replayable() {
            LedgerOutcome o = LedgerOutcome.fromLedgerName(outcome);
            return o != null && o.replayable() && o.ledgerName().equals(outcome);
        }
    }

    private final ReadableConfig catalog;

    /** @param catalog the catalog options ({@code catalog.*}) */
    public LedgerReader(ReadableConfig catalog) {
        this.catalog = catalog;
    }

    /** The table read, for messages. */
    public String source() {
        return "objects table " + catalog.get(CatalogOptions.NAMESPACE) + "." + LedgerTable.NAME + " (catalog "
                + OpenCatalog.describe(catalog) + ")";
    }

    /**
     * The selected objects' latest rows (the columns a replay needs), ordered by bucket and key.
     *
     * @throws IOException when the catalog or the table cannot be read, or do not exist
     */
    public List<LedgerRow> select(Selection s) throws IOException {
        try (OpenCatalog c = OpenCatalog.forReading(catalog)) {
            if (!c.exists(LedgerTable.NAME)) {
                throw new IOException("there is no table " + c.id(LedgerTable.NAME) + " in catalog " + c);
            }
            Table objects = c.table(LedgerTable.NAME);
            Map<String, Read> candidates = new HashMap<>();
            for (Read r : read(objects, firstPass(s))) {
                if (!s.matches(r) || !r.replayable()) continue;
                candidates.merge(r.row.objectId(), r, (a, b) -> b.micros > a.micros ? b : a);
            }
            if (!candidates.isEmpty()) dropSuperseded(objects, candidates);
            List<LedgerRow> out = new ArrayList<>();
            for (Read r : candidates.values()) {
                if (s.until() == null || r.micros < micros(s.until())) out.add(r.row);
            }
            out.sort(Comparator.comparing((LedgerRow r) -> r.bucket)
                    .thenComparing(r -> r.key)
                    .thenComparing(r -> r.scheme));
            return out;
        } catch (RuntimeException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static Expression firstPass(Selection s) {
        Expression e = Expressions.in(
                "outcome", s.outcomes().stream().map(LedgerOutcome::ledgerName).toArray());
        if (s.integrationId() != null) e = Expressions.and(e, Expressions.equal("integration_id", s.integrationId()));
        if (s.bucket() != null) e = Expressions.and(e, Expressions.equal("bucket", s.bucket()));
        // A row before `since` can only be the latest if every row of its object is: then it is not selected anyway.
        if (s.since() != null)
            e = Expressions.and(e, Expressions.greaterThanOrEqual("processed_at", micros(s.since())));
        return e;
    }

    /**
     * Removes the candidates that have a later row, or one as late that is not replayable, of whatever integration or
     * outcome (duplicates aside).
     */
    private static void dropSuperseded(Table objects, Map<String, Read> candidates) throws IOException {
        Set<String> buckets = new TreeSet<>();
        long earliest = Long.MAX_VALUE;
        for (Read r : candidates.values()) {
            buckets.add(r.row.bucket);
            earliest = Math.min(earliest, r.micros);
        }
        Expression rivals = Expressions.and(
                Expressions.in("bucket", buckets.toArray()),
                Expressions.greaterThanOrEqual("processed_at", earliest),
                Expressions.notEqual("outcome", LedgerOutcome.DUPLICATE.ledgerName()));
        for (Read rival : read(objects, rivals)) {
            Read candidate = candidates.get(rival.row.objectId());
            if (candidate == null || DUPLICATE.equals(rival.outcome)) continue;
            if (rival.micros > candidate.micros || (rival.micros == candidate.micros && !rival.replayable())) {
                candidates.remove(rival.row.objectId());
            }
        }
    }

    private static List<Read> read(Table objects, Expression where) throws IOException {
        List<Read> out = new ArrayList<>();
        // The filter prunes files and rows; the callers check each row again, so correctness does not hang on it.
        try (CloseableIterable<Record> rows =
                IcebergGenerics.read(objects).select(COLUMNS).where(where).build()) {
            for (Record r : rows) {
                OffsetDateTime at = (OffsetDateTime) r.getField("processed_at");
                out.add(new Read(LedgerTable.fromRecord(r), (String) r.getField("outcome"), micros(at.toInstant())));
            }
        }
        return out;
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }
}
