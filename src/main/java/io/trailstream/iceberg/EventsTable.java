package io.trailstream.iceberg;

import io.trailstream.record.EventLayout;
import io.trailstream.record.EventRowType;
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
 * schema with its stable field ids and the partitioning analysts' queries prune on (integration, then day of
 * the event). Both derive from {@link EventLayout}, as the parser's Flink row type ({@link EventRowType})
 * does; loading this class checks that Iceberg's conversion of the schema is exactly that row type, so the
 * parser, the schema and the sink cannot drift apart.
 */
public final class EventsTable {
    private static final Schema SCHEMA = new Schema(columns(EventLayout.EVENTS, ""));
    private static final PartitionSpec PARTITION_SPEC = PartitionSpec.builderFor(SCHEMA)
            .identity("integration_id")
            .day("event_time")
            .build();
    private static final RowType ROW_TYPE = EventRowType.events();

    static {
        RowType converted = FlinkSchemaUtil.convert(SCHEMA);
        if (!converted.equals(ROW_TYPE)) {
            throw new IllegalStateException("the events schema converts to " + converted.asSerializableString()
                    + ", not to the parser's row type " + ROW_TYPE.asSerializableString());
        }
    }

    private EventsTable() {}

    /** The table schema; field ids are fixed in {@link EventLayout}. */
    public static Schema schema() {
        return SCHEMA;
    }

    /** identity(integration_id), day(event_time). */
    public static PartitionSpec partitionSpec() {
        return PARTITION_SPEC;
    }

    /** The Flink type of the rows {@code CloudTrailRecordParser} emits: {@link EventRowType#events()}. */
    public static RowType rowType() {
        return ROW_TYPE;
    }

    private static List<Types.NestedField> columns(StructSpec struct, String jsonPath) {
        List<Types.NestedField> fields = new ArrayList<>(struct.size());
        for (FieldSpec field : struct.fields()) {
            String path = EventRowType.path(field, jsonPath);
            Type type = type(field, path);
            String doc = EventRowType.doc(field, path);
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
}
