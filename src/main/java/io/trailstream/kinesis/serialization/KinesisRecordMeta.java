package io.trailstream.kinesis.serialization;

/**
 * Where a record came from and when it arrived, handed to the deserialization schema next to the
 * payload bytes.
 *
 * @param shardId the shard the record was read from
 * @param sequenceNumber its sequence number, unique and increasing within the shard
 * @param partitionKey the key the producer gave it
 * @param arrivalMillis Kinesis' approximate arrival time (epoch millis); also the record's event
 *     time unless a watermark strategy assigns another
 */
public record KinesisRecordMeta(String shardId, String sequenceNumber, String partitionKey, long arrivalMillis) {}
