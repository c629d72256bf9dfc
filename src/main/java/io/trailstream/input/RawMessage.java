package io.trailstream.input;

/**
 * A notification as it arrived, before parsing: the bytes and where they came from. Sources produce it
 * so that the parser knows nothing of the transport (Kinesis, a queue, a file).
 */
public class RawMessage {
    public byte[] payload;
    /** Where it came from, for dead letters and logs, e.g. {@code kinesis:shardId-000000000000:49590...}. */
    public String origin;

    public long receivedAtMillis;

    public RawMessage() {}

    public RawMessage(byte[] payload, String origin, long receivedAtMillis) {
        this.payload = payload;
        this.origin = origin;
        this.receivedAtMillis = receivedAtMillis;
    }
}
