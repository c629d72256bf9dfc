package io.trailstream.kinesis.serialization;

import java.io.IOException;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;

/** Lets a Flink {@link DeserializationSchema} serve as a {@link KinesisDeserializationSchema}. */
final class DeserializationSchemaAdapter<T> implements KinesisDeserializationSchema<T> {

    private static final long serialVersionUID = 1L;

    private final DeserializationSchema<T> schema;

    DeserializationSchemaAdapter(DeserializationSchema<T> schema) {
        this.schema = schema;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) throws Exception {
        schema.open(context);
    }

    @Override
    public void deserialize(byte[] data, KinesisRecordMeta meta, Collector<T> out) throws IOException {
        schema.deserialize(data, out);
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return schema.getProducedType();
    }
}
