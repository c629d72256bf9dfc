package io.trailstream.object;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Computes the SHA-256 of the bytes read through it, in the same pass as whoever reads them (the parser): what a
 * CloudTrail digest lists of a log file is the SHA-256 of its uncompressed bytes, and the job proves it read
 * exactly those. {@link #drainAndHash()} reads what the reader left (whitespace after the JSON, say) so the hash
 * covers the whole stream.
 */
final class HashingInputStream extends FilterInputStream {
    private final MessageDigest sha256;
    private final byte[] skipBuffer = new byte[8192];

    /** @param sha256 a fresh SHA-256 digest ({@link Sha256Digests#newDigest()}) */
    HashingInputStream(InputStream in, MessageDigest sha256) {
        super(in);
        this.sha256 = sha256;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) sha256.update((byte) b);
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) sha256.update(buf, off, n);
        return n;
    }

    /** Skipped bytes are read and hashed too: a skip must not leave a hole in the hash. */
    @Override
    public long skip(long n) throws IOException {
        long skipped = 0;
        while (skipped < n) {
            int r = read(skipBuffer, 0, (int) Math.min(skipBuffer.length, n - skipped));
            if (r < 0) break;
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Reads the stream to its end and returns the lower-case hex SHA-256 of everything read through it. */
    String drainAndHash() throws IOException {
        while (read(skipBuffer, 0, skipBuffer.length) >= 0) {
            // hashed by read
        }
        return hashOfWhatWasRead();
    }

    /** The lower-case hex SHA-256 of the bytes read so far; the stream is then done with. */
    String hashOfWhatWasRead() {
        return HexFormat.of().formatHex(sha256.digest());
    }
}
