package io.trailstream.iceberg;

import io.trailstream.integrity.health.HealthStatus;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Reads the current health of every integration from {@code integration_health}: the latest row of each part
 * (integration, account, region), and per integration the worst of them. What {@code trailstream integration list}
 * shows. Reading never creates a catalog or a table: none yet means no health known.
 */
public final class IntegrationHealthReader {
    /** An integration's worst part: its status, since when and why, and how many parts are not healthy. */
    public record Health(HealthStatus status, long sinceMillis, String reason, int unhealthyParts) {}

    private IntegrationHealthReader() {}

    /** Integration id to its health; empty when the table does not exist (yet). */
    public static Map<String, Health> current(ReadableConfig catalog) throws IOException {
        if (!OpenCatalog.exists(catalog)) return Map.of();
        Map<String, Record> latest = new HashMap<>();
        try (OpenCatalog c = OpenCatalog.forReading(catalog)) {
            if (!c.exists(IntegrationHealthTable.NAME)) return Map.of();
            try (CloseableIterable<Record> rows =
                    IcebergGenerics.read(c.table(IntegrationHealthTable.NAME)).build()) {
                for (Record r : rows) {
                    String part =
                            r.getField("integration_id") + "|" + r.getField("account_id") + "|" + r.getField("region");
                    Record seen = latest.get(part);
                    if (seen == null || time(r, "recorded_at") >= time(seen, "recorded_at")) latest.put(part, r.copy());
                }
            }
        } catch (RuntimeException e) {
            throw new IOException(e.getMessage(), e);
        }
        Map<String, Health> out = new TreeMap<>();
        for (Record r : latest.values()) {
            String id = (String) r.getField("integration_id");
            HealthStatus status = HealthStatus.fromWire((String) r.getField("status"));
            Health h = new Health(
                    status, time(r, "since"), (String) r.getField("reason"), status == HealthStatus.HEALTHY ? 0 : 1);
            out.merge(id, h, (a, b) -> {
                Health worse = b.status().level() > a.status().level() ? b : a;
                return new Health(
                        worse.status(), worse.sinceMillis(), worse.reason(), a.unhealthyParts() + b.unhealthyParts());
            });
        }
        return out;
    }

    private static long time(Record r, String column) {
        Object v = r.getField(column);
        return v == null ? 0 : ((OffsetDateTime) v).toInstant().toEpochMilli();
    }
}
