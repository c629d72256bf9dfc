package io.trailstream.record;

/**
 * What parsing one log file gave: how many rows were delivered, how many array elements were not records, how
 * many decompressed bytes were read, and whether the file was whole. Rows already delivered stay delivered
 * whatever the status: a file that breaks mid-way still yields the records before the break.
 *
 * @param status         OK, NOT_CLOUDTRAIL or MALFORMED
 * @param recordsEmitted rows handed to the consumer
 * @param recordsSkipped elements of {@code Records} that were not JSON objects (strings, numbers, arrays, null)
 * @param bytesRead      decompressed bytes read from the stream (Jackson reads ahead, so up to 8 KB past an error)
 * @param errorOffset    byte offset of the error in the decompressed stream, or -1
 * @param error          what went wrong, with its offset; null when status is OK
 * @param oversized      records skipped because they were larger than the parser's limit; never null
 */
public record ParseSummary(
        Status status,
        long recordsEmitted,
        long recordsSkipped,
        long bytesRead,
        long errorOffset,
        String error,
        Oversized oversized) {

    /** A summary of a file in which no record was over the limit. */
    public ParseSummary(
            Status status, long recordsEmitted, long recordsSkipped, long bytesRead, long errorOffset, String error) {
        this(status, recordsEmitted, recordsSkipped, bytesRead, errorOffset, error, Oversized.NONE);
    }

    /**
     * The records of a file that were larger than the limit and so were skipped, unbuffered: how many, where the
     * first one began (byte offset in the decompressed stream, -1 for none) and the size of the largest.
     *
     * @param limit the limit they exceeded, in bytes
     */
    public record Oversized(long count, long firstOffset, long largestBytes, long limit) {
        public static final Oversized NONE = new Oversized(0, -1, 0, 0);

        /** What a ledger reason says of them; empty when there were none. */
        public String describe() {
            if (count == 0) return "";
            return String.format(
                    java.util.Locale.ROOT,
                    "%d record%s larger than the %,d-byte limit skipped (the first at byte %d, the largest %,d bytes)",
                    count,
                    count == 1 ? "" : "s",
                    limit,
                    firstOffset,
                    largestBytes);
        }
    }

    /** How a file ended. */
    public enum Status {
        /** The whole file was {@code {"Records":[...]}} and was read to its end. */
        OK,
        /** Valid JSON but not a CloudTrail log file (a digest file, {@code {}}, an array...): no rows. */
        NOT_CLOUDTRAIL,
        /** Invalid JSON, a truncated file or corrupt compressed data: rows before the error were delivered. */
        MALFORMED
    }

    public boolean isOk() {
        return status == Status.OK;
    }
}
