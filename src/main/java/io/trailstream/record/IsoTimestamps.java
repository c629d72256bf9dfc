package io.trailstream.record;

import org.apache.flink.table.data.TimestampData;

/**
 * Parses the ISO-8601 instants CloudTrail writes ({@code 2024-01-01T00:00:00Z}, with or without a fraction,
 * and the basic form {@code 20131102T010628Z} that older session attributes carry) straight from the parser's
 * character buffer, without allocating a String or going through {@code java.time}'s general formatter.
 * Anything else yields null, never an exception: a bad timestamp must not drop a record.
 *
 * <p>Accepted: {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}][zone]} (RFC 3339 also allows a space for the {@code T},
 * which re-exported trails use) and {@code yyyyMMddTHHmmss[.f{1,9}][zone]}, where zone is {@code Z},
 * {@code ±HH:mm}, {@code ±HHmm} or {@code ±HH}; no zone means UTC, as CloudTrail documents all its times in
 * UTC.
 */
final class IsoTimestamps {
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private IsoTimestamps() {}

    static TimestampData parse(String text) {
        return text == null ? null : parse(text.toCharArray(), 0, text.length());
    }

    static TimestampData parse(char[] c, int off, int len) {
        int end = off + len;
        boolean basic = len >= 8 && isDigits(c, off, 8);
        int p = off;
        int year = digits(c, p, 4, end);
        p += 4;
        if (!basic && !expect(c, p++, '-', end)) return null;
        int month = digits(c, p, 2, end);
        p += 2;
        if (!basic && !expect(c, p++, '-', end)) return null;
        int day = digits(c, p, 2, end);
        p += 2;
        if (p >= end || (c[p] != 'T' && c[p] != 't' && (basic || c[p] != ' '))) return null;
        p++;
        int hour = digits(c, p, 2, end);
        p += 2;
        if (!basic && !expect(c, p++, ':', end)) return null;
        int minute = digits(c, p, 2, end);
        p += 2;
        if (!basic && !expect(c, p++, ':', end)) return null;
        int second = digits(c, p, 2, end);
        p += 2;
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || day > daysInMonth(year, month)
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59) {
            return null;
        }
        int nanos = 0;
        if (p < end && c[p] == '.') {
            int start = ++p;
            while (p < end && c[p] >= '0' && c[p] <= '9') {
                if (p - start < 9) nanos = nanos * 10 + (c[p] - '0');
                p++;
            }
            int count = p - start;
            if (count == 0 || count > 9) return null;
            for (int i = count; i < 9; i++) nanos *= 10;
        }
        int offsetSeconds = 0;
        if (p < end) {
            char z = c[p];
            if ((z == 'Z' || z == 'z') && p + 1 == end) {
                p++;
            } else if (z == '+' || z == '-') {
                int oh = digits(c, p + 1, 2, end);
                int om = 0;
                int q = p + 3;
                if (q < end) {
                    if (c[q] == ':') q++;
                    om = digits(c, q, 2, end);
                    q += 2;
                }
                if (oh < 0 || oh > 18 || om < 0 || om > 59 || q != end) return null;
                offsetSeconds = (z == '-' ? -1 : 1) * (oh * 3600 + om * 60);
                p = end;
            } else {
                return null;
            }
        }
        if (p != end) return null;
        long millis = daysFromCivil(year, month, day) * MILLIS_PER_DAY
                + (hour * 3600L + minute * 60L + second - offsetSeconds) * 1000L
                + nanos / 1_000_000;
        return TimestampData.fromEpochMillis(millis, nanos % 1_000_000);
    }

    private static boolean isDigits(char[] c, int off, int count) {
        for (int i = off; i < off + count; i++) {
            if (c[i] < '0' || c[i] > '9') return false;
        }
        return true;
    }

    /** The number in {@code count} digits at {@code p}, or -1 when they are not all there. */
    private static int digits(char[] c, int p, int count, int end) {
        if (p < 0 || p + count > end) return -1;
        int value = 0;
        for (int i = p; i < p + count; i++) {
            char ch = c[i];
            if (ch < '0' || ch > '9') return -1;
            value = value * 10 + (ch - '0');
        }
        return value;
    }

    private static boolean expect(char[] c, int p, char ch, int end) {
        return p < end && c[p] == ch;
    }

    private static int daysInMonth(int year, int month) {
        switch (month) {
            case 2:
                return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    private static long daysFromCivil(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = (y >= 0 ? y : y - 399) / 400;
        int yoe = y - era * 400;
        int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097L + doe - 719468;
    }
}
