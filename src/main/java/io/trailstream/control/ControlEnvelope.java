package io.trailstream.control;

/**
 * A control message as it arrived, before parsing: the bytes and where they came from (a Kinesis shard
 * and sequence number, or a file name), so a rejected message can be traced to its source.
 */
public class ControlEnvelope {
    public byte[] payload;
    public String origin;
    public long receivedAtMillis;

    public ControlEnvelope() {}

    public ControlEnvelope(byte[] payload, String origin, long receivedAtMillis) {
        this.payload = payload;
        this.origin = origin;
        this.receivedAtMillis = receivedAtMillis;
    }
}
