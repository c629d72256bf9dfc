package io.trailstream.kinesis.serialization;

import java.util.Arrays;
import java.util.Objects;

/**
 * A Kinesis record as it arrived: payload bytes plus where it came from. The job reads
 * notifications as payloads and parses them in its own operator, so a malformed notification
 * becomes a dead letter there instead of failing the source. A Flink POJO (public no-arg
 * constructor, getters and setters), serialized without Kryo.
 */
public class KinesisPayload {

    private byte[] data;
    private String shardId;
    private String sequenceNumber;
    private String partitionKey;
    private long arrivalMillis;

    public KinesisPayload() {}

    public KinesisPayload(byte[] data, String shardId, String sequenceNumber, String partitionKey, long arrivalMillis) {
        this.data = data;
        this.shardId = shardId;
        this.sequenceNumber = sequenceNumber;
        this.partitionKey = partitionKey;
        this.arrivalMillis = arrivalMillis;
    }

    public byte[] getData() {
        return data;
    }

    public void setData(byte[] data) {
        this.data = data;
    }

    public String getShardId() {
        return shardId;
    }

    public void setShardId(String shardId) {
        this.shardId = shardId;
    }

    public String getSequenceNumber() {
        return sequenceNumber;
    }

    public void setSequenceNumber(String sequenceNumber) {
        this.sequenceNumber = sequenceNumber;
    }

    public String getPartitionKey() {
        return partitionKey;
    }

    public void setPartitionKey(String partitionKey) {
        this.partitionKey = partitionKey;
    }

    public long getArrivalMillis() {
        return arrivalMillis;
    }

    public void setArrivalMillis(long arrivalMillis) {
        this.arrivalMillis = arrivalMillis;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KinesisPayload)) {
            return false;
        }
        KinesisPayload that = (KinesisPayload) o;
        return arrivalMillis == that.arrivalMillis
                && Arrays.equals(data, that.data)
                && Objects.equals(shardId, that.shardId)
                && Objects.equals(sequenceNumber, that.sequenceNumber)
                && Objects.equals(partitionKey, that.partitionKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(data), shardId, sequenceNumber, partitionKey, arrivalMillis);
    }

    @Override
    public String toString() {
        return "KinesisPayload{" + shardId + '/' + sequenceNumber + ", key=" + partitionKey + ", arrival="
                + arrivalMillis + ", " + (data == null ? 0 : data.length) + " bytes}";
    }
}
