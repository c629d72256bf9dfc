package io.trailstream.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
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
}
