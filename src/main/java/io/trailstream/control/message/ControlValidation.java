package io.trailstream.control.message;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The value rules of control messages, in one place so that the job's parser, the config loader and
 * the ops command line reject exactly the same things.
 */
public final class ControlValidation {
    private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");
    private static final Pattern ORGANIZATION_ID = Pattern.compile("o-[a-z0-9]{10,32}");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern S3_BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+");
    public static final int MAX_TEXT = 256;
    public static final int MAX_PREFIX = 1024;

    private ControlValidation() {}

    /** An AWS account id: exactly 12 digits. */
    public static boolean isAccountId(String s) {
        return s != null && ACCOUNT_ID.matcher(s).matches();
    }

    /** An AWS Organization id: {@code o-} and 10 to 32 lower-case letters or digits. */
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");

    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");

    /** An IAM role ARN ({@code arn:aws:iam::123456789012:role/path/name}). */
    public static boolean isRoleArn(String s) {
        return s != null && ROLE_ARN.matcher(s).matches();
    }

    /** An STS external id: 2-1224 characters of letters, digits and {@code +=,.@:/-}. */
    public static boolean isExternalId(String s) {
        return s != null && EXTERNAL_ID.matcher(s).matches();
    }

    public static boolean isOrganizationId(String s) {
        return s != null && ORGANIZATION_ID.matcher(s).matches();
    }

    /**
     * A message, integration or tenant id: a letter or digit, then up to 127 letters, digits, dots,
     * underscores or hyphens (safe in file names and Kinesis partition keys).
     */
    public static boolean isIdentifier(String s) {
        return s != null && IDENTIFIER.matcher(s).matches();
    }

    /**
     * A plausible bucket: an S3 bucket name (3 to 63 lower-case letters, digits, dots, hyphens, starting
     * and ending with a letter or digit, no "..", not an IP address) or, for the embedded run where a
     * local folder plays the bucket, an absolute path.
     */
    public static boolean isBucket(String s) {
        if (s == null) return false;
        if (s.startsWith("/")) return s.length() > 1 && isPlainText(s, 4096);
        return S3_BUCKET.matcher(s).matches()
                && !s.contains("..")
                && !IP_ADDRESS.matcher(s).matches();
    }

    /** A key prefix (already normalized): no empty path segments, no control characters, not too long. */
    public static boolean isPrefix(String s) {
        return s == null || (isPlainText(s, MAX_PREFIX) && !s.contains("//"));
    }

    /** Free text such as an author or a display name: not blank, no control characters, at most {@code max} chars. */
    public static boolean isText(String s, int max) {
        return s != null && !s.isBlank() && isPlainText(s, max);
    }

    private static boolean isPlainText(String s, int max) {
        if (s.length() > max) return false;
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) return false;
        }
        return true;
    }

    /** The first entry of {@code accounts} that is not an account id, or null when all are. */
    public static String firstBadAccount(Collection<String> accounts) {
        for (String a : accounts) {
            if (!isAccountId(a)) return a;
        }
        return null;
    }

    /** Sorted, without duplicates: the one form an include-list is kept in, so equal lists compare equal. */
    public static List<String> canonicalAccounts(Collection<String> accounts) {
        return new java.util.ArrayList<>(new TreeSet<>(accounts));
    }
}
