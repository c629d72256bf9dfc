package io.trailstream.trail;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * When CloudTrail wrote a file, from its name: a log or Insights file's {@code YYYYMMDDTHHmmZ} (its delivery
 * minute), a digest's {@code YYYYMMDDTHHmmssZ} (its end time). What a time-range backfill selects by, without
 * reading the file.
 */
public final class KeyTimes {
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'");
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private KeyTimes() {}

    /** The time in the name of {@code key}, classified as {@code trailKey}; null for other kinds or names. */
    public static Instant of(String key, TrailKey trailKey) {
        if (key == null || trailKey == null || trailKey.accountId == null || trailKey.region == null) return null;
        String file = key.substring(key.lastIndexOf('/') + 1);
        try {
            switch (trailKey.kind) {
                case LOG:
                    return minute(file, trailKey.accountId + "_CloudTrail_" + trailKey.region + "_");
                case INSIGHT:
                    return minute(file, trailKey.accountId + "_CloudTrail-Insight_" + trailKey.region + "_");
                case DIGEST: {
                    String base = file.substring(0, file.indexOf(".json"));
                    if (base.endsWith("_backfill")) base = base.substring(0, base.length() - "_backfill".length());
                    String stamp = base.substring(base.lastIndexOf('_') + 1);
                    return LocalDateTime.parse(stamp, SECOND).toInstant(ZoneOffset.UTC);
                }
                default:
                    return null;
            }
        } catch (DateTimeParseException | IndexOutOfBoundsException e) {
            return null;
        }
    }

    private static Instant minute(String file, String head) {
        if (!file.startsWith(head)) return null;
        String stamp = file.substring(head.length(), head.length() + 14);
        return LocalDateTime.parse(stamp, MINUTE).toInstant(ZoneOffset.UTC);
    }
}
