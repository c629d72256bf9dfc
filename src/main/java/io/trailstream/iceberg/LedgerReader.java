package io.trailstream.iceberg;

import io.trailstream.ledger.LedgerOutcome;
import io.trailstream.ledger.LedgerRow;
import java.io.IOException;
import java.time.Instant;
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
 * Finds what {@code trailstream backfill} replays in the ledger (the {@code objects} table): the objects whose
 * latest row (by {@code processed_at}, {@code duplicate} rows left out) is of the integration or bucket asked
 * for, has one of the outcomes asked for, and was processed in {@code [since, until)}.
 *
 * <p>{@code duplicate} rows do not count as an object's latest row: such a row only says the object was
 * notified again, while the earlier row (a {@code fetch_failed}, say) still tells its fate.
 *
 * <p>It reads in two passes so that only the candidates are held in memory, not the whole ledger: the rows
 * matching the selection (filters pushed down to Iceberg), latest per object; then the later rows of the
 * candidates' buckets, any of which (of any integration, any outcome but {@code duplicate}) supersedes a
 * candidate. Reading never creates a catalog or a table.
 */
public final class LedgerReader {
    private static final String[] COLUMNS = {
        "scheme", "bucket", "key", "integration_id", "outcome", "processed_at", "etag", "sequencer", "version_id"
    };

    /** Which objects: of an integration and/or a bucket, with these outcomes, latest row in {@code [since, until)}. */
    public record Selection(
            String integrationId, String bucket, Set<LedgerOutcome> outcomes, Instant since, Instant until) {
        /** Whether a row is of this selection, its time bounds aside for {@code until} (which applies to the latest). */
        boolean matches(LedgerRow r) {
            return outcomes.contains(r.outcome)
                    && (integrationId == null || integrationId.equals(r.integrationId))
                    && (bucket == null || bucket.equals(r.bucket))
                    && (since == null || r.processedAtMillis >= since.toEpochMilli());
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
            Map<String, LedgerRow> candidates = new HashMap<>();
            for (LedgerRow r : read(objects, firstPass(s))) {
                if (!s.matches(r)) continue;
                candidates.merge(r.objectId(), r, (a, b) -> b.processedAtMillis > a.processedAtMillis ? b : a);
            }
            if (!candidates.isEmpty()) dropSuperseded(objects, candidates);
            List<LedgerRow> out = new ArrayList<>();
            for (LedgerRow r : candidates.values()) {
                if (s.until() == null || r.processedAtMillis < s.until().toEpochMilli()) out.add(r);
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

    /** Removes the candidates that have a later row, of whatever integration or outcome (duplicates aside). */
    private static void dropSuperseded(Table objects, Map<String, LedgerRow> candidates) throws IOException {
        Set<String> buckets = new TreeSet<>();
        long earliest = Long.MAX_VALUE;
        for (LedgerRow r : candidates.values()) {
            buckets.add(r.bucket);
            earliest = Math.min(earliest, r.processedAtMillis);
        }
        Expression later = Expressions.and(
                Expressions.in("bucket", buckets.toArray()),
                Expressions.greaterThan("processed_at", micros(Instant.ofEpochMilli(earliest))),
                Expressions.notEqual("outcome", LedgerOutcome.DUPLICATE.ledgerName()));
        for (LedgerRow row : read(objects, later)) {
            LedgerRow candidate = candidates.get(row.objectId());
            if (candidate != null
                    && row.processedAtMillis > candidate.processedAtMillis
                    && row.outcome != LedgerOutcome.DUPLICATE) {
                candidates.remove(row.objectId());
            }
        }
    }

    private static List<LedgerRow> read(Table objects, Expression where) throws IOException {
        List<LedgerRow> out = new ArrayList<>();
        // The filter prunes files and rows; the callers check each row again, so correctness does not hang on it.
        try (CloseableIterable<Record> rows =
                IcebergGenerics.read(objects).select(COLUMNS).where(where).build()) {
            for (Record r : rows) out.add(LedgerTable.fromRecord(r));
        }
        return out;
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }
}
