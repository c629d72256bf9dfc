package io.trailstream.iceberg;

import io.trailstream.ledger.LedgerOutcome;
import io.trailstream.ledger.LedgerRow;
import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * What the ledger says of the objects under some key prefixes of one bucket: each object's latest row
 * ({@code duplicate} rows aside, as {@link LedgerReader} counts them), by key. A time-range backfill lists the
 * bucket and asks this which objects the ledger does not show as settled. Reading never creates a catalog or a
 * table; none yet means no row.
 */
public final class LedgerIndex {
    private static final String[] COLUMNS = {
        "scheme", "bucket", "key", "integration_id", "outcome", "processed_at", "etag", "sequencer", "version_id"
    };

    private LedgerIndex() {}

    /** Key to latest row, for the objects of {@code scheme://bucket} under any of {@code prefixes}. */
    public static Map<String, LedgerRow> latest(
            ReadableConfig catalog, String scheme, String bucket, Collection<String> prefixes) throws IOException {
        Map<String, LedgerRow> out = new HashMap<>();
        if (prefixes.isEmpty() || !OpenCatalog.exists(catalog)) return out;
        Expression anyPrefix = Expressions.alwaysFalse();
        for (String p : prefixes) anyPrefix = Expressions.or(anyPrefix, Expressions.startsWith("key", p));
        Expression where = Expressions.and(
                Expressions.equal("bucket", bucket),
                Expressions.notEqual("outcome", LedgerOutcome.DUPLICATE.ledgerName()),
                anyPrefix);
        try (OpenCatalog c = OpenCatalog.forReading(catalog)) {
            if (!c.exists(LedgerTable.NAME)) return out;
            try (CloseableIterable<Record> rows = IcebergGenerics.read(c.table(LedgerTable.NAME))
                    .select(COLUMNS)
                    .where(where)
                    .build()) {
                for (Record r : rows) {
                    LedgerRow row = LedgerTable.fromRecord(r);
                    // The filter prunes; each row is checked again, so correctness does not hang on it.
                    if (!scheme.equals(row.scheme)
                            || !bucket.equals(row.bucket)
                            || row.outcome == LedgerOutcome.DUPLICATE) continue;
                    if (prefixes.stream().noneMatch(row.key::startsWith)) continue;
                    out.merge(row.key, row, (a, b) -> b.processedAtMillis > a.processedAtMillis ? b : a);
                }
            }
        } catch (RuntimeException e) {
            throw new IOException(e.getMessage(), e);
        }
        return out;
    }
}
