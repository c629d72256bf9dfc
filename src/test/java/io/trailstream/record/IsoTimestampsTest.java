package io.trailstream.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.apache.flink.table.data.TimestampData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IsoTimestampsTest {

    @ParameterizedTest
    @CsvSource({
        "2024-01-01T00:00:00Z, 2024-01-01T00:00:00Z",
        "2024-05-06T07:08:09Z, 2024-05-06T07:08:09Z",
        "2024-05-06T07:08:09.1Z, 2024-05-06T07:08:09.100Z",
        "2024-05-06T07:08:09.123456Z, 2024-05-06T07:08:09.123456Z",
        "2024-05-06T07:08:09.123456789Z, 2024-05-06T07:08:09.123456789Z",
        "2024-05-06t07:08:09z, 2024-05-06T07:08:09Z",
        "2024-05-06T07:08:09, 2024-05-06T07:08:09Z",
        "2024-05-06 07:08:09, 2024-05-06T07:08:09Z",
        "2025-01-21 17:49:47.000000000, 2025-01-21T17:49:47Z",
        "2024-01-01T02:00:00+02:00, 2024-01-01T00:00:00Z",
        "2024-01-01T02:00:00+0200, 2024-01-01T00:00:00Z",
        "2024-01-01T02:00:00+02, 2024-01-01T00:00:00Z",
        "2023-12-31T22:30:00-01:30, 2024-01-01T00:00:00Z",
        "20131102T010628Z, 2013-11-02T01:06:28Z",
        "20131102T010628.5Z, 2013-11-02T01:06:28.500Z",
        "2024-02-29T23:59:59Z, 2024-02-29T23:59:59Z",
        "2000-02-29T00:00:00Z, 2000-02-29T00:00:00Z",
        "1969-12-31T23:59:59.999Z, 1969-12-31T23:59:59.999Z",
        "0001-01-01T00:00:00Z, 0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999999999Z, 9999-12-31T23:59:59.999999999Z"
    })
    void parsesIsoInstants(String text, String expected) {
        TimestampData parsed = IsoTimestamps.parse(text);
        assertThat(parsed).isNotNull();
        assertThat(parsed.toInstant()).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "yesterday",
                "...",
                "2024-01-01",
                "2024-01-01T",
                "2024-01-01T00:00",
                "2024-13-01T00:00:00Z",
                "2023-02-29T00:00:00Z",
                "1900-02-29T00:00:00Z",
                "2024-04-31T00:00:00Z",
                "2024-01-00T00:00:00Z",
                "2024-01-01T24:00:00Z",
                "2024-01-01T00:60:00Z",
                "2024-01-01T00:00:60Z",
                "2024-01-01T00:00:00.Z",
                "2024-01-01T00:00:00.1234567890Z",
                "2024-01-01T00:00:00ZZ",
                "2024-01-01T00:00:00+19:00",
                "2024-01-01T00:00:00+02:",
                "2024-01-01T00:00:00+2",
                "2024-01-01T00:00:00 UTC",
                "2024/01/01T00:00:00Z",
                "20240101 000000Z",
                "2024-01-01T00:00:00Z ",
                " 2024-01-01T00:00:00Z",
                "１２３４-01-01T00:00:00Z",
                "1700000000",
                "20131102T0106Z"
            })
    void rejectsEverythingElse(String text) {
        assertThat(IsoTimestamps.parse(text)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-01-01T00:00:00Z"})
    void readsFromAnOffsetInACharBuffer(String text) {
        char[] buffer = ("xx" + text + "yy").toCharArray();
        assertThat(IsoTimestamps.parse(buffer, 2, text.length()).toInstant()).isEqualTo(Instant.parse(text));
    }
}
