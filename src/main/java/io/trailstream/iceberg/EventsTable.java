package io.trailstream.iceberg;

import io.trailstream.record.EventLayout;
import io.trailstream.record.FieldKind;
import io.trailstream.record.FieldSpec;
import io.trailstream.record.StructSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.types.logical.RowType;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * The Iceberg face of the {@code events} table (and of {@code insights}, which has the same layout): the
 * schema with its stable field ids, the partitioning analysts' queries prune on (integration, then day of
 * the event), and the Flink row type the parser's rows conform to. All three derive from
 * {@link EventLayout}, so the parser, the schema and the sink cannot drift apart.
 */
public final class EventsTable {
    private static final Schema SCHEMA = new Schema(columns(EventLayout.EVENTS, ""));
    private static final PartitionSpec PARTITION_SPEC = PartitionSpec.builderFor(SCHEMA)
            .identity("integration_id")
            .day("event_time")
            .build();
    private static final RowType ROW_TYPE = FlinkSchemaUtil.convert(SCHEMA);

    private EventsTable() {}

    /** The table schema; field ids are fixed in {@link EventLayout}. */
    public static Schema schema() {
        return SCHEMA;
    }

    /** identity(integration_id), day(event_time). */
    public static PartitionSpec partitionSpec() {
        return PARTITION_SPEC;
    }

    /** The Flink type of the rows {@code CloudTrailRecordParser} emits. */
    public static RowType rowType() {
        return ROW_TYPE;
    }

    private static List<Types.NestedField> columns(StructSpec struct, String jsonPath) {
        List<Types.NestedField> fields = new ArrayList<>(struct.size());
        for (FieldSpec field : struct.fields()) {
            String path = field.jsonNames().isEmpty()
                    ? null
                    : jsonPath + field.jsonNames().get(0);
            Type type = type(field, path);
            String doc = path == null ? field.doc() : describe(field, path);
            fields.add(
                    field.required()
                            ? Types.NestedField.required(field.id(), field.name(), type, doc)
                            : Types.NestedField.optional(field.id(), field.name(), type, doc));
        }
        return fields;
    }

    private static Type type(FieldSpec field, String path) {
        switch (field.kind()) {
            case STRING:
            case JSON:
                return Types.StringType.get();
            case BOOLEAN:
                return Types.BooleanType.get();
            case TIMESTAMP:
                return Types.TimestampType.withZone();
            case STRUCT:
                return Types.StructType.of(columns(field.struct(), path + "."));
            case STRUCT_LIST:
                return Types.ListType.ofOptional(
                        field.elementId(), Types.StructType.of(columns(field.struct(), path + "[].")));
            default:
                throw new IllegalStateException("unknown kind " + field.kind());
        }
    }

    private static String describe(FieldSpec field, String path) {
        return field.kind() == FieldKind.JSON ? "CloudTrail " + path + " as compact JSON" : "CloudTrail " + path;
    }
}
