package io.trailstream.iceberg;

import io.trailstream.record.EventLayout;
import io.trailstream.record.EventRowType;
import io.trailstream.record.FieldKind;
import io.trailstream.record.FieldSpec;
import io.trailstream.record.StructSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.types.logical.RowType;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.TableProperties;
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
    private static final Map<String, String> PROPERTIES = writeProperties();

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

    /**
     * The table properties: trailstream's defaults, tuned for what these rows are (measured with
     * {@code ./benchmark}, see docs/performance.md). {@code raw} and the free-form JSON columns are long and
     * nearly all distinct: no Parquet page statistics and no Iceberg column metrics for them (min/max of JSON text
     * prunes nothing, and computing it compared every value byte by byte). Iceberg 1.11 has no per-column
     * dictionary switch, so a small dictionary limit makes those columns fall back to plain encoding after a few
     * values while the low-cardinality ones (event source and name, region, account) keep their dictionaries.
     * zstd level 1 instead of 3: about 10% less writer CPU for about 1.5% larger files.
     */
    public static Map<String, String> properties() {
        return PROPERTIES;
    }

    private static Map<String, String> writeProperties() {
        Map<String, String> props = new LinkedHashMap<>(TableDefinition.DEFAULT_PROPERTIES);
        props.put(TableProperties.PARQUET_DICT_SIZE_BYTES, String.valueOf(64 * 1024));
        props.put(TableProperties.PARQUET_COMPRESSION_LEVEL, "1");
        for (FieldSpec field : EventLayout.EVENTS.fields()) {
            if (field.kind() == FieldKind.JSON || field.name().equals("raw")) {
                props.put(TableProperties.PARQUET_COLUMN_STATS_ENABLED_PREFIX + field.name(), "false");
                props.put(TableProperties.METRICS_MODE_COLUMN_CONF_PREFIX + field.name(), "none");
            }
        }
        return Collections.unmodifiableMap(props);
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
