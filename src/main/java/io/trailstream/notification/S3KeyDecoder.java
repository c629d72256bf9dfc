package io.trailstream.notification;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes object keys as S3 event notifications and EventBridge encode them: form style, so {@code +}
 * is a space and {@code %XX} escapes are UTF-8 bytes ({@code %2B} is a plus).
 *
 * <p>Unlike {@link java.net.URLDecoder} it is strict: a broken escape or bytes that are not UTF-8 give
 * {@code null} rather than a key with replacement characters that would name a different object.
 */
public final class S3KeyDecoder {

    private S3KeyDecoder() {}

    /** The decoded key, or null when {@code encoded} is not a valid form-encoded UTF-8 string. */
    public static String decode(String encoded) {
        int firstSpecial = -1;
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%' || c == '+') {
                firstSpecial = i;
                break;
            }
        }
        if (firstSpecial < 0) return encoded;

        StringBuilder out = new StringBuilder(encoded.length());
        out.append(encoded, 0, firstSpecial);
        byte[] bytes = null;
        int i = firstSpecial;
        while (i < encoded.length()) {
            char c = encoded.charAt(i);
            if (c == '+') {
                out.append(' ');
                i++;
            } else if (c == '%') {
                // A run of escapes is one UTF-8 byte sequence: decode it as a whole.
                if (bytes == null) bytes = new byte[(encoded.length() - i) / 3 + 1];
                int n = 0;
                while (i < encoded.length() && encoded.charAt(i) == '%') {
                    if (i + 2 >= encoded.length()) return null;
                    int hi = Character.digit(encoded.charAt(i + 1), 16);
                    int lo = Character.digit(encoded.charAt(i + 2), 16);
                    if (hi < 0 || lo < 0) return null;
                    bytes[n++] = (byte) ((hi << 4) | lo);
                    i += 3;
                }
                if (!appendUtf8(out, bytes, n)) return null;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static boolean appendUtf8(StringBuilder out, byte[] bytes, int n) {
        boolean ascii = true;
        for (int k = 0; k < n; k++) {
            if (bytes[k] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            for (int k = 0; k < n; k++) out.append((char) bytes[k]);
            return true;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes, 0, n));
            out.append(chars);
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
