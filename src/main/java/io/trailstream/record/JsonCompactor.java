package io.trailstream.record;

/**
 * Removes the insignificant whitespace from valid JSON bytes, leaving every token byte for byte as it was
 * (number text, string escapes). CloudTrail writes compact JSON, so the usual call only scans and changes
 * nothing; pretty-printed input still yields the compact {@code raw} the table promises.
 */
final class JsonCompactor {
    private JsonCompactor() {}

    /** Compacts {@code json[0, length)} in place and returns the new length. */
    static int compact(byte[] json, int length) {
        int first = firstWhitespace(json, length);
        if (first < 0) return length;
        int w = first;
        boolean inString = false;
        for (int r = first; r < length; r++) {
            byte b = json[r];
            if (inString) {
                json[w++] = b;
                if (b == '\\' && r + 1 < length) {
                    json[w++] = json[++r];
                } else if (b == '"') {
                    inString = false;
                }
            } else if (!isWhitespace(b)) {
                json[w++] = b;
                inString = b == '"';
            }
        }
        return w;
    }

    /**
     * Index of the first whitespace byte outside a string, or -1. This scan runs over every record and JSON
     * column, so its loop does one comparison for most bytes: letters, digits, and punctuation other than the
     * quote are all above {@code '"'} (and bytes of multi-byte UTF-8 characters are negative, never structural).
     * Escapes need no state: a quote ends a string unless an odd number of backslashes stands right before it.
     */
    static int firstWhitespace(byte[] json, int length) {
        boolean inString = false;
        for (int i = 0; i < length; i++) {
            int b = json[i] & 0xff;
            if (b > '"') continue;
            if (b == '"') {
                if (!inString) {
                    inString = true;
                } else if (!escaped(json, i)) {
                    inString = false;
                }
            } else if (!inString && isWhitespace((byte) b)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the quote at {@code quote}, inside a string, is escaped: preceded by an odd run of backslashes. */
    private static boolean escaped(byte[] json, int quote) {
        int k = quote - 1;
        while (k >= 0 && json[k] == '\\') k--;
        return ((quote - 1 - k) & 1) == 1;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }
}
