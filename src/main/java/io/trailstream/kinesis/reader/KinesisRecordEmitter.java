package io.trailstream.kinesis.reader;

import io.trailstream.kinesis.serialization.KinesisDeserializationSchema;
import io.trailstream.kinesis.serialization.KinesisRecordMeta;
import io.trailstream.kinesis.split.KinesisShardSplitState;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.util.Collector;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * Deserializes each record into the split's own output (so watermarks and idleness are tracked
 * per shard), stamped with its arrival time, and only then advances the split's last emitted
 * sequence number: a checkpoint never covers a record that was not handed downstream.
 */
public final class KinesisRecordEmitter<T> implements RecordEmitter<Record, T, KinesisShardSplitState> {

    private final KinesisDeserializationSchema<T> deserializer;
    private final OutputCollector<T> collector = new OutputCollector<>();

    public KinesisRecordEmitter(KinesisDeserializationSchema<T> deserializer) {
        this.deserializer = deserializer;
    }

    @Override
    public void emitRecord(Record record, SourceOutput<T> output, KinesisShardSplitState state) throws Exception {
        long arrival = record.approximateArrivalTimestamp() == null
                ? Long.MIN_VALUE
                : record.approximateArrivalTimestamp().toEpochMilli();
        KinesisRecordMeta meta =
                new KinesisRecordMeta(state.shardId(), record.sequenceNumber(), record.partitionKey(), arrival);
        collector.output = output;
        collector.timestamp = arrival;
        deserializer.deserialize(record.data().asByteArrayUnsafe(), meta, collector);
        state.setLastEmittedSequenceNumber(record.sequenceNumber());
    }

    private static final class OutputCollector<T> implements Collector<T> {
        SourceOutput<T> output;
        long timestamp;

        @Override
        public void collect(T value) {
            if (timestamp == Long.MIN_VALUE) {
                output.collect(value);
            } else {
                output.collect(value, timestamp);
            }
        }

        @Override
        public void close() {}
    }
}
