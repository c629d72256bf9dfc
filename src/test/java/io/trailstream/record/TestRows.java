package io.trailstream.record;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;

/**
 * Reads an events row by column path ({@code user_identity.session_context.attributes.creation_date},
 * {@code resources[1].arn}) as plain Java values, so tests assert columns by name, never by position.
 */
final class TestRows {
    private TestRows() {}

    /** String, Instant, Boolean, RowData or List of elements; null when the column or a parent is null. */
    static Object get(RowData row, String path) {
        StructSpec spec = EventLayout.EVENTS;
        Object current = row;
        String[] segments = path.split("\\.");
        for (int i = 0; i < segments.length; i++) {
            if (current == null) return null;
            String segment = segments[i];
            int index = -1;
            int bracket = segment.indexOf('[');
            if (bracket >= 0) {
                index = Integer.parseInt(segment.substring(bracket + 1, segment.length() - 1));
                segment = segment.substring(0, bracket);
            }
            int position = spec.positionOf(segment);
            FieldSpec field = spec.field(position);
            current = ((GenericRowData) current).getField(position);
            if (index >= 0) {
                ArrayData array = (ArrayData) current;
                current = array == null || array.isNullAt(index)
                        ? null
                        : array.getRow(index, field.struct().size());
            }
            if (field.struct() != null) spec = field.struct();
        }
        return plain(current);
    }

    static String str(RowData row, String path) {
        return (String) get(row, path);
    }

    static Instant time(RowData row, String path) {
        return (Instant) get(row, path);
    }

    static Boolean bool(RowData row, String path) {
        return (Boolean) get(row, path);
    }

    /** Size of a list column, or -1 when it is null. */
    static int size(RowData row, String path) {
        Object value = get(row, path);
        return value == null ? -1 : ((List<?>) value).size();
    }

    private static Object plain(Object value) {
        if (value instanceof StringData) return value.toString();
        if (value instanceof TimestampData) return ((TimestampData) value).toInstant();
        if (value instanceof ArrayData) {
            ArrayData array = (ArrayData) value;
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) items.add(array.isNullAt(i) ? null : array.getRow(i, 0));
            return items;
        }
        return value;
    }
}
