package io.trailstream.input;

/**
 * A message as it arrived on one of the job's inputs, a notification or a control message, before parsing:
 * the bytes and where they came from, so that one that cannot be used is traced to its source. Sources
 * produce it so that the parsers know nothing of the transport (Kinesis, a queue, a file). A Flink POJO.
 */
public class RawMessage {
    public byte[] payload;
    /**
     * Where it came from, for dead letters, audit rows and logs: {@code kinesis:shardId-000000000000:49590...}
     * (shard and sequence number) or {@code file:NAME}.
     */
    public String origin;

    /** When it arrived (epoch millis). */
    public long receivedAtMillis;

    public RawMessage() {}

    public RawMessage(byte[] payload, String origin, long receivedAtMillis) {
        this.payload = payload;
        this.origin = origin;
        this.receivedAtMillis = receivedAtMillis;
    }
}
