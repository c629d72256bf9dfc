package io.trailstream.iceberg;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import io.trailstream.input.DeadLetter;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.types.Types;

/** The {@code dead_letters} table: every input that could not be used, whole, with the reason. */
public final class DeadLettersTable {
    public static final String NAME = "dead_letters";

    public static final Schema SCHEMA = new Schema(
            required(1, "stream", Types.StringType.get(), "notification or control"),
            optional(2, "origin", Types.StringType.get()),
            optional(3, "shape", Types.StringType.get()),
            required(4, "reason", Types.StringType.get()),
            optional(5, "payload", Types.StringType.get()),
            required(6, "payload_bytes", Types.LongType.get()),
            required(7, "received_at", Types.TimestampType.withZone()));

    public static final PartitionSpec SPEC =
            PartitionSpec.builderFor(SCHEMA).day("received_at").build();

    public static final RowType ROW_TYPE = FlinkSchemaUtil.convert(SCHEMA);

    private static final RowLayout LAYOUT = RowLayout.of(NAME, SCHEMA);

    private DeadLettersTable() {}

    public static RowData toRow(DeadLetter d) {
        return LAYOUT.row()
                .set("stream", RowValues.string(d.stream))
                .set("origin", RowValues.string(d.origin))
                .set("shape", RowValues.string(d.shape))
                .set("reason", RowValues.string(d.reason))
                .set("payload", RowValues.string(d.payload))
                .set("payload_bytes", d.payloadBytes)
                .set("received_at", RowValues.millis(d.receivedAtMillis))
                .build();
    }
}
