package io.trailstream.object;

import io.trailstream.ledger.LedgerRow;
import io.trailstream.object.gzip.Gzip;
import java.io.IOException;
import java.io.InputStream;

/**
 * Finishes the content hash of one object after the parser is done with its stream: reads what is left (so the
 * hash covers every uncompressed byte) and records in the ledger row the SHA-256 and how many compressed bytes
 * follow the end of the first gzip member. Where the stream breaks after the first member was read whole (garbage
 * after the gzip stream), the hash of what was read and the trailing byte count are still recorded: that is the
 * case a digest check must see. A stream that breaks inside the first member leaves no hash.
 */
final class ContentHash {
    private ContentHash() {}

    /**
     * @param hashing the stream the parser read, over {@code decompressed}
     * @param decompressed what {@link Gzip#decompressIfGzip} returned
     * @param storedLength the object's compressed size
     */
    static void record(LedgerRow row, HashingInputStream hashing, InputStream decompressed, long storedLength) {
        String sha256;
        try {
            sha256 = hashing.drainAndHash();
        } catch (IOException | RuntimeException broken) {
            sha256 = Gzip.firstMemberEnd(decompressed) >= 0 ? hashing.hashOfWhatWasRead() : null;
        }
        row.sha256 = sha256;
        long end = Gzip.firstMemberEnd(decompressed);
        if (end >= 0 && end < storedLength) row.gzipTrailingBytes = storedLength - end;
    }
}
