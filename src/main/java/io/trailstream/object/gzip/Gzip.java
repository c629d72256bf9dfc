package io.trailstream.object.gzip;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;

/**
 * Opens an object's bytes for reading whether or not they are gzip: CloudTrail files are gzip, but a
 * name says nothing reliable (a {@code .json.gz} may have been stored decompressed, a local test file
 * may be plain JSON), so the decision is made from the first two bytes ({@code 1f 8b}).
 */
public final class Gzip {
    /** Compressed bytes read from the source per call: large enough to keep S3 and inflate busy. */
    public static final int BUFFER_SIZE = 64 * 1024;

    private static final int MAGIC_1 = 0x1f;
    private static final int MAGIC_2 = 0x8b;

    private Gzip() {}

    /**
     * The decompressed stream if {@code in} starts with the gzip magic bytes, else {@code in}'s bytes
     * unchanged. Every gzip member is read (concatenated members are one file), each one's CRC and
     * length are checked. Closing the result closes {@code in}.
     */
    public static InputStream decompressIfGzip(InputStream in) throws IOException {
        PushbackInputStream source = new PushbackInputStream(in, 2);
        byte[] head = new byte[2];
        int n = 0;
        while (n < 2) {
            int r = source.read(head, n, 2 - n);
            if (r < 0) break;
            n += r;
        }
        if (n > 0) source.unread(head, 0, n);
        if (n == 2 && (head[0] & 0xff) == MAGIC_1 && (head[1] & 0xff) == MAGIC_2) {
            return new GzipMembersInputStream(source, BUFFER_SIZE);
        }
        return source;
    }

    /**
     * For a stream from {@link #decompressIfGzip}: the offset in the compressed bytes just after the end of the
     * first gzip member (CRC and length checked), or -1 when the stream is not gzip or the first member was not
     * read to its end. A file of {@code n} compressed bytes has {@code n - firstMemberEnd} bytes after its first
     * gzip stream: CloudTrail writes one member, so anything after it (another member, zero padding, garbage) is
     * not what CloudTrail wrote, even where the decompressed content reads well.
     */
    public static long firstMemberEnd(InputStream decompressed) {
        return decompressed instanceof GzipMembersInputStream
                ? ((GzipMembersInputStream) decompressed).firstMemberEnd()
                : -1;
    }

    /** Whether {@code bytes} start with the gzip magic. */
    public static boolean hasGzipMagic(byte[] bytes) {
        return bytes != null && bytes.length >= 2 && (bytes[0] & 0xff) == MAGIC_1 && (bytes[1] & 0xff) == MAGIC_2;
    }
}
