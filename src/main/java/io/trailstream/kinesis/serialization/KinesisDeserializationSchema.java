package io.trailstream.kinesis.serialization;

import java.io.IOException;
import java.io.Serializable;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.util.Collector;

/**
 * Turns one Kinesis record into zero or more values of {@code T}, with the record's shard,
 * sequence number, partition key and arrival time at hand. An exception fails the job (the record
 * is then read again after the restore), so a schema that must survive bad input catches and
 * routes it itself.
 *
 * <pre>{@code
 * KinesisDeserializationSchema<String> utf8 =
 *         KinesisDeserializationSchema.of(new SimpleStringSchema());
 * }</pre>
 */
public interface KinesisDeserializationSchema<T> extends Serializable, ResultTypeQueryable<T> {

    /** Called once per reader before the first record. */
    default void open(DeserializationSchema.InitializationContext context) throws Exception {}

    void deserialize(byte[] data, KinesisRecordMeta meta, Collector<T> out) throws IOException;

    /** Adapts one of Flink's byte-only schemas (JSON, Avro, strings, ...). */
    static <T> KinesisDeserializationSchema<T> of(DeserializationSchema<T> schema) {
        return new DeserializationSchemaAdapter<>(schema);
    }

    /** The raw record with its metadata, for jobs that parse after the source. */
    static KinesisDeserializationSchema<KinesisPayload> payload() {
        return new KinesisPayloadDeserializationSchema();
    }
}
