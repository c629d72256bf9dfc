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

    /** Index of the first whitespace byte outside a string, or -1. */
    private static int firstWhitespace(byte[] json, int length) {
        boolean inString = false;
        for (int i = 0; i < length; i++) {
            byte b = json[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (isWhitespace(b)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }
}
