package io.trailstream.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonCompactorTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("{\"a\":1}", "{\"a\":1}"),
                Arguments.of("{ \"a\" : 1 }", "{\"a\":1}"),
                Arguments.of("{\n\t\"a\": [ 1 ,\r\n 2 ]\n}", "{\"a\":[1,2]}"),
                Arguments.of("{\"a b\": \" x  y \"}", "{\"a b\":\" x  y \"}"),
                Arguments.of(
                        "{\"q\": \"say \\\" hi \\\" \" , \"n\" : null}", "{\"q\":\"say \\\" hi \\\" \",\"n\":null}"),
                Arguments.of("{\"bs\": \"ends with \\\\\" , \"x\" : 2}", "{\"bs\":\"ends with \\\\\",\"x\":2}"),
                Arguments.of("[ \"\\u0020 \" , 1.10 , -0.0 ]", "[\"\\u0020 \",1.10,-0.0]"),
                Arguments.of("\"  just a string  \"", "\"  just a string  \""),
                Arguments.of("{\"é\" : \"日本 😀\"}", "{\"é\":\"日本 😀\"}"),
                // already compact: spaces only inside strings, around escaped quotes and backslashes
                Arguments.of(
                        "{\"q\":\"say \\\"hi\\\" \",\"a b\":\"\\\\\"}", "{\"q\":\"say \\\"hi\\\" \",\"a b\":\"\\\\\"}"),
                Arguments.of("{\"q\":\"\\\\\\\" x\" ,\"r\":1}", "{\"q\":\"\\\\\\\" x\",\"r\":1}"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void removesWhitespaceOutsideStringsOnly(String input, String expected) {
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        int length = JsonCompactor.compact(bytes, bytes.length);
        assertThat(new String(bytes, 0, length, StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    /** The eight-bytes-at-a-time scan finds what a plain byte-by-byte scan finds, wherever the bytes fall. */
    @Test
    void theGroupedScanAgreesWithAByteByByteOne() {
        Random random = new Random(20261201);
        String[] pieces = {
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            "\"",
            "\\",
            "\\\"",
            " ",
            "\n",
            "\t",
            "\r",
            "abcdefgh",
            "x",
            "12345",
            "é",
            "日本",
            "😀",
            "null",
            "!",
            "#"
        };
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            int count = random.nextInt(40);
            for (int k = 0; k < count; k++) text.append(pieces[random.nextInt(pieces.length)]);
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            assertThat(JsonCompactor.firstWhitespace(bytes, bytes.length))
                    .as("%s", text)
                    .isEqualTo(byteByByte(bytes, bytes.length));
        }
    }

    /** The scan as it was written first: one byte per iteration. */
    private static int byteByByte(byte[] json, int length) {
        boolean inString = false;
        for (int i = 0; i < length; i++) {
            byte b = json[i];
            if (b == '"') {
                int k = i - 1;
                while (k >= 0 && json[k] == '\\') k--;
                boolean escaped = ((i - 1 - k) & 1) == 1;
                if (!inString) {
                    inString = true;
                } else if (!escaped) {
                    inString = false;
                }
            } else if (!inString && (b == ' ' || b == '\n' || b == '\r' || b == '\t')) {
                return i;
            }
        }
        return -1;
    }
}
