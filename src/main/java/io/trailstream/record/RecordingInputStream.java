package io.trailstream.record;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Passes the decompressed bytes through to Jackson and keeps the recent ones, so that a record's original
 * bytes can be sliced out by the parser's byte offsets once the record has been parsed: {@code raw} is then
 * the record as delivered (numbers and escapes untouched) at the cost of one copy, with no second
 * serialization. Only the pinned record (plus a short tail for Jackson's read-ahead) is kept, never the file.
 *
 * <p>Offsets are counted from the start of the stream, as Jackson's byte-based locations are. Closing this
 * stream does not close the source: the caller owns it.
 */
final class RecordingInputStream extends InputStream {
    /** Bytes kept behind the read position when nothing is pinned; far above Jackson's 8000-byte reads. */
    private static final int TAIL = 64 * 1024;

    private InputStream source;
    private byte[] buffer = new byte[256 * 1024];
    private long base;
    private int length;
    private long pinned = -1;
    private int largestRead;

    /** Starts over on a new source; the buffer is reused. */
    void reset(InputStream newSource) {
        source = newSource;
        base = 0;
        length = 0;
        pinned = -1;
        largestRead = 0;
    }

    /** Bytes read from the source so far. */
    long position() {
        return base + length;
    }

    /** Keeps every byte from {@code offset} on until {@link #unpin()}. */
    void pin(long offset) {
        if (offset < base || offset > position()) {
            throw new IllegalStateException(
                    "offset " + offset + " is no longer buffered (" + base + ".." + position() + ")");
        }
        pinned = offset;
    }

    void unpin() {
        pinned = -1;
    }

    /** A copy of the bytes {@code [from, to)}, which must be pinned. */
    byte[] copy(long from, long to) {
        if (from < base || to > position() || from > to) {
            throw new IllegalStateException(
                    "bytes " + from + ".." + to + " are not buffered (" + base + ".." + position() + ")");
        }
        return Arrays.copyOfRange(buffer, (int) (from - base), (int) (to - base));
    }

    /**
     * The bytes of the JSON string whose opening quote is at {@code quote} (pinned, and read past its closing
     * quote), without the quotes; null when the string holds an escape and so must be decoded.
     */
    byte[] stringBody(long quote) {
        int from = index(quote) + 1;
        for (int i = from; i < length; i++) {
            byte b = buffer[i];
            if (b == '"') return Arrays.copyOfRange(buffer, from, i);
            if (b == '\\') return null;
        }
        throw new IllegalStateException("the string at " + quote + " is not buffered whole");
    }

    /** The offset just past the closing quote of the JSON string whose opening quote is at {@code quote}. */
    long stringEnd(long quote) {
        for (int i = index(quote) + 1; i < length; i++) {
            byte b = buffer[i];
            if (b == '\\') {
                i++;
            } else if (b == '"') {
                return base + i + 1;
            }
        }
        throw new IllegalStateException("the string at " + quote + " is not buffered whole");
    }

    private int index(long offset) {
        if (offset < base || offset >= position()) {
            throw new IllegalStateException("offset " + offset + " is not buffered (" + base + ".." + position() + ")");
        }
        return (int) (offset - base);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = source.read(b, off, len);
        if (n > 0) append(b, off, n);
        return n;
    }

    @Override
    public int read() throws IOException {
        int b = source.read();
        if (b >= 0) {
            if (length == buffer.length) makeRoom(1);
            buffer[length++] = (byte) b;
        }
        return b;
    }

    @Override
    public int available() throws IOException {
        return source.available();
    }

    @Override
    public void close() {
        // The caller owns the source.
    }

    private void append(byte[] b, int off, int n) {
        largestRead = Math.max(largestRead, n);
        if (length + n > buffer.length) makeRoom(n);
        System.arraycopy(b, off, buffer, length, n);
        length += n;
    }

    private void makeRoom(int n) {
        long keepFrom = pinned >= 0 ? pinned : Math.max(base, position() - Math.max(TAIL, 2L * largestRead));
        int drop = (int) (keepFrom - base);
        if (drop > 0) {
            System.arraycopy(buffer, drop, buffer, 0, length - drop);
            length -= drop;
            base = keepFrom;
        }
        if (length + n > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + n));
        }
    }
}
