package io.trailstream.trail;

import java.io.Serializable;

/**
 * Tells from an object key alone what CloudTrail (or AWS Config) put there, so that only log and
 * Insights files are downloaded. The layouts it knows:
 *
 * <pre>
 * [prefix/]AWSLogs/[o-org/]ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/ACCOUNT_CloudTrail_REGION_YYYYMMDDTHHmmZ_UNIQUE.json.gz
 * [prefix/]AWSLogs/[o-org/]ACCOUNT/CloudTrail-Insight/REGION/YYYY/MM/DD/ACCOUNT_CloudTrail-Insight_REGION_YYYYMMDDTHHmmZ_UNIQUE.json.gz
 * [prefix/]AWSLogs/[o-org/]ACCOUNT/CloudTrail-Digest/REGION/YYYY/MM/DD/ACCOUNT_CloudTrail-Digest_REGION_TRAIL_HOMEREGION_YYYYMMDDTHHmmssZ[_backfill].json.gz
 * [prefix/]AWSLogs/ACCOUNT/Config/ConfigWritabilityCheckFile
 * </pre>
 *
 * <p>It is strict: the file name must repeat the folder's account, region and date, and the unique part
 * must be 16 letters or digits; anything that only looks close is {@link ObjectKind#OTHER}. Prefix,
 * Organization, account, region and date are still filled in when the folders that hold them are well
 * formed. No regular expressions: it runs once per object.
 */
