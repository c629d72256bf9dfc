package io.trailstream.iceberg;

import io.trailstream.control.LicencePolicy;
import io.trailstream.control.Tenant;
import io.trailstream.control.apply.ApplyResult;
import io.trailstream.control.message.ControlJson;
import io.trailstream.control.message.ControlMessage;
import io.trailstream.control.message.WireTime;
import org.apache.flink.table.data.GenericRowData;
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
 * ({@link #lapseRow}).
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

    private ControlAuditTable() {}

    /** The row of one message's result (also of a parser rejection, see {@link ApplyResult#rejectedByParser}). */
    public static RowData toRow(ApplyResult r) {
        ControlMessage m = r.message;
        boolean tenantKind = m.kind != null && m.kind.isTenantKind();
        String before = tenantKind ? ControlJson.tenant(r.tenantBefore) : ControlJson.integration(r.integrationBefore);
        String after = tenantKind ? ControlJson.tenant(r.tenantAfter) : ControlJson.integration(r.integrationAfter);
        return GenericRowData.of(
                RowValues.string(m.messageId),
                RowValues.string(m.kind == null ? null : m.kind.wireName()),
                RowValues.string(tenantKind ? null : m.integrationId),
                RowValues.string(tenantOf(r)),
                RowValues.string(m.author),
                m.issuedAtMillis == 0 ? null : RowValues.timestamp(m.issuedAtMillis),
                RowValues.timestamp(r.processedAtMillis),
                RowValues.string(r.outcome.wireName()),
                RowValues.string(r.reasonCode),
                RowValues.string(r.reason),
                RowValues.string(m.json),
                RowValues.string(before),
                RowValues.string(after));
    }

    /** The message's tenant, or for integration kinds that do not name one, the integration's. */
    private static String tenantOf(ApplyResult r) {
        if (r.message.tenantId != null) return r.message.tenantId;
        if (r.integrationAfter != null) return r.integrationAfter.tenantId;
        return r.integrationBefore == null ? null : r.integrationBefore.tenantId;
    }

    /**
     * The row recording that {@code tenant}'s licence passed its valid-until with no message: kind
     * {@code licence_lapsed}, author {@code trailstream}, issued at the valid-until instant.
     */
    public static RowData lapseRow(Tenant tenant, long recordedAtMillis) {
        String state = ControlJson.tenant(tenant);
        return GenericRowData.of(
                RowValues.string("lapse-" + tenant.tenantId + "-" + tenant.validUntilMillis),
                RowValues.string("licence_lapsed"),
                null,
                RowValues.string(tenant.tenantId),
                RowValues.string("trailstream"),
                RowValues.timestamp(tenant.validUntilMillis),
                RowValues.timestamp(recordedAtMillis),
                RowValues.string("applied"),
                RowValues.string("licence_lapsed"),
                RowValues.string("the licence of tenant " + tenant.tenantId + " lapsed at "
                        + WireTime.format(tenant.validUntilMillis)
                        + (LicencePolicy.isValid(tenant, recordedAtMillis)
                                ? ""
                                : ": its active integrations are skipped")),
                null,
                RowValues.string(state),
                RowValues.string(state));
    }
}
