package io.trailstream.record;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.BooleanType;
import org.apache.flink.table.types.logical.LocalZonedTimestampType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.VarCharType;

/**
 * The Flink type of the rows {@link CloudTrailRecordParser} emits, derived from {@link EventLayout} with
 * Flink's logical types: so the operators that carry parsed rows type their streams from the layout itself,
 * without knowing the table they end in. The Iceberg schema is derived from the same declarations (and
 * checked against this type) in {@code io.trailstream.iceberg.EventsTable}.
 *
 * <p>Kinds map as Iceberg's Flink conversion maps the table's types: strings and JSON to {@code STRING},
 * timestamps to {@code TIMESTAMP_LTZ(6)}, structs to {@code ROW}, lists of structs to {@code ARRAY<ROW>} with
 * nullable elements; derived columns are {@code NOT NULL}; each column carries its documentation.
 */
public final class EventRowType {
    private static final RowType EVENTS = rowType(EventLayout.EVENTS, "");

    private EventRowType() {}

    /** The type of an {@code events} (and {@code insights}) row. */
    public static RowType events() {
        return EVENTS;
    }

    /**
     * The documentation of a column: a derived column's own, else the CloudTrail field it holds, e.g.
     * {@code CloudTrail userIdentity.sessionContext.attributes.creationDate}.
     *
     * @param path the CloudTrail path of the field, or null for a derived column
     */
    public static String doc(FieldSpec field, String path) {
        if (path == null) return field.doc();
        return field.kind() == FieldKind.JSON ? "CloudTrail " + path + " as compact JSON" : "CloudTrail " + path;
    }

    /** The CloudTrail path of {@code field} below {@code parentPath} ({@code ""} at the top), or null when derived. */
    public static String path(FieldSpec field, String parentPath) {
        return field.jsonNames().isEmpty()
                ? null
                : parentPath + field.jsonNames().get(0);
    }

    private static RowType rowType(StructSpec struct, String parentPath) {
        List<RowType.RowField> fields = new ArrayList<>(struct.size());
        for (FieldSpec field : struct.fields()) {
            String path = path(field, parentPath);
            LogicalType type = type(field, path).copy(!field.required());
            fields.add(new RowType.RowField(field.name(), type, doc(field, path)));
        }
        return new RowType(fields);
    }

    private static LogicalType type(FieldSpec field, String path) {
        switch (field.kind()) {
            case STRING:
            case JSON:
                return new VarCharType(VarCharType.MAX_LENGTH);
            case BOOLEAN:
                return new BooleanType();
            case TIMESTAMP:
                return new LocalZonedTimestampType(6);
            case STRUCT:
                return rowType(field.struct(), path + ".");
            case STRUCT_LIST:
                return new ArrayType(rowType(field.struct(), path + "[]."));
            default:
                throw new IllegalStateException("unknown kind " + field.kind());
        }
    }
}
