package io.trailstream.cli;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options of a time-range backfill ({@code trailstream backfill --integration ID --from T --to T}): the window
 * of delivery times, and optionally the regions and accounts to list. A separate selection mode from the ledger's
 * ({@code --outcome}, {@code --since}): it lists the bucket, so it finds objects the job was never told about.
 */
public class TimeRangeOptions {
    @Option(
            names = "--from",
            paramLabel = "INSTANT",
            order = 6,
            description = "List the integration's trail in the bucket for files written from this instant on (by the "
                    + "time in their name) and replay what the ledger does not show as ingested.")
    String from;

    @Option(
            names = "--to",
            paramLabel = "INSTANT",
            order = 7,
            description = "With --from: the end of the window, exclusive (default: now).")
    String to;

    @Option(
            names = "--regions",
            paramLabel = "REGION[,REGION...]",
            order = 8,
            description = "With --from: only these regions (default: every region folder in the bucket).")
    String regions;

    @Option(
            names = "--accounts",
            paramLabel = "ACCOUNT[,ACCOUNT...]",
            order = 9,
            description = "With --from: only these accounts (default: the integration's include-list, else every "
                    + "account folder in the bucket).")
    String accounts;

    /** Whether the time-range mode is asked for. */
    boolean isSet() {
        return from != null || to != null || regions != null || accounts != null;
    }

    Instant fromInstant() {
        if (from == null) throw new IllegalArgumentException("--to, --regions and --accounts need --from INSTANT");
        return instant("--from", from);
    }

    Instant toInstant(long nowMillis) {
        Instant end = to == null ? Instant.ofEpochMilli(nowMillis) : instant("--to", to);
        if (!fromInstant().isBefore(end))
            throw new IllegalArgumentException("--from " + from + " is not before --to " + end);
        return end;
    }

    List<String> regionList() {
        return list(regions);
    }

    List<String> accountList() {
        List<String> out = list(accounts);
        if (out != null) {
            for (String a : out) {
                if (!a.matches("\\d{12}"))
                    throw new IllegalArgumentException("--accounts: '" + a + "' is not an account id");
            }
        }
        return out;
    }

    private static List<String> list(String value) {
        if (value == null) return null;
        return Arrays.stream(value.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static Instant instant(String option, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    option + ": '" + value + "' is not an instant such as 2026-11-01T00:00:00Z");
        }
    }
}
