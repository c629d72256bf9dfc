package io.trailstream.kinesis.serialization;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;

/** Emits each record unparsed as a {@link KinesisPayload}; it cannot fail on bad input. */
public final class KinesisPayloadDeserializationSchema implements KinesisDeserializationSchema<KinesisPayload> {

    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(byte[] data, KinesisRecordMeta meta, Collector<KinesisPayload> out) {
        out.collect(new KinesisPayload(
                data, meta.shardId(), meta.sequenceNumber(), meta.partitionKey(), meta.arrivalMillis()));
    }

    @Override
    public TypeInformation<KinesisPayload> getProducedType() {
        return TypeInformation.of(KinesisPayload.class);
    }
}
