package io.trailstream.iceberg;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;

/** Small null-safe conversions from Java values to Flink's internal row values, shared by the table converters. */
public final class RowValues {
    private RowValues() {}

    public static StringData string(String s) {
        return s == null ? null : StringData.fromString(s);
    }

    /** A {@code timestamptz} (Flink {@code TIMESTAMP_LTZ}) value. */
    public static TimestampData timestamp(long epochMillis) {
        return TimestampData.fromEpochMillis(epochMillis);
    }

    public static TimestampData millis(long epochMillis) {
        return timestamp(epochMillis);
    }

    public static ArrayData strings(List<String> values) {
        if (values == null) return null;
        Object[] out = new Object[values.size()];
        for (int i = 0; i < out.length; i++) out[i] = string(values.get(i));
        return new GenericArrayData(out);
    }

    /** Days since the epoch for an ISO date, or null when absent or not a date. */
    public static Integer isoDate(String date) {
        if (date == null) return null;
        try {
            return (int) LocalDate.parse(date).toEpochDay();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
