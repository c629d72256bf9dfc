package io.trailstream.iceberg;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import io.trailstream.ledger.LedgerRow;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.types.Types;

/** The {@code objects} ledger: one row per notified object, saying what became of it and why. */
public final class LedgerTable {
    public static final String NAME = "objects";

    public static final Schema SCHEMA = new Schema(
            required(1, "scheme", Types.StringType.get()),
            required(2, "bucket", Types.StringType.get()),
            required(3, "key", Types.StringType.get()),
            optional(4, "kind", Types.StringType.get(), "log, insight, digest, config_check or other"),
            optional(5, "integration_id", Types.StringType.get()),
            optional(6, "organization_id", Types.StringType.get()),
            optional(7, "account_id", Types.StringType.get()),
            optional(8, "region", Types.StringType.get()),
            optional(9, "delivery_date", Types.DateType.get()),
            required(10, "outcome", Types.StringType.get()),
            optional(11, "reason", Types.StringType.get()),
            required(12, "record_count", Types.LongType.get()),
            required(13, "dropped_records", Types.LongType.get(), "records outside the include-list"),
            required(14, "mismatched_records", Types.LongType.get(), "recipient account differs from the key's"),
            required(15, "malformed_records", Types.LongType.get()),
            optional(16, "compressed_bytes", Types.LongType.get()),
            optional(17, "uncompressed_bytes", Types.LongType.get()),
            optional(18, "etag", Types.StringType.get()),
            optional(19, "sequencer", Types.StringType.get()),
            optional(20, "version_id", Types.StringType.get()),
            optional(21, "notification_shape", Types.StringType.get()),
            optional(22, "notified_at", Types.TimestampType.withZone()),
            required(23, "processed_at", Types.TimestampType.withZone()));

    public static final PartitionSpec SPEC =
            PartitionSpec.builderFor(SCHEMA).day("processed_at").build();

    public static final RowType ROW_TYPE = FlinkSchemaUtil.convert(SCHEMA);

    private LedgerTable() {}

    /** The ledger row for {@code o}. */
    public static RowData toRow(LedgerRow o) {
        GenericRowData row = new GenericRowData(23);
        row.setField(0, RowValues.string(o.scheme));
        row.setField(1, RowValues.string(o.bucket));
        row.setField(2, RowValues.string(o.key));
        row.setField(3, RowValues.string(o.kind));
        row.setField(4, RowValues.string(o.integrationId));
        row.setField(5, RowValues.string(o.organizationId));
        row.setField(6, RowValues.string(o.accountId));
        row.setField(7, RowValues.string(o.region));
        row.setField(8, RowValues.isoDate(o.deliveryDate));
        row.setField(9, RowValues.string(o.outcome));
        row.setField(10, RowValues.string(o.reason));
        row.setField(11, o.recordCount);
        row.setField(12, o.droppedRecords);
        row.setField(13, o.mismatchedRecords);
        row.setField(14, o.malformedRecords);
        row.setField(15, o.compressedBytes < 0 ? null : o.compressedBytes);
        row.setField(16, o.uncompressedBytes < 0 ? null : o.uncompressedBytes);
        row.setField(17, RowValues.string(o.eTag));
        row.setField(18, RowValues.string(o.sequencer));
        row.setField(19, RowValues.string(o.versionId));
        row.setField(20, RowValues.string(o.notificationShape));
        row.setField(21, o.notifiedAtMillis > 0 ? RowValues.millis(o.notifiedAtMillis) : null);
        row.setField(22, RowValues.millis(o.processedAtMillis));
        return row;
    }
}
