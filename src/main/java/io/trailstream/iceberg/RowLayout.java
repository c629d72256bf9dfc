package io.trailstream.iceberg;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;

/**
 * The columns of one table's Flink row, by name: the table converters fill a row column by column, each name
 * next to its value, instead of by position, so a reordered or renamed column cannot land in the wrong place.
 * A name the schema does not have fails at once, naming it.
 *
 * <pre>{@code
 * RowData row = LAYOUT.row().set("scheme", RowValues.string(o.scheme)).set("record_count", o.recordCount).build();
 * }</pre>
 */
final class RowLayout {
    private final String table;
    private final Map<String, Integer> positions = new HashMap<>();
    private final int arity;

    private RowLayout(String table, List<Types.NestedField> columns) {
        this.table = table;
        this.arity = columns.size();
        for (int i = 0; i < arity; i++) positions.put(columns.get(i).name(), i);
    }

    /** The top-level columns of {@code schema}, in the order of its Flink row type. */
    static RowLayout of(String table, Schema schema) {
        return new RowLayout(table, schema.columns());
    }

    /** A new row, every column null. */
    Row row() {
        return new Row(new GenericRowData(arity));
    }

    private int position(String column) {
        Integer p = positions.get(column);
        if (p == null) throw new IllegalArgumentException("table " + table + " has no column " + column);
        return p;
    }

    /** One row being filled. */
    final class Row {
        private final GenericRowData data;

        private Row(GenericRowData data) {
            this.data = data;
        }

        /** Sets {@code column} to {@code value}, a Flink internal value ({@link RowValues} makes them). */
        Row set(String column, Object value) {
            data.setField(position(column), value);
            return this;
        }

        RowData build() {
            return data;
        }
    }
}
