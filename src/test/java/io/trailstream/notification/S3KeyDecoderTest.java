package io.trailstream.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class S3KeyDecoderTest {

    @Test
    void plainKeyIsReturnedAsIs() {
        String key = "AWSLogs/111122223333/CloudTrail/us-east-1/2025/01/01/x.json.gz";
        assertThat(S3KeyDecoder.decode(key)).isSameAs(key);
    }

    @Test
    void formStyleDecoding() {
        assertThat(S3KeyDecoder.decode("red+flower.jpg")).isEqualTo("red flower.jpg");
        assertThat(S3KeyDecoder.decode("c%2B%2B")).isEqualTo("c++");
        assertThat(S3KeyDecoder.decode("a%20b%2fc")).isEqualTo("a b/c");
        assertThat(S3KeyDecoder.decode("caf%C3%A9")).isEqualTo("café");
        assertThat(S3KeyDecoder.decode("%F0%9F%98%80.json")).isEqualTo("\uD83D\uDE00.json");
        assertThat(S3KeyDecoder.decode("%E6%97%A5%E6%9C%AC+%E8%AA%9E")).isEqualTo("日本 語");
        assertThat(S3KeyDecoder.decode("100%25")).isEqualTo("100%");
    }

    @Test
    void brokenEscapesAndInvalidUtf8AreRejected() {
        assertThat(S3KeyDecoder.decode("a%")).isNull();
        assertThat(S3KeyDecoder.decode("a%2")).isNull();
        assertThat(S3KeyDecoder.decode("a%G1")).isNull();
        assertThat(S3KeyDecoder.decode("%C3%28")).isNull();
        assertThat(S3KeyDecoder.decode("%FF")).isNull();
        assertThat(S3KeyDecoder.decode("%C3")).as("truncated sequence").isNull();
    }
}
