package io.trailstream.record;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.zip.ZipException;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;

/**
 * Streams a CloudTrail log file ({@code {"Records":[...]}}, already decompressed) into {@code events} rows, one
 * record at a time: tokens go straight into the row's columns and the record's original bytes become its
 * {@code raw} in the same pass, so neither the file nor a JSON tree of a record is ever built.
 *
 * <p>Each complete record is handed to the consumer as soon as it is read, so a file that breaks mid-way still
 * yields every record before the break; the returned {@link ParseSummary} then says MALFORMED and where.
 *
 * <pre>{@code
 * CloudTrailRecordParser parser = new CloudTrailRecordParser(); // one per thread, reused for every file
 * try (InputStream in = new GZIPInputStream(object)) {
 *     ParseSummary summary = parser.parse(in, new RecordContext(integrationId, bucket, key, Instant.now()), out::collect);
 * }
 * }</pre>
 *
 * <p>A record larger than the parser's limit is skipped as it streams past: its bytes are not kept beyond the
 * limit, no column of it is built, and the summary counts it ({@link ParseSummary#oversized()}); the records
 * around it are parsed as usual. Memory per parser is thus bounded by the limit, whatever the input.
 *
 * <p>Not thread-safe: it reuses its buffers from file to file. It does not close the stream.
 */
public final class CloudTrailRecordParser {
    private static final JsonFactory JSON =
            JsonFactory.builder().disable(StreamReadFeature.AUTO_CLOSE_SOURCE).build();
    private static final String RECORDS = "Records";

    /** The default limit of one record: far above the largest real CloudTrail record (a few hundred KB). */
    public static final long DEFAULT_MAX_RECORD_BYTES = 16L * 1024 * 1024;

    private final long maxRecordBytes;
    private final RecordingInputStream bytes;
    private final RowReader reader;

    /** A parser that skips records larger than {@link #DEFAULT_MAX_RECORD_BYTES}. */
    public CloudTrailRecordParser() {
        this(DEFAULT_MAX_RECORD_BYTES);
    }

    /** A parser that skips records larger than {@code maxRecordBytes} (their bytes from start to end). */
    public CloudTrailRecordParser(long maxRecordBytes) {
        if (maxRecordBytes < 1) throw new IllegalArgumentException("maxRecordBytes must be positive");
        this.maxRecordBytes = maxRecordBytes;
        this.bytes = new RecordingInputStream(maxRecordBytes);
        this.reader = new RowReader(bytes);
    }

    /**
     * Parses one decompressed log file and hands each record's row to {@code out}, in file order.
     *
     * @throws IOException when reading the stream fails for another reason than its content (a broken
     *     connection, say): the file should be read again. Truncated or corrupt content is not thrown but
     *     reported as MALFORMED.
     */
    public ParseSummary parse(InputStream decompressed, RecordContext context, Consumer<RowData> out)
            throws IOException {
        bytes.reset(decompressed);
        Lineage lineage = new Lineage(context);
        FileState state = new FileState(maxRecordBytes);
        try (JsonParser parser = JSON.createParser(bytes)) {
            reader.use(parser);
            return readFile(parser, lineage, out, state);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            long offset = at != null && at.getByteOffset() >= 0 ? at.getByteOffset() : bytes.position();
            return state.malformed(bytes.position(), offset, e.getOriginalMessage());
        } catch (EOFException | ZipException e) {
            return state.malformed(bytes.position(), bytes.position(), "compressed stream broken: " + e.getMessage());
        } finally {
            bytes.unpin();
        }
    }

