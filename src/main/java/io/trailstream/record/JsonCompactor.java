package io.trailstream.record;

/**
 * Removes the insignificant whitespace from valid JSON bytes, leaving every token byte for byte as it was
 * (number text, string escapes). CloudTrail writes compact JSON, so the usual call only scans and changes
 * nothing; pretty-printed input still yields the compact {@code raw} the table promises.
 */
final class JsonCompactor {
    private JsonCompactor() {}

    /** {@code json} without insignificant whitespace: the array itself when it had none, else a shorter copy. */
    static byte[] compacted(byte[] json) {
        int length = compact(json, json.length);
        return length == json.length ? json : java.util.Arrays.copyOf(json, length);
    }

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
     * Index of the first whitespace byte outside a string, or -1. This scan runs over every record, so it is
     * written for the JIT of a short run (C1, which neither unrolls loops nor drops their safepoint polls): eight
     * bytes are compared per iteration while all are above {@code '"'} (letters, digits, and punctuation other
     * than the quote; whitespace, the quote and control bytes are below), and only a group holding a lower byte,
     * or a byte of a multi-byte UTF-8 character (negative as a Java byte), is looked at byte by byte. Escapes need
     * no state: a quote ends a string unless an odd number of backslashes stands right before it.
     */
    static int firstWhitespace(byte[] json, int length) {
        boolean inString = false;
        int i = 0;
        while (i < length) {
            int groups = length - 8;
            while (i <= groups
                    && json[i] > '"'
                    && json[i + 1] > '"'
                    && json[i + 2] > '"'
                    && json[i + 3] > '"'
                    && json[i + 4] > '"'
                    && json[i + 5] > '"'
                    && json[i + 6] > '"'
                    && json[i + 7] > '"') {
                i += 8;
            }
            for (int end = Math.min(length, i + 8); i < end; i++) {
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
