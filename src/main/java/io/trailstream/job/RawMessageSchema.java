package io.trailstream.job;

import io.trailstream.input.RawMessage;
import io.trailstream.kinesis.serialization.KinesisDeserializationSchema;
import io.trailstream.kinesis.serialization.KinesisRecordMeta;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;

/**
 * Keeps a Kinesis record's bytes as a {@link RawMessage} and names its shard and sequence number as the
 * origin, so a dead letter or an audit row can be traced to the record; the arrival time is Kinesis's when it
 * gave one. The parsers downstream know nothing of Kinesis.
 */
final class RawMessageSchema implements KinesisDeserializationSchema<RawMessage> {
    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(byte[] data, KinesisRecordMeta meta, Collector<RawMessage> out) {
        out.collect(new RawMessage(
                data,
                "kinesis:" + meta.shardId() + ":" + meta.sequenceNumber(),
                meta.arrivalMillis() > 0 ? meta.arrivalMillis() : System.currentTimeMillis()));
    }

    @Override
    public TypeInformation<RawMessage> getProducedType() {
        return TypeInformation.of(RawMessage.class);
    }
}
