package io.trailstream.iceberg;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import io.trailstream.integrity.health.IntegrationHealth;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;

/**
 * The {@code integration_health} table: one row per change of the health of an integration's part (an account and
 * region; both null for the whole integration): {@code healthy}, {@code gap}, {@code access_denied} or
 * {@code silent}, since when and why. Append-only and small (changes only): the latest row per
 * {@code integration_id, account_id, region} is the current health, the worst of those the integration's. The rows
 * are {@link IntegrationHealth}s, which the health operator emits.
 */
public final class IntegrationHealthTable {
    public static final String NAME = "integration_health";

    public static final Schema SCHEMA = new Schema(
            required(1, "integration_id", Types.StringType.get()),
            optional(2, "account_id", Types.StringType.get()),
            optional(3, "region", Types.StringType.get()),
            required(4, "status", Types.StringType.get(), "healthy, gap, access_denied or silent"),
            optional(5, "previous_status", Types.StringType.get()),
            required(6, "since", Types.TimestampType.withZone()),
            optional(7, "reason", Types.StringType.get()),
            required(8, "recorded_at", Types.TimestampType.withZone()));

    public static final PartitionSpec SPEC = PartitionSpec.unpartitioned();

    private static final RowLayout LAYOUT = RowLayout.of(NAME, SCHEMA);

    private IntegrationHealthTable() {}

    /** The row of one change. */
    public static RowData toRow(IntegrationHealth h) {
        return LAYOUT.row()
                .set("integration_id", RowValues.string(h.integrationId))
                .set("account_id", RowValues.string(h.accountId))
                .set("region", RowValues.string(h.region))
                .set("status", RowValues.string(h.status.wireName()))
                .set("previous_status", RowValues.string(h.previousStatus == null ? null : h.previousStatus.wireName()))
                .set("since", RowValues.timestamp(h.sinceMillis))
                .set("reason", RowValues.string(h.reason))
                .set("recorded_at", RowValues.timestamp(h.recordedAtMillis))
                .build();
    }
}
