package io.trailstream.iceberg;

import io.trailstream.control.apply.ControlAudit;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.types.Types;

/**
 * The {@code control_audit} table: one row per control message the job saw, applied or not, with the
 * outcome, the reason, the message as received and the state of its target before and after. It is
 * how ops find out what a message did, and why a bad one was refused.
 *
 * <p>Schema (explicit field ids, append-only, unpartitioned: a few rows a day):
 * message_id, kind, integration_id, tenant_id, author, issued_at (timestamptz), received_at
 * (timestamptz), outcome (applied | duplicate | ignored_stale | rejected), reason_code, reason, message
 * (JSON text), state_before (JSON), state_after (JSON). A rejected message may lack any of the first
 * six. The job also writes a row of kind {@code licence_lapsed} when a licence passes its valid-until
 * ({@link ControlAudit#lapse}). The rows are {@link ControlAudit} entries, which the applier emits.
 */
public final class ControlAuditTable {
    public static final String NAME = "control_audit";

    public static final Schema SCHEMA = new Schema(
            Types.NestedField.optional(1, "message_id", Types.StringType.get()),
            Types.NestedField.optional(2, "kind", Types.StringType.get()),
            Types.NestedField.optional(3, "integration_id", Types.StringType.get()),
            Types.NestedField.optional(4, "tenant_id", Types.StringType.get()),
            Types.NestedField.optional(5, "author", Types.StringType.get()),
            Types.NestedField.optional(6, "issued_at", Types.TimestampType.withZone()),
            Types.NestedField.required(7, "received_at", Types.TimestampType.withZone()),
            Types.NestedField.required(8, "outcome", Types.StringType.get()),
            Types.NestedField.required(9, "reason_code", Types.StringType.get()),
            Types.NestedField.optional(10, "reason", Types.StringType.get()),
            Types.NestedField.optional(11, "message", Types.StringType.get()),
            Types.NestedField.optional(12, "state_before", Types.StringType.get()),
            Types.NestedField.optional(13, "state_after", Types.StringType.get()));

    public static final PartitionSpec SPEC = PartitionSpec.unpartitioned();

    /** The Flink row type of {@link #SCHEMA}, for the sink. */
    public static final RowType ROW_TYPE = FlinkSchemaUtil.convert(SCHEMA);

    private static final RowLayout LAYOUT = RowLayout.of(NAME, SCHEMA);

    private ControlAuditTable() {}

    /** The row of one audit entry. */
    public static RowData toRow(ControlAudit a) {
        return LAYOUT.row()
                .set("message_id", RowValues.string(a.messageId))
                .set("kind", RowValues.string(a.kind))
                .set("integration_id", RowValues.string(a.integrationId))
                .set("tenant_id", RowValues.string(a.tenantId))
                .set("author", RowValues.string(a.author))
                .set("issued_at", a.issuedAtMillis == 0 ? null : RowValues.timestamp(a.issuedAtMillis))
                .set("received_at", RowValues.timestamp(a.receivedAtMillis))
                .set("outcome", RowValues.string(a.outcome.wireName()))
                .set("reason_code", RowValues.string(a.reasonCode))
                .set("reason", RowValues.string(a.reason))
                .set("message", RowValues.string(a.message))
                .set("state_before", RowValues.string(a.stateBefore))
                .set("state_after", RowValues.string(a.stateAfter))
                .build();
    }
}
