package io.trailstream.iceberg;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;

/** Small conversions from Java values to Flink's internal row values, shared by the table converters. */
public final class RowValues {
    private RowValues() {}

    public static StringData string(String s) {
        return s == null ? null : StringData.fromString(s);
    }

    public static TimestampData millis(long epochMillis) {
        return TimestampData.fromEpochMillis(epochMillis);
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
