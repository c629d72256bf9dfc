package io.trailstream.object.gzip;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Decompresses a gzip stream of one or more members (RFC 1952).
 *
 * <p>It exists because {@link java.util.zip.GZIPInputStream} before Java 23 decides whether another
 * member follows from {@code available()}, which a network stream may report as 0 at a member
 * boundary: the rest of the file is then silently dropped. Here the next bytes are read instead.
 * Trailing zero bytes (padding) are accepted; any other trailing data is an error, as is a bad CRC or
 * length.
 */
final class GzipMembersInputStream extends InputStream {
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;
    private static final int RESERVED = 0xe0;

    private final InputStream in;
    private final byte[] buf;
    /** Compressed bytes not yet given to the inflater or the header/trailer readers: {@code buf[pos, limit)}. */
    private int pos;

    private int limit;
    /** Bytes read from {@code in} before the current buffer's content: {@code buf[0]} is at this offset. */
    private long bufferStart;
    /** Offset just after the first member's trailer, -1 until it is read. */
    private long firstMemberEnd = -1;

    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private long memberSize;
    private boolean inflaterHasInput;
    private boolean eof;
    private boolean closed;
    private final byte[] single = new byte[1];

    GzipMembersInputStream(InputStream in, int bufferSize) throws IOException {
        this.in = in;
        this.buf = new byte[bufferSize];
        try {
            readHeader(readByte(), readByte());
        } catch (IOException | RuntimeException e) {
            inflater.end();
            throw e;
        }
    }

    @Override
    public int read() throws IOException {
        int n = read(single, 0, 1);
        return n < 0 ? -1 : single[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) throw new IOException("stream closed");
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) return 0;
        while (!eof) {
            if (!inflaterHasInput || inflater.needsInput()) {
                if (pos >= limit) fill("truncated gzip data");
                inflater.setInput(buf, pos, limit - pos);
                pos = limit;
                inflaterHasInput = true;
            }
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw new ZipException("corrupt gzip data: " + e.getMessage());
            }
            if (n > 0) {
                crc.update(b, off, n);
                memberSize += n;
                return n;
            }
            if (inflater.finished()) {
                pos = limit - inflater.getRemaining();
                inflaterHasInput = false;
                endMember();
            } else if (inflater.needsDictionary()) {
                throw new ZipException("gzip data needs a preset dictionary");
            }
        }
        return -1;
    }

    /** Checks the trailer, then starts the next member, or ends the stream. */
    private void endMember() throws IOException {
        long expectedCrc = readIntLE();
        long expectedSize = readIntLE();
        if (expectedCrc != crc.getValue()) throw new ZipException("gzip CRC mismatch");
        if (expectedSize != (memberSize & 0xffffffffL)) throw new ZipException("gzip length mismatch");
        if (firstMemberEnd < 0) firstMemberEnd = bufferStart + pos;
        int b1 = readByteOrEof();
        if (b1 < 0) {
            eof = true;
            return;
        }
        if (b1 == 0) {
            skipZeroPadding();
            eof = true;
            return;
        }
        int b2 = readByteOrEof();
        readHeader(b1, b2);
        inflater.reset();
        crc.reset();
        memberSize = 0;
    }

    private void readHeader(int magic1, int magic2) throws IOException {
        if (magic1 != 0x1f || magic2 != 0x8b) throw new ZipException("data after gzip member is not gzip");
        if (readByte() != 8) throw new ZipException("unsupported gzip compression method");
        int flags = readByte();
        if ((flags & RESERVED) != 0) throw new ZipException("reserved gzip header flags set");
        for (int i = 0; i < 6; i++) readByte(); // MTIME, XFL, OS
        if ((flags & FEXTRA) != 0) {
            int length = readByte() | (readByte() << 8);
            for (int i = 0; i < length; i++) readByte();
        }
        if ((flags & FNAME) != 0) skipZeroTerminated();
        if ((flags & FCOMMENT) != 0) skipZeroTerminated();
        if ((flags & FHCRC) != 0) {
            readByte();
            readByte();
        }
    }

    private void skipZeroTerminated() throws IOException {
        while (readByte() != 0) {
            // skip
        }
    }

    private void skipZeroPadding() throws IOException {
        int b;
        while ((b = readByteOrEof()) >= 0) {
            if (b != 0) throw new ZipException("data after gzip member is not gzip");
        }
    }

    private long readIntLE() throws IOException {
        return (long) readByte() | ((long) readByte() << 8) | ((long) readByte() << 16) | ((long) readByte() << 24);
    }

    private int readByte() throws IOException {
        if (pos >= limit) fill("truncated gzip header or trailer");
        return buf[pos++] & 0xff;
    }

    private int readByteOrEof() throws IOException {
        if (pos >= limit) {
            int n = in.read(buf, 0, buf.length);
            if (n < 0) return -1;
            bufferStart += limit;
            pos = 0;
            limit = n;
            if (n == 0) return readByteOrEof();
        }
        return buf[pos++] & 0xff;
    }

    private void fill(String whatIfEof) throws IOException {
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) throw new EOFException(whatIfEof);
        bufferStart += limit;
        pos = 0;
        limit = n;
    }

    /**
     * The offset in the compressed input just after the first member's trailer (its CRC and length checked), or
     * -1 until the first member has been read to its end. What follows it (another member, padding, garbage) is
     * data after the end of the first gzip stream.
     */
    long firstMemberEnd() {
        return firstMemberEnd;
    }

    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        inflater.end();
        in.close();
    }
}
