package io.trailstream.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.trail.TrailKey;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;

class ObjectRefTest {

    @Test
    void refAndTrailKeyStayFlinkPojos() {
        assertThat(TypeInformation.of(ObjectRef.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(TrailKey.class)).isInstanceOf(PojoTypeInfo.class);
    }

    @Test
    void aReplayIsNotEqualToTheSameRefNotifiedNormally() {
        ObjectRef notified = ObjectRef.s3("b", "AWSLogs/k.json.gz");
        ObjectRef replayed = ObjectRef.s3("b", "AWSLogs/k.json.gz");
        replayed.replay = true;
        assertThat(replayed).isNotEqualTo(notified);
        assertThat(replayed.hashCode()).isNotEqualTo(notified.hashCode());
        assertThat(replayed.toString()).isEqualTo("s3://b/AWSLogs/k.json.gz [replay]");
        notified.replay = true;
        assertThat(replayed).isEqualTo(notified).hasSameHashCodeAs(notified);
    }

    @Test
    void eTagNormalization() {
        assertThat(ObjectRef.normalizeETag("\"abc\"")).isEqualTo("abc");
        assertThat(ObjectRef.normalizeETag("abc-2")).isEqualTo("abc-2");
        assertThat(ObjectRef.normalizeETag("\"")).isEqualTo("\"");
        assertThat(ObjectRef.normalizeETag("")).isNull();
        assertThat(ObjectRef.normalizeETag(null)).isNull();
    }

    @Test
    void parsedRefsCarryTheirOrigin() {
        NotificationResult result = new NotificationParser()
                .parse(
                        "{\"s3Bucket\":\"b\",\"s3ObjectKey\":[\"AWSLogs/k.json.gz\"]}"
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        42L);

        ObjectRef ref = result.objects().get(0);
        assertThat(ref.uri()).isEqualTo("s3://b/AWSLogs/k.json.gz");
        assertThat(ref.toString()).isEqualTo("s3://b/AWSLogs/k.json.gz");
        assertThat(ref.notifiedAtMillis).isEqualTo(42L);
    }
}
