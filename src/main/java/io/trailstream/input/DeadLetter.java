package io.trailstream.input;

/**
 * An input trailstream could not use (a notification or a control message), kept whole with the reason,
 * so nothing that arrived is lost and the job never restarts over bad input.
 */
public class DeadLetter {
    /** Which input it came from: {@code notification} or {@code control}. */
    public String stream;
    /** Where exactly: e.g. {@code kinesis:shardId-000000000001:4959...}, or a file name. */
    public String origin;
    /** What it looked like, as far as it could be told (a shape name, or {@code unknown}). */
    public String shape;

    public String reason;
    /** The payload as UTF-8 text; bytes that are not UTF-8 are replaced. Cut at {@link #MAX_PAYLOAD_CHARS}. */
    public String payload;

    public long payloadBytes;
    public long receivedAtMillis;

    /** Payloads longer than this are cut; the length is kept in {@code payloadBytes}. */
    public static final int MAX_PAYLOAD_CHARS = 1 << 20;

    public DeadLetter() {}

    public static DeadLetter of(
            String stream, String origin, String shape, String reason, byte[] payload, long receivedAtMillis) {
        DeadLetter d = new DeadLetter();
        d.stream = stream;
        d.origin = origin;
        d.shape = shape;
        d.reason = reason;
        String text = payload == null ? "" : new String(payload, java.nio.charset.StandardCharsets.UTF_8);
        d.payload = text.length() > MAX_PAYLOAD_CHARS ? text.substring(0, MAX_PAYLOAD_CHARS) : text;
        d.payloadBytes = payload == null ? 0 : payload.length;
        d.receivedAtMillis = receivedAtMillis;
        return d;
    }

    @Override
    public String toString() {
        return "DeadLetter{" + stream + " " + origin + " " + shape + ": " + reason + "}";
    }
}
