package io.trailstream.maintenance;

import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/** A table's size as its current snapshot's summary counts it, and the length of its snapshot list. */
public record TableStats(long records, long dataFiles, long bytes, int snapshots) {
    static TableStats of(Table table) {
        Snapshot current = table.currentSnapshot();
        int snapshots = 0;
        for (Snapshot ignored : table.snapshots()) snapshots++;
        if (current == null) return new TableStats(0, 0, 0, snapshots);
        Map<String, String> summary = current.summary();
        return new TableStats(
                number(summary, "total-records"),
                number(summary, "total-data-files"),
                number(summary, "total-files-size"),
                snapshots);
    }

    private static long number(Map<String, String> summary, String key) {
        return Long.parseLong(summary.getOrDefault(key, "0"));
    }
}
