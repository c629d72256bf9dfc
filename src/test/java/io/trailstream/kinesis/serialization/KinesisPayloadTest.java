package io.trailstream.kinesis.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.types.PojoTestUtils;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

class KinesisPayloadTest {

    private static final KinesisRecordMeta META =
            new KinesisRecordMeta("shardId-000000000001", "4968", "key-1", 1_795_000_000_000L);

    @Test
    void isAFlinkPojoWithoutKryo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(KinesisPayload.class);
    }

    @Test
    void payloadSchemaKeepsBytesAndMetadata() throws Exception {
        List<KinesisPayload> out = new ArrayList<>();
        KinesisDeserializationSchema.payload().deserialize("{}".getBytes(StandardCharsets.UTF_8), META, collector(out));

        assertThat(out)
                .containsExactly(new KinesisPayload(
                        "{}".getBytes(StandardCharsets.UTF_8),
                        "shardId-000000000001",
                        "4968",
                        "key-1",
                        1_795_000_000_000L));
        assertThat(out.get(0).toString()).contains("shardId-000000000001/4968").contains("2 bytes");
    }

    @Test
    void adaptsFlinkDeserializationSchemas() throws Exception {
        KinesisDeserializationSchema<String> schema = KinesisDeserializationSchema.of(new SimpleStringSchema());
        List<String> out = new ArrayList<>();
        schema.deserialize("hello".getBytes(StandardCharsets.UTF_8), META, collector(out));

        assertThat(out).containsExactly("hello");
        assertThat(schema.getProducedType()).isEqualTo(Types.STRING);
    }

    private static <T> Collector<T> collector(List<T> out) {
        return new Collector<>() {
            @Override
            public void collect(T record) {
                out.add(record);
            }

            @Override
            public void close() {}
        };
    }
}
