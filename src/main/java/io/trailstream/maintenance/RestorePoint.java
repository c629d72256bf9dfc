package io.trailstream.maintenance;

import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * What a restore of the job needs of a table's history. On restore, Iceberg's Flink committer walks the
 * snapshots from the current one back through their parents to the newest one its job committed (the summary's
 * {@code flink.max-committed-checkpoint-id}) and commits again only the checkpoints after it. Should that
 * snapshot, or one between it and the current one, be expired, the walk stops short and the restored
 * checkpoint's files are committed a second time. So expiry keeps at least every snapshot from the current one
 * down to the newest one a Flink writer committed.
 */
public final class RestorePoint {
    /** The summary property Iceberg's Flink committer writes on every commit. */
    public static final String MAX_COMMITTED_CHECKPOINT_ID = "flink.max-committed-checkpoint-id";

    private RestorePoint() {}

    /**
     * How many snapshots, counted from the current one, reach the newest snapshot a Flink writer committed
     * (1: the current one is); 0 when no Flink writer ever committed to the table.
     */
    public static int depthOfNewestWriterSnapshot(Table table) {
        int depth = 0;
        for (Snapshot snapshot : SnapshotUtil.currentAncestors(table)) {
            depth++;
            if (snapshot.summary().containsKey(MAX_COMMITTED_CHECKPOINT_ID)) return depth;
        }
        return 0;
    }

    /** The number of snapshots expiry must keep: {@code configured}, or more to keep the restore point. */
    public static int retainLast(Table table, int configured) {
        return Math.max(configured, depthOfNewestWriterSnapshot(table));
    }
}
