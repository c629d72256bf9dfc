package io.trailstream.iceberg;

import io.trailstream.control.Integration;
import io.trailstream.control.apply.IntegrationSnapshot;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.types.Types;

/**
 * The {@code integrations} table: the history of every integration's state, one row per change (a
 * control message, a licence change of its tenant, a licence lapse, or the config at start). It is
 * append-only, so the current state is the latest row per {@code integration_id}:
 * <pre>
 * -- DuckDB
 * SELECT * FROM iceberg_scan('warehouse/trailstream/integrations')
 * QUALIFY row_number() OVER (PARTITION BY integration_id ORDER BY recorded_at DESC, sequence DESC NULLS LAST) = 1;
 * </pre>
 * {@code effective_status} is as of {@code recorded_at}; a valid-until passed since then is seen by
 * comparing {@code licence_valid_until} with now (see docs/control.md). The rows are
 * {@link IntegrationSnapshot}s, which the applier emits.
 */
public final class IntegrationsTable {
    public static final String NAME = "integrations";
    public static final Schema SCHEMA = new Schema(
            Types.NestedField.required(1, "integration_id", Types.StringType.get()),
            Types.NestedField.optional(2, "tenant_id", Types.StringType.get()),
            Types.NestedField.optional(3, "display_name", Types.StringType.get()),
            Types.NestedField.optional(4, "bucket", Types.StringType.get()),
            Types.NestedField.optional(5, "prefix", Types.StringType.get()),
            Types.NestedField.optional(6, "organization_id", Types.StringType.get()),
            Types.NestedField.optional(7, "included_accounts", Types.ListType.ofRequired(16, Types.StringType.get())),
            Types.NestedField.required(8, "status", Types.StringType.get()),
            Types.NestedField.required(9, "licence_valid", Types.BooleanType.get()),
            Types.NestedField.optional(10, "licence_valid_until", Types.TimestampType.withZone()),
            Types.NestedField.required(11, "effective_status", Types.StringType.get()),
            Types.NestedField.optional(12, "updated_at", Types.TimestampType.withZone()),
            Types.NestedField.optional(13, "changed_by_message_id", Types.StringType.get()),
            Types.NestedField.required(14, "change", Types.StringType.get()),
            Types.NestedField.required(15, "recorded_at", Types.TimestampType.withZone()),
            Types.NestedField.optional(
                    17, "sequence", Types.LongType.get(), "Orders rows with the same recorded_at: the later is larger"),
            Types.NestedField.optional(18, "role_arn", Types.StringType.get()),
            Types.NestedField.optional(19, "external_id", Types.StringType.get()));

    public static final PartitionSpec SPEC = PartitionSpec.unpartitioned();

    public static final RowType ROW_TYPE = FlinkSchemaUtil.convert(SCHEMA);

    private static final RowLayout LAYOUT = RowLayout.of(NAME, SCHEMA);

    private IntegrationsTable() {}

    /** The row of one recorded state. */
    public static RowData toRow(IntegrationSnapshot s) {
        Integration i = s.integration;
        return LAYOUT.row()
                .set("integration_id", RowValues.string(i.integrationId))
                .set("tenant_id", RowValues.string(i.tenantId))
                .set("display_name", RowValues.string(i.displayName))
                .set("bucket", RowValues.string(i.bucket))
                .set("prefix", RowValues.string(i.prefix))
                .set("organization_id", RowValues.string(i.organizationId))
                .set("included_accounts", RowValues.strings(i.includedAccounts))
                .set("status", RowValues.string(i.status.wireName()))
                .set("licence_valid", s.licenceValid)
                .set(
                        "licence_valid_until",
                        s.licenceValidUntilMillis == 0 ? null : RowValues.timestamp(s.licenceValidUntilMillis))
                .set("effective_status", RowValues.string(s.effectiveStatus.wireName()))
                .set("updated_at", i.updatedAtMillis == 0 ? null : RowValues.timestamp(i.updatedAtMillis))
                .set("changed_by_message_id", RowValues.string(s.messageId))
                .set("change", RowValues.string(s.change.wireName()))
                .set("recorded_at", RowValues.timestamp(s.recordedAtMillis))
                .set("sequence", s.sequence)
                .set("role_arn", RowValues.string(i.roleArn))
                .set("external_id", RowValues.string(i.externalId))
                .build();
    }
}