    private ParseSummary readFile(JsonParser parser, Lineage lineage, Consumer<RowData> out, FileState state)
            throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) return state.malformed(bytes.position(), 0, "empty input");
        if (parser.currentTokenLocation().getByteOffset() < 0) {
            return state.malformed(bytes.position(), 0, "not UTF-8 encoded");
        }
        if (token != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return state.end(parser, bytes.position(), "top level is " + describe(token) + ", not {\"Records\":[...]}");
        }
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            boolean records = RECORDS.equals(parser.currentName());
            token = parser.nextToken();
            if (records && token == JsonToken.START_ARRAY) {
                state.sawRecords = true;
                readRecords(parser, lineage, out, state);
            } else {
                parser.skipChildren();
            }
        }
        return state.end(parser, bytes.position(), state.sawRecords ? null : "no \"Records\" array at the top level");
    }

    private void readRecords(JsonParser parser, Lineage lineage, Consumer<RowData> out, FileState state)
            throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token != JsonToken.START_OBJECT) {
                parser.skipChildren();
                state.skipped++;
                continue;
            }
            long start = parser.currentTokenLocation().getByteOffset();
            bytes.pin(start);
            GenericRowData row = reader.readRecord(EventLayout.EVENTS);
            long end = parser.currentLocation().getByteOffset();
            if (bytes.overflowed() || end - start > maxRecordBytes) {
                bytes.unpin();
                state.oversized(start, end - start);
                continue;
            }
            row.setField(EventLayout.RAW, StringData.fromBytes(reader.finishRecord(start, end)));
            bytes.unpin();
            lineage.fill(row);
            state.emitted++;
            out.accept(row);
        }
    }

    private static String describe(JsonToken token) {
        switch (token) {
            case START_ARRAY:
                return "an array";
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a number";
            default:
                return token.asString();
        }
    }

    /** Counts for the file being parsed, and how it ended. */
    private static final class FileState {
        private final long limit;
        long emitted;
        long skipped;
        boolean sawRecords;
        long oversized;
        long firstOversized = -1;
        long largestOversized;

        FileState(long limit) {
            this.limit = limit;
        }

        void oversized(long offset, long size) {
            if (oversized++ == 0) firstOversized = offset;
            largestOversized = Math.max(largestOversized, size);
        }

        private ParseSummary.Oversized oversized() {
            return oversized == 0
                    ? ParseSummary.Oversized.NONE
                    : new ParseSummary.Oversized(oversized, firstOversized, largestOversized, limit);
        }

        /** After the root value: OK, or NOT_CLOUDTRAIL with {@code notCloudTrail}; content after it is MALFORMED. */
        ParseSummary end(JsonParser parser, long bytesRead, String notCloudTrail) throws IOException {
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                long offset = parser.currentTokenLocation().getByteOffset();
                return malformed(bytesRead, offset, "content after the top-level value at byte " + offset);
            }
            if (notCloudTrail != null) {
                return new ParseSummary(
                        ParseSummary.Status.NOT_CLOUDTRAIL,
                        emitted,
                        skipped,
                        bytesRead,
                        -1,
                        notCloudTrail,
                        oversized());
            }
            return new ParseSummary(ParseSummary.Status.OK, emitted, skipped, bytesRead, -1, null, oversized());
        }

        ParseSummary malformed(long bytesRead, long offset, String message) {
            String error = message + " (at byte " + offset + ", after " + emitted + " records)";
            return new ParseSummary(
                    ParseSummary.Status.MALFORMED, emitted, skipped, bytesRead, offset, error, oversized());
        }
    }

    /** The lineage columns of one file, encoded once and shared (immutable) by all its rows. */
    private static final class Lineage {
        private final byte[] integrationId;
        private final byte[] sourceBucket;
        private final byte[] sourceKey;
        private final TimestampData ingestedAt;

        Lineage(RecordContext context) {
            integrationId = context.integrationId().getBytes(StandardCharsets.UTF_8);
            sourceBucket = context.sourceBucket().getBytes(StandardCharsets.UTF_8);
            sourceKey = context.sourceKey().getBytes(StandardCharsets.UTF_8);
            ingestedAt = TimestampData.fromInstant(context.ingestedAt());
        }

        void fill(GenericRowData row) {
            row.setField(EventLayout.INTEGRATION_ID, StringData.fromBytes(integrationId));
            row.setField(EventLayout.SOURCE_BUCKET, StringData.fromBytes(sourceBucket));
            row.setField(EventLayout.SOURCE_KEY, StringData.fromBytes(sourceKey));
            row.setField(EventLayout.INGESTED_AT, ingestedAt);
        }
    }
}
