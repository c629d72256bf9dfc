package io.trailstream.record;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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
    private static final JsonFactory ESCAPES = new JsonFactory();

    private final RecordingInputStream bytes;
    private final List<Object> listScratch = new ArrayList<>();
    private JsonParser parser;

    RowReader(RecordingInputStream bytes) {
        this.bytes = bytes;
    }

    void use(JsonParser jsonParser) {
        parser = jsonParser;
    }

    /**
     * Reads the object whose START_OBJECT is the current token, up to and including its END_OBJECT. A string
     * column's value is not decoded by Jackson: its bytes are sliced once Jackson has moved past it (see
     * {@link #stringAt}), so that no {@code String} is made and encoded back to UTF-8.
     */
    GenericRowData readStruct(StructSpec spec) throws IOException {
        GenericRowData row = new GenericRowData(spec.size());
        int pending = -1; // a string column whose value Jackson has not read yet
        long pendingQuote = 0;
        while (true) {
            JsonToken token = parser.nextToken(); // skips the pending string's bytes, validating them
            if (pending >= 0) {
                row.setField(pending, stringAt(pendingQuote));
                pending = -1;
            }
            if (token != JsonToken.FIELD_NAME) return row;
            int position = spec.positionOfJson(parser.currentName());
            JsonToken value = parser.nextToken();
            if (position < 0) {
                parser.skipChildren();
            } else if (value == JsonToken.VALUE_STRING && spec.field(position).kind() == FieldKind.STRING) {
                pending = position;
                pendingQuote = valueOffset();
            } else {
                row.setField(position, readValue(spec.field(position), value));
            }
        }
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
        try (JsonParser escaped = ESCAPES.createParser(bytes.copy(quote, bytes.stringEnd(quote)))) {
            escaped.nextToken();
            return StringData.fromBytes(escaped.getText().getBytes(StandardCharsets.UTF_8));
        }
    }

    private Object readValue(FieldSpec field, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) return null;
        switch (field.kind()) {
            case STRING:
                // strings are sliced in readStruct; numbers and booleans keep their JSON text
                return token.isScalarValue()
                        ? StringData.fromBytes(parser.getText().getBytes(StandardCharsets.UTF_8))
                        : json(token);
            case JSON:
                return json(token);
            case BOOLEAN:
                return bool(token);
            case TIMESTAMP:
                if (token == JsonToken.VALUE_STRING) {
                    return IsoTimestamps.parse(
                            parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
                }
                return skip();
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
            case VALUE_STRING:
                String text = parser.getText();
                if ("true".equalsIgnoreCase(text)) return Boolean.TRUE;
                if ("false".equalsIgnoreCase(text)) return Boolean.FALSE;
                return null;
            default:
                return skip();
        }
    }

    /** The current value as compact JSON, sliced from the bytes as they arrived. */
    private StringData json(JsonToken token) throws IOException {
        long start = parser.currentTokenLocation().getByteOffset();
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            parser.skipChildren();
        } else if (token == JsonToken.VALUE_STRING) {
            parser.finishToken();
        }
        long end = parser.currentLocation().getByteOffset();
        return StringData.fromBytes(compactCopy(start, end));
    }

    /** The bytes {@code [start, end)} without insignificant whitespace. */
    byte[] compactCopy(long start, long end) {
        byte[] copy = bytes.copy(start, end);
        int length = JsonCompactor.compact(copy, copy.length);
        return length == copy.length ? copy : java.util.Arrays.copyOf(copy, length);
    }

    /** Skips the current value (and its children) and yields null for its column. */
    private <T> T skip() throws IOException {
        parser.skipChildren();
        return null;
    }
}