public final class KeyClassifier implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final String AWS_LOGS = "AWSLogs/";
    private static final int UNIQUE_LENGTH = 16;

    public KeyClassifier() {}

    /** Never null; {@link ObjectKind#OTHER} with what could be read for anything that is not a known layout. */
    public TrailKey classify(String key) {
        TrailKey out = new TrailKey();
        if (key == null || key.isEmpty()) return out;
        int from = 0;
        while (true) {
            int at = key.indexOf(AWS_LOGS, from);
            if (at < 0) return out;
            if ((at == 0 || key.charAt(at - 1) == '/') && classifyFrom(key, at, out)) return out;
            from = at + 1;
        }
    }

    /** Reads the part from {@code AWSLogs/}; false when no account follows it (then a later AWSLogs may). */
    private static boolean classifyFrom(String key, int awsLogsAt, TrailKey out) {
        int pos = awsLogsAt + AWS_LOGS.length();
        int end = segmentEnd(key, pos);
        String organization = null;
        if (isOrganizationId(key, pos, end)) {
            organization = key.substring(pos, end);
            if (end >= key.length()) return false;
            pos = end + 1;
            end = segmentEnd(key, pos);
        }
        if (!isAccountId(key, pos, end) || end >= key.length()) return false;

        String account = key.substring(pos, end);
        out.prefix = awsLogsAt == 0 ? null : key.substring(0, awsLogsAt - 1);
        out.organizationId = organization;
        out.accountId = account;

        pos = end + 1;
        end = segmentEnd(key, pos);
        String service = key.substring(pos, end);
        String rest = end >= key.length() ? "" : key.substring(end + 1);
        switch (service) {
            case "CloudTrail":
                classifyTrailFile(rest, account, ObjectKind.LOG, out);
                break;
            case "CloudTrail-Insight":
                classifyTrailFile(rest, account, ObjectKind.INSIGHT, out);
                break;
            case "CloudTrail-Digest":
                classifyTrailFile(rest, account, ObjectKind.DIGEST, out);
                break;
            case "Config":
                if (end < key.length() && rest.equals("ConfigWritabilityCheckFile")) out.kind = ObjectKind.CONFIG_CHECK;
                break;
            default:
                break;
        }
        return true;
    }

    /** {@code REGION/YYYY/MM/DD/FILE}: fills region and date when the folders are right, kind when the file is. */
    private static void classifyTrailFile(String rest, String account, ObjectKind kind, TrailKey out) {
        int regionEnd = rest.indexOf('/');
        if (regionEnd < 0 || !isRegion(rest, 0, regionEnd)) return;
        // YYYY/MM/DD/ is exactly 11 characters.
        int dateAt = regionEnd + 1;
        if (rest.length() < dateAt + 11 + 1) return;
        String yyyy = rest.substring(dateAt, dateAt + 4);
        String mm = rest.substring(dateAt + 5, dateAt + 7);
        String dd = rest.substring(dateAt + 8, dateAt + 10);
        if (rest.charAt(dateAt + 4) != '/'
                || rest.charAt(dateAt + 7) != '/'
                || rest.charAt(dateAt + 10) != '/'
                || !isDate(yyyy, mm, dd)) {
            return;
        }
        String region = rest.substring(0, regionEnd);
        out.region = region;
        out.deliveryDate = yyyy + "-" + mm + "-" + dd;

        String file = rest.substring(dateAt + 11);
        if (file.isEmpty() || file.indexOf('/') >= 0) return;
        String compactDate = yyyy + mm + dd;
        boolean matches;
        switch (kind) {
            case LOG:
                matches = isTimedFile(file, account + "_CloudTrail_" + region + "_" + compactDate + "T");
                break;
            case INSIGHT:
                matches = isTimedFile(file, account + "_CloudTrail-Insight_" + region + "_" + compactDate + "T");
                break;
            case DIGEST:
                matches = isDigestFile(file, account + "_CloudTrail-Digest_" + region + "_", compactDate);
                break;
            default:
                matches = false;
        }
        if (matches) out.kind = kind;
    }

    /** {@code <head>HHmmZ_UNIQUE.json[.gz]} where head ends with the date and {@code T}. */
    private static boolean isTimedFile(String file, String head) {
        String base = stripJsonExtension(file);
        if (base == null || !base.startsWith(head)) return false;
        int p = head.length();
        if (base.length() != p + 4 + 1 + 1 + UNIQUE_LENGTH) return false;
        if (!isTime(base, p, false) || base.charAt(p + 4) != 'Z' || base.charAt(p + 5) != '_') return false;
        return isAlphanumeric(base, p + 6, base.length());
    }

    /** {@code <head>TRAIL_HOMEREGION_YYYYMMDDTHHmmssZ[_backfill].json.gz}. */
    private static boolean isDigestFile(String file, String head, String compactDate) {
        String base = stripJsonExtension(file);
        if (base == null || !base.startsWith(head)) return false;
        String rest = base.substring(head.length());
        if (rest.endsWith("_backfill")) rest = rest.substring(0, rest.length() - "_backfill".length());
        int lastUnderscore = rest.lastIndexOf('_');
        if (lastUnderscore < 0) return false;
        String stamp = rest.substring(lastUnderscore + 1);
        // YYYYMMDDTHHmmssZ
        if (stamp.length() != 16
                || !stamp.startsWith(compactDate)
                || stamp.charAt(8) != 'T'
                || stamp.charAt(15) != 'Z'
                || !isTime(stamp, 9, true)) {
            return false;
        }
        String trailAndHome = rest.substring(0, lastUnderscore);
        int homeAt = trailAndHome.lastIndexOf('_');
        if (homeAt <= 0 || !isRegion(trailAndHome, homeAt + 1, trailAndHome.length())) return false;
        return isTrailName(trailAndHome, 0, homeAt);
    }

    private static String stripJsonExtension(String file) {
        if (file.endsWith(".json.gz")) return file.substring(0, file.length() - ".json.gz".length());
        if (file.endsWith(".json")) return file.substring(0, file.length() - ".json".length());
        return null;
    }

    // --- token checks -------------------------------------------------------------------------------

    private static int segmentEnd(String key, int from) {
        int slash = key.indexOf('/', from);
        return slash < 0 ? key.length() : slash;
    }

    /** {@code o-} and 10 to 32 lower-case letters or digits. */
    static boolean isOrganizationId(String s, int from, int to) {
        int n = to - from - 2;
        if (n < 10 || n > 32 || s.charAt(from) != 'o' || s.charAt(from + 1) != '-') return false;
        for (int i = from + 2; i < to; i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return false;
        }
        return true;
    }

    static boolean isAccountId(String s, int from, int to) {
        if (to - from != 12) return false;
        for (int i = from; i < to; i++) {
            if (!isDigit(s.charAt(i))) return false;
        }
        return true;
    }

    /**
     * An AWS region name: lower-case words joined by dashes and a number, e.g. {@code us-east-1},
     * {@code us-gov-west-1}, {@code cn-northwest-1}, {@code eusc-de-east-1}.
     */
    static boolean isRegion(String s, int from, int to) {
        int length = to - from;
        if (length < 6 || length > 32) return false;
        int lastDash = s.lastIndexOf('-', to - 1);
        if (lastDash < from) return false;
        int digits = to - lastDash - 1;
        if (digits < 1 || digits > 2) return false;
        for (int i = lastDash + 1; i < to; i++) {
            if (!isDigit(s.charAt(i))) return false;
        }
        int words = 0;
        int wordLength = 0;
        for (int i = from; i < lastDash; i++) {
            char c = s.charAt(i);
            if (c == '-') {
                if (wordLength == 0) return false;
                words++;
                wordLength = 0;
            } else if (c >= 'a' && c <= 'z') {
                wordLength++;
            } else {
                return false;
            }
        }
        if (wordLength == 0) return false;
        words++;
        return words >= 2;
    }

    private static boolean isTrailName(String s, int from, int to) {
        if (to <= from) return false;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!(isAsciiAlphanumeric(c) || c == '.' || c == '_' || c == '-')) return false;
        }
        return true;
    }

    private static boolean isDate(String yyyy, String mm, String dd) {
        if (!isAllDigits(yyyy) || !isAllDigits(mm) || !isAllDigits(dd)) return false;
        int year = Integer.parseInt(yyyy);
        int month = Integer.parseInt(mm);
        int day = Integer.parseInt(dd);
        if (year < 2000 || month < 1 || month > 12 || day < 1) return false;
        return day <= java.time.YearMonth.of(year, month).lengthOfMonth();
    }

    /** {@code HHmm} (or {@code HHmmss}) at {@code at}. */
    private static boolean isTime(String s, int at, boolean seconds) {
        int length = seconds ? 6 : 4;
        if (s.length() < at + length) return false;
        for (int i = at; i < at + length; i++) {
            if (!isDigit(s.charAt(i))) return false;
        }
        int hour = (s.charAt(at) - '0') * 10 + (s.charAt(at + 1) - '0');
        int minute = (s.charAt(at + 2) - '0') * 10 + (s.charAt(at + 3) - '0');
        int second = seconds ? (s.charAt(at + 4) - '0') * 10 + (s.charAt(at + 5) - '0') : 0;
        return hour < 24 && minute < 60 && second < 60;
    }

    private static boolean isAlphanumeric(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isAsciiAlphanumeric(s.charAt(i))) return false;
        }
        return to > from;
    }

    private static boolean isAllDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isDigit(s.charAt(i))) return false;
        }
        return !s.isEmpty();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
