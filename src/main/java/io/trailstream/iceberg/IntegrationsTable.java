package io.trailstream.iceberg;

import io.trailstream.control.ControlView;
import io.trailstream.control.Integration;
import io.trailstream.control.IntegrationStatus;
import io.trailstream.control.LicencePolicy;
import io.trailstream.control.Tenant;
import io.trailstream.control.apply.ApplyResult;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.data.GenericRowData;
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
 * QUALIFY row_number() OVER (PARTITION BY integration_id ORDER BY recorded_at DESC, updated_at DESC NULLS LAST) = 1;
 * </pre>
 * {@code effective_status} is as of {@code recorded_at}; a valid-until passed since then is seen by
 * comparing {@code licence_valid_until} with now (see docs/control.md).
 */
public final class IntegrationsTable {
    public static final String NAME = "integrations";
    /** What made a row: a control message on the integration, one on its tenant's licence, a lapse, the config. */
    public static final String CHANGE_MESSAGE = "control_message";

    public static final String CHANGE_LICENCE = "licence";
    public static final String CHANGE_LAPSE = "licence_lapsed";
    public static final String CHANGE_CONFIG = "config";

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
            Types.NestedField.required(15, "recorded_at", Types.TimestampType.withZone()));

    public static final PartitionSpec SPEC = PartitionSpec.unpartitioned();

    public static final RowType ROW_TYPE = FlinkSchemaUtil.convert(SCHEMA);

    private IntegrationsTable() {}

    /** The row of one integration's state at {@code recordedAtMillis}. */
    public static RowData toRow(Integration i, Tenant tenant, String change, String messageId, long recordedAtMillis) {
        boolean licenceValid = LicencePolicy.isValid(tenant, recordedAtMillis);
        IntegrationStatus effective = LicencePolicy.effectiveStatus(i, tenant, recordedAtMillis);
        return GenericRowData.of(
                RowValues.string(i.integrationId),
                RowValues.string(i.tenantId),
                RowValues.string(i.displayName),
                RowValues.string(i.bucket),
                RowValues.string(i.prefix),
                RowValues.string(i.organizationId),
                RowValues.strings(i.includedAccounts),
                RowValues.string(i.status.wireName()),
                licenceValid,
                tenant == null || tenant.validUntilMillis == 0 ? null : RowValues.timestamp(tenant.validUntilMillis),
                RowValues.string(effective.wireName()),
                i.updatedAtMillis == 0 ? null : RowValues.timestamp(i.updatedAtMillis),
                RowValues.string(messageId),
                RowValues.string(change),
                RowValues.timestamp(recordedAtMillis));
    }

    /**
     * The rows an applied message calls for: its integration's, or for a licence message one per
     * integration of the tenant (tombstones left out). None for a message that changed nothing.
     *
     * @param view the state, read for the integration's tenant and the tenant's integrations
     */
    public static List<RowData> rowsFor(ApplyResult r, ControlView view) {
        List<RowData> rows = new ArrayList<>();
        if (r.changesIntegration()) {
            Integration i = r.integrationAfter;
            rows.add(toRow(i, view.tenant(i.tenantId), CHANGE_MESSAGE, r.message.messageId, r.processedAtMillis));
        } else if (r.changesTenant()) {
            for (Integration i : view.integrationsOf(r.tenantAfter.tenantId)) {
                if (i.status == IntegrationStatus.DELETED) continue;
                rows.add(toRow(i, r.tenantAfter, CHANGE_LICENCE, r.message.messageId, r.processedAtMillis));
            }
        }
        return rows;
    }

    /** The rows of a licence lapse: one per live integration of {@code tenant}, recorded at {@code atMillis}. */
    public static List<RowData> lapseRows(Tenant tenant, ControlView view, long atMillis) {
        List<RowData> rows = new ArrayList<>();
        for (Integration i : view.integrationsOf(tenant.tenantId)) {
            if (i.status != IntegrationStatus.DELETED) rows.add(toRow(i, tenant, CHANGE_LAPSE, null, atMillis));
        }
        return rows;
    }

    /** The rows of the config's integrations as they stand in {@code view} at start (for those no message changed). */
    public static List<RowData> configRows(ControlView view, long atMillis) {
        List<RowData> rows = new ArrayList<>();
        for (Integration i : view.integrations()) {
            if (i.lastMessageId == null) rows.add(toRow(i, view.tenant(i.tenantId), CHANGE_CONFIG, null, atMillis));
        }
        return rows;
    }
}
