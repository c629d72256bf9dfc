package io.trailstream.iceberg;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import io.trailstream.integrity.IntegrityCheck;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;

/**
 * The {@code integrity} table: one row per digest file checked and one per log file checked against its digest
 * (verified, hash_mismatch, missing, unlisted, skipped), with the reason. Append-only: when a late object changes
 * what a check said (a predecessor that comes after its successor, a digest listing a file already reported
 * unlisted), a newer row for the same {@code kind} and {@code key} says so; the latest by {@code checked_at} is the
 * current state. The rows are {@link IntegrityCheck}s, which the integrity operators emit.
 */
public final class IntegrityTable {
    public static final String NAME = "integrity";

    public static final Schema SCHEMA = new Schema(
            required(1, "kind", Types.StringType.get(), "digest or log_file"),
            required(2, "status", Types.StringType.get()),
            optional(3, "reason", Types.StringType.get()),
            optional(4, "integration_id", Types.StringType.get()),
            optional(5, "bucket", Types.StringType.get(), "bucket name (a local run: the folder's name)"),
            optional(6, "key", Types.StringType.get()),
            optional(7, "digest_bucket", Types.StringType.get()),
            optional(8, "digest_key", Types.StringType.get(), "the digest listing the file, or the digest itself"),
            optional(9, "organization_id", Types.StringType.get()),
            optional(10, "account_id", Types.StringType.get()),
            optional(11, "region", Types.StringType.get()),
            optional(12, "trail_name", Types.StringType.get()),
            required(13, "backfill", Types.BooleanType.get(), "a backfill digest (its own chain)"),
            optional(14, "digest_end_time", Types.TimestampType.withZone()),
            optional(15, "expected_sha256", Types.StringType.get(), "what the digest says"),
            optional(16, "actual_sha256", Types.StringType.get(), "what the job computed"),
            required(17, "checked_at", Types.TimestampType.withZone()));

    public static final PartitionSpec SPEC =
            PartitionSpec.builderFor(SCHEMA).day("checked_at").build();

    private static final RowLayout LAYOUT = RowLayout.of(NAME, SCHEMA);

    private IntegrityTable() {}

    /** The row of one check. */
    public static RowData toRow(IntegrityCheck c) {
        return LAYOUT.row()
                .set("kind", RowValues.string(c.kind.wireName()))
                .set("status", RowValues.string(c.status.wireName()))
                .set("reason", RowValues.string(c.reason))
                .set("integration_id", RowValues.string(c.integrationId))
                .set("bucket", RowValues.string(c.bucket))
                .set("key", RowValues.string(c.key))
                .set("digest_bucket", RowValues.string(c.digestBucket))
                .set("digest_key", RowValues.string(c.digestKey))
                .set("organization_id", RowValues.string(c.organizationId))
                .set("account_id", RowValues.string(c.accountId))
                .set("region", RowValues.string(c.region))
                .set("trail_name", RowValues.string(c.trailName))
                .set("backfill", c.backfill)
                .set("digest_end_time", c.digestEndTimeMillis == 0 ? null : RowValues.timestamp(c.digestEndTimeMillis))
                .set("expected_sha256", RowValues.string(c.expectedSha256))
                .set("actual_sha256", RowValues.string(c.actualSha256))
                .set("checked_at", RowValues.timestamp(c.checkedAtMillis))
                .build();
    }
}
