package io.trailstream.record;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.base.ParserBase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.StringData;

/**
 * Turns the tokens of one JSON object straight into a {@link GenericRowData} laid out by a {@link StructSpec},
 * with no tree in between. Fields that are no column are skipped without decoding their strings; free-form
 * values become compact JSON sliced from the original bytes. A value of an unexpected type never fails the
 * record: the column is null or stringified ({@link FieldKind}), and {@code raw} keeps the truth.
 */
final class RowReader {
    /** Decodes escaped strings from their slices, which the record limit bounds already. */
    private static final JsonFactory ESCAPES = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE)
                    .build())
            .build();

    /** Longer than any text {@link IsoTimestamps} accepts (35 characters at most). */
    private static final int LONGEST_TIMESTAMP = 40;

    private final RecordingInputStream bytes;
    private final char[] timestampChars = new char[LONGEST_TIMESTAMP];
    private final List<Object> listScratch = new ArrayList<>();
    private final JsonColumns jsonColumns = new JsonColumns();
    private JsonParser parser;

    RowReader(RecordingInputStream bytes) {
        this.bytes = bytes;
    }

    void use(JsonParser jsonParser) {
        parser = jsonParser;
    }

    /**
     * Reads the object whose START_OBJECT is the current token, up to and including its END_OBJECT. A string
     * value is not decoded by Jackson: its bytes are sliced once Jackson has moved past it (see
     * {@link #stringAt}), so that no {@code String} is made and encoded back to UTF-8, and so that a string of
     * any length streams past without being held. Once the record has outgrown the limit
     * ({@link RecordingInputStream#overflowed()}), nothing more is sliced: the caller drops the row.
     */
    GenericRowData readStruct(StructSpec spec) throws IOException {
        GenericRowData row = new GenericRowData(spec.size());
        int pending = -1; // a column whose string value Jackson has not read yet
        long pendingQuote = 0;
        while (true) {
            JsonToken token = parser.nextToken(); // skips the pending string's bytes, validating them
            if (pending >= 0) {
                if (!bytes.overflowed()) row.setField(pending, stringValue(spec.field(pending), pendingQuote));
                pending = -1;
            }
            if (token != JsonToken.FIELD_NAME) return row;
            int position = spec.positionOfJson(parser.currentName());
            JsonToken value = parser.nextToken();
            if (position < 0) {
                parser.skipChildren();
            } else if (value == JsonToken.VALUE_STRING
                    && readsStrings(spec.field(position).kind())) {
                pending = position;
                pendingQuote = valueOffset();
            } else {
                row.setField(position, readValue(spec.field(position), value, row, position));
            }
        }
    }

    private static boolean readsStrings(FieldKind kind) {
        return kind == FieldKind.STRING
                || kind == FieldKind.JSON
                || kind == FieldKind.TIMESTAMP
                || kind == FieldKind.BOOLEAN;
    }

    /** A string value's column value, from its bytes once the parser is past it (see {@link #readsStrings}). */
    private Object stringValue(FieldSpec field, long quote) throws IOException {
        switch (field.kind()) {
            case STRING:
                return stringAt(quote);
            case JSON:
                // A JSON string token holds no insignificant whitespace: its bytes are its compact JSON.
                return StringData.fromBytes(bytes.copy(quote, bytes.stringEnd(quote)));
            case TIMESTAMP:
                return timestampAt(quote);
            case BOOLEAN:
                return booleanAt(quote);
            default:
                throw new IllegalStateException("not a string column: " + field.kind());
        }
    }

    private Object timestampAt(long quote) throws IOException {
        byte[] body = bytes.stringBody(quote);
        if (body == null) return IsoTimestamps.parse(decoded(quote));
        if (body.length > LONGEST_TIMESTAMP) return null;
        for (int i = 0; i < body.length; i++) {
            if (body[i] < 0) return IsoTimestamps.parse(new String(body, StandardCharsets.UTF_8));
            timestampChars[i] = (char) body[i];
        }
        return IsoTimestamps.parse(timestampChars, 0, body.length);
    }

    private Boolean booleanAt(long quote) throws IOException {
        byte[] body = bytes.stringBody(quote);
        String text = body == null ? decoded(quote) : body.length > 5 ? "" : new String(body, StandardCharsets.UTF_8);
        if ("true".equalsIgnoreCase(text)) return Boolean.TRUE;
        if ("false".equalsIgnoreCase(text)) return Boolean.FALSE;
        return null;
    }

    /**
     * The byte offset of the current value token (a string's opening quote). Jackson's byte parsers keep it as
     * {@code getTokenCharacterOffset() - 1}; {@code currentTokenLocation()} would allocate a location per value.
     */
    private long valueOffset() {
        if (parser instanceof ParserBase base) return base.getTokenCharacterOffset() - 1;
        return parser.currentTokenLocation().getByteOffset();
    }

    /**
     * The string value whose opening quote is at {@code quote}, once the parser is past it. Without escapes its
     * UTF-8 bytes are the value, as Jackson has just validated them; a string with escapes (rare in CloudTrail)
     * is decoded by Jackson from its slice, so both paths give what {@code getText()} would.
     */
    private StringData stringAt(long quote) throws IOException {
        byte[] body = bytes.stringBody(quote);
        if (body != null) return StringData.fromBytes(body);
        return StringData.fromBytes(decoded(quote).getBytes(StandardCharsets.UTF_8));
    }

    /** The text of the string at {@code quote}, escapes decoded by Jackson from its (pinned, bounded) slice. */
    private String decoded(long quote) throws IOException {
        try (JsonParser escaped = ESCAPES.createParser(bytes.copy(quote, bytes.stringEnd(quote)))) {
            escaped.nextToken();
            return escaped.getText();
        }
    }

    private Object readValue(FieldSpec field, JsonToken token, GenericRowData row, int position) throws IOException {
        if (token == JsonToken.VALUE_NULL) return null;
        switch (field.kind()) {
            case STRING:
                // strings are sliced in readStruct; numbers and booleans keep their JSON text
                return token.isScalarValue()
                        ? StringData.fromBytes(parser.getText().getBytes(StandardCharsets.UTF_8))
                        : json(token, row, position);
            case JSON:
                return json(token, row, position);
            case BOOLEAN:
                return bool(token);
            case TIMESTAMP:
                return skip(); // strings are read in readStruct
            case STRUCT:
                return token == JsonToken.START_OBJECT ? readStruct(field.struct()) : skip();
            case STRUCT_LIST:
                return token == JsonToken.START_ARRAY ? readList(field.struct()) : skip();
            default:
                throw new IllegalStateException("unknown kind " + field.kind());
        }
    }

    private GenericArrayData readList(StructSpec element) throws IOException {
        int mark = listScratch.size(); // nested lists share the scratch list
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            listScratch.add(token == JsonToken.START_OBJECT ? readStruct(element) : skip());
        }
        List<Object> items = listScratch.subList(mark, listScratch.size());
        GenericArrayData array = new GenericArrayData(items.toArray());
        items.clear();
        return array;
    }

    private Boolean bool(JsonToken token) throws IOException {
        switch (token) {
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            default:
                return skip();
        }
    }

    /**
     * The current value (an object, an array, a number or a literal: strings are read in readStruct) as JSON,
     * sliced from the bytes as they arrived; null once the record has outgrown the limit. It is compact once the
     * record is read ({@link #finishRecord}).
     */
    private StringData json(JsonToken token, GenericRowData row, int position) throws IOException {
        long start = parser.currentTokenLocation().getByteOffset();
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            parser.skipChildren();
        }
        long end = parser.currentLocation().getByteOffset();
        if (bytes.overflowed()) return null;
        byte[] copy = bytes.copy(start, end);
        jsonColumns.add(row, position, copy);
        return StringData.fromBytes(copy);
    }

    /** Reads a whole record (see {@link #readStruct}) whose JSON columns are compacted by {@link #finishRecord}. */
    GenericRowData readRecord(StructSpec spec) throws IOException {
        jsonColumns.clear();
        return readStruct(spec);
    }

    /**
     * The record's {@code raw}, the bytes {@code [start, end)} without insignificant whitespace; where it had
     * some, the record's JSON columns are compacted too (where it had none, neither have they).
     */
    byte[] finishRecord(long start, long end) {
        byte[] raw = JsonCompactor.compacted(bytes.copy(start, end));
        if (raw.length != end - start) jsonColumns.compact();
        jsonColumns.clear();
        return raw;
    }

    /** Skips the current value (and its children) and yields null for its column. */
    private <T> T skip() throws IOException {
        parser.skipChildren();
        return null;
    }
}
