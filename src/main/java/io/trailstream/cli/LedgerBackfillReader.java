package io.trailstream.cli;

import io.trailstream.iceberg.CatalogOptions;
import io.trailstream.iceberg.IcebergCatalogs;
import io.trailstream.iceberg.LedgerTable;
import io.trailstream.ledger.LedgerOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.configuration.Configuration;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Finds what {@code trailstream backfill} replays in the {@code objects} ledger: the objects whose latest row
 * (by {@code processed_at}, {@code duplicate} rows left out) is of the integration or bucket asked for, has one
 * of the outcomes asked for, and was processed in {@code [since, until)}.
 *
 * <p>{@code duplicate} rows do not count as an object's latest row: such a row only says the object was
 * notified again, while the earlier row (a {@code fetch_failed}, say) still tells its fate.
 *
 * <p>It reads in two passes so that only the candidates are held in memory, not the whole ledger: the rows
 * matching the selection (filters pushed down to Iceberg), latest per object; then the later rows of the
 * candidates' buckets, any of which (of any integration, any outcome but {@code duplicate}) supersedes a
 * candidate. Reading never creates a catalog or a table.
 */
final class LedgerBackfillReader {
    private static final String SQLITE = "jdbc:sqlite:";
    private static final List<String> COLUMNS = List.of(
            "scheme", "bucket", "key", "integration_id", "outcome", "processed_at", "etag", "sequencer", "version_id");

    /** Which objects: of an integration and/or a bucket, with these outcomes, latest row in {@code [since, until)}. */
    record Selection(String integrationId, String bucket, Set<LedgerOutcome> outcomes, Instant since, Instant until) {
        /** Whether a row is of this selection, its time bounds aside for {@code until} (which applies to the latest). */
        boolean matches(LedgerEntry e) {
            return outcomes.stream().anyMatch(o -> o.ledgerName().equals(e.outcome()))
                    && (integrationId == null || integrationId.equals(e.integrationId()))
                    && (bucket == null || bucket.equals(e.bucket()))
                    && (since == null || !e.processedAt().isBefore(since));
        }
    }

    private final Configuration catalog;
    private final TableIdentifier table;

    /** @param catalog the catalog options ({@code catalog.*}) */
    LedgerBackfillReader(Configuration catalog) {
        this.catalog = catalog;
        this.table = TableIdentifier.of(catalog.get(CatalogOptions.NAMESPACE), LedgerTable.NAME);
    }

    /** The table read, for messages. */
    String source() {
        return "objects table " + table + " (catalog " + catalogUri() + ")";
    }

    /**
     * The selected objects, ordered by bucket and key.
     *
     * @throws IOException when the catalog or the table cannot be read, or do not exist
     */
    List<LedgerEntry> select(Selection s) throws IOException {
        String uri = catalogUri();
        if (uri.startsWith(SQLITE) && !Files.exists(Path.of(uri.substring(SQLITE.length())))) {
            throw new IOException("the catalog " + uri + " does not exist (no job has written this warehouse)");
        }
        Catalog c = IcebergCatalogs.loader(catalog).loadCatalog();
        try {
            if (!c.tableExists(table)) throw new IOException("there is no table " + table + " in catalog " + uri);
            Table objects = c.loadTable(table);
            Map<String, LedgerEntry> candidates = new HashMap<>();
            for (LedgerEntry e : read(objects, firstPass(s))) {
                if (!s.matches(e)) continue;
                candidates.merge(e.objectId(), e, (a, b) -> b.processedAt().isAfter(a.processedAt()) ? b : a);
            }
            if (!candidates.isEmpty()) dropSuperseded(objects, candidates);
            List<LedgerEntry> out = new ArrayList<>();
            for (LedgerEntry e : candidates.values()) {
                if (s.until() == null || e.processedAt().isBefore(s.until())) out.add(e);
            }
            out.sort(Comparator.comparing(LedgerEntry::bucket)
                    .thenComparing(LedgerEntry::key)
                    .thenComparing(LedgerEntry::scheme));
            return out;
        } catch (RuntimeException e) {
            throw new IOException(e.getMessage(), e);
        } finally {
            if (c instanceof AutoCloseable) {
                try {
                    ((AutoCloseable) c).close();
                } catch (Exception e) {
                    // only read: a failed close loses nothing
                }
            }
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
    private void dropSuperseded(Table objects, Map<String, LedgerEntry> candidates) throws IOException {
        Set<String> buckets = new TreeSet<>();
        Instant earliest = Instant.MAX;
        for (LedgerEntry e : candidates.values()) {
            buckets.add(e.bucket());
            if (e.processedAt().isBefore(earliest)) earliest = e.processedAt();
        }
        Expression later = Expressions.and(
                Expressions.in("bucket", buckets.toArray()),
                Expressions.greaterThan("processed_at", micros(earliest)),
                Expressions.notEqual("outcome", LedgerOutcome.DUPLICATE.ledgerName()));
        for (LedgerEntry row : read(objects, later)) {
            LedgerEntry candidate = candidates.get(row.objectId());
            if (candidate != null
                    && row.processedAt().isAfter(candidate.processedAt())
                    && !LedgerOutcome.DUPLICATE.ledgerName().equals(row.outcome())) {
                candidates.remove(row.objectId());
            }
        }
    }

    private static List<LedgerEntry> read(Table objects, Expression where) throws IOException {
        List<LedgerEntry> out = new ArrayList<>();
        // The filter prunes files and rows; the callers check each row again, so correctness does not hang on it.
        try (CloseableIterable<Record> rows = IcebergGenerics.read(objects)
                .select(COLUMNS.toArray(String[]::new))
                .where(where)
                .build()) {
            for (Record r : rows) {
                out.add(new LedgerEntry(
                        (String) r.getField("scheme"),
                        (String) r.getField("bucket"),
                        (String) r.getField("key"),
                        (String) r.getField("integration_id"),
                        (String) r.getField("outcome"),
                        ((OffsetDateTime) r.getField("processed_at")).toInstant(),
                        (String) r.getField("etag"),
                        (String) r.getField("sequencer"),
                        (String) r.getField("version_id")));
            }
        }
        return out;
    }

    private String catalogUri() {
        String uri = IcebergCatalogs.properties(catalog).get(CatalogProperties.URI);
        int query = uri == null ? -1 : uri.indexOf('?');
        return uri == null ? "(none)" : query < 0 ? uri : uri.substring(0, query);
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }
}
