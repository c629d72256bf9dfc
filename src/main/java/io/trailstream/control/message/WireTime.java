package io.trailstream.control.message;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * How instants are written in control messages: ISO-8601 in UTC with a {@code Z}, millisecond
 * precision. An offset such as {@code +01:00} is accepted on reading.
 */
public final class WireTime {
    private WireTime() {}

    /** Epoch millis of an ISO-8601 instant; throws {@link DateTimeParseException} for anything else. */
    public static long parseMillis(String text) {
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        }
    }

    /** {@code 2026-11-27T10:00:00Z} or {@code 2026-11-27T10:00:00.123Z}. */
    public static String format(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }
}
