package io.trailstream.iceberg;

import java.util.List;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;

/** Java values to Flink's internal row values, null-safe, for the control tables' row converters. */
final class RowValues {
    private RowValues() {}

    static StringData string(String s) {
        return s == null ? null : StringData.fromString(s);
    }

    /** A {@code timestamptz} (Flink {@code TIMESTAMP_LTZ}) value. */
    static TimestampData timestamp(long epochMillis) {
        return TimestampData.fromEpochMillis(epochMillis);
    }

    static ArrayData strings(List<String> values) {
        if (values == null) return null;
        Object[] out = new Object[values.size()];
        for (int i = 0; i < out.length; i++) out[i] = string(values.get(i));
        return new GenericArrayData(out);
    }
}
