package io.trailstream.iceberg;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import io.trailstream.ledger.LedgerOutcome;
import io.trailstream.ledger.LedgerRow;
import io.trailstream.ledger.ReadFailure;
import io.trailstream.trail.ObjectKind;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.types.Types;

/**
 * The ledger as an Iceberg table, named {@code objects}: one row per notified object, saying what became of it
 * and why. It writes a {@link LedgerRow} as a row and reads one back from a record, both by column name.
 */
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
            required(23, "processed_at", Types.TimestampType.withZone()),
            optional(24, "sha256", Types.StringType.get(), "hex SHA-256 of the uncompressed bytes, as parsed"),
            optional(25, "gzip_trailing_bytes", Types.LongType.get(), "bytes after the end of the first gzip member"),
            optional(26, "duplicate_events", Types.LongType.get(), "records dropped as repeated eventIDs"),
            optional(27, "read_failure", Types.StringType.get(), "why the object could not be read"));

    public static final PartitionSpec SPEC =
            PartitionSpec.builderFor(SCHEMA).day("processed_at").build();

    public static final RowType ROW_TYPE = FlinkSchemaUtil.convert(SCHEMA);

    private static final RowLayout LAYOUT = RowLayout.of(NAME, SCHEMA);

    private LedgerTable() {}

    /** The table row of {@code o}. */
    public static RowData toRow(LedgerRow o) {
        return LAYOUT.row()
                .set("scheme", RowValues.string(o.scheme))
                .set("bucket", RowValues.string(o.bucket))
                .set("key", RowValues.string(o.key))
                .set("kind", RowValues.string(o.kind == null ? null : o.kind.ledgerName()))
                .set("integration_id", RowValues.string(o.integrationId))
                .set("organization_id", RowValues.string(o.organizationId))
                .set("account_id", RowValues.string(o.accountId))
                .set("region", RowValues.string(o.region))
                .set("delivery_date", RowValues.isoDate(o.deliveryDate))
                .set("outcome", RowValues.string(o.outcome.ledgerName()))
                .set("reason", RowValues.string(o.reason))
                .set("record_count", o.recordCount)
                .set("dropped_records", o.droppedRecords)
                .set("mismatched_records", o.mismatchedRecords)
                .set("malformed_records", o.malformedRecords)
                .set("compressed_bytes", o.compressedBytes < 0 ? null : o.compressedBytes)
                .set("uncompressed_bytes", o.uncompressedBytes < 0 ? null : o.uncompressedBytes)
                .set("etag", RowValues.string(o.eTag))
                .set("sequencer", RowValues.string(o.sequencer))
                .set("version_id", RowValues.string(o.versionId))
                .set("notification_shape", RowValues.string(o.notificationShape))
                .set("notified_at", o.notifiedAtMillis > 0 ? RowValues.millis(o.notifiedAtMillis) : null)
                .set("processed_at", RowValues.millis(o.processedAtMillis))
                .set("sha256", RowValues.string(o.sha256))
                .set("gzip_trailing_bytes", o.gzipTrailingBytes < 0 ? null : o.gzipTrailingBytes)
                .set("duplicate_events", o.duplicateEvents)
                .set("read_failure", RowValues.string(o.readFailure == null ? null : o.readFailure.ledgerName()))
                .build();
    }

    /**
     * The ledger row a record of the table holds. Columns the read did not select stay unset (null, 0 or -1);
     * an outcome or kind this version does not know reads as null.
     */
    public static LedgerRow fromRecord(Record r) {
        LedgerRow o = new LedgerRow();
        o.scheme = (String) r.getField("scheme");
        o.bucket = (String) r.getField("bucket");
        o.key = (String) r.getField("key");
        o.kind = ObjectKind.fromLedgerName((String) r.getField("kind"));
        o.integrationId = (String) r.getField("integration_id");
        o.organizationId = (String) r.getField("organization_id");
        o.accountId = (String) r.getField("account_id");
        o.region = (String) r.getField("region");
        Object date = r.getField("delivery_date");
        o.deliveryDate = date == null ? null : ((LocalDate) date).toString();
        o.outcome = LedgerOutcome.fromLedgerName((String) r.getField("outcome"));
        o.reason = (String) r.getField("reason");
        o.recordCount = count(r, "record_count", 0);
        o.droppedRecords = count(r, "dropped_records", 0);
        o.mismatchedRecords = count(r, "mismatched_records", 0);
        o.malformedRecords = count(r, "malformed_records", 0);
        o.compressedBytes = count(r, "compressed_bytes", -1);
        o.uncompressedBytes = count(r, "uncompressed_bytes", -1);
        o.eTag = (String) r.getField("etag");
        o.sequencer = (String) r.getField("sequencer");
        o.versionId = (String) r.getField("version_id");
        o.notificationShape = (String) r.getField("notification_shape");
        o.notifiedAtMillis = millis(r, "notified_at");
        o.processedAtMillis = millis(r, "processed_at");
        o.sha256 = (String) field(r, "sha256");
        o.gzipTrailingBytes = count(r, "gzip_trailing_bytes", -1);
        o.duplicateEvents = count(r, "duplicate_events", 0);
        o.readFailure = ReadFailure.fromLedgerName((String) field(r, "read_failure"));
        return o;
    }

    /** A column's value, null when the record has no such column (a table written before it was added). */
    private static Object field(Record r, String column) {
        return r.struct().field(column) == null ? null : r.getField(column);
    }

    private static long count(Record r, String column, long absent) {
        Object v = field(r, column);
        return v == null ? absent : (Long) v;
    }

    private static long millis(Record r, String column) {
        Object v = r.getField(column);
        return v == null ? 0 : ((OffsetDateTime) v).toInstant().toEpochMilli();
    }
}
