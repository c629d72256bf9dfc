package io.trailstream.kinesis.split;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * Where reading of one shard (re)starts: the configured start for a new shard, {@link
 * Type#AFTER_SEQUENCE_NUMBER} once a record was emitted (so a restore continues after it), or
 * {@link Type#SHARD_END} for a shard read to its end whose end the enumerator has not yet
 * acknowledged.
 */
public final class ShardPosition implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The kinds of position; the first four map to Kinesis shard iterator types. */
    public enum Type {
        TRIM_HORIZON,
        LATEST,
        AT_TIMESTAMP,
        AFTER_SEQUENCE_NUMBER,
        SHARD_END
    }

    private static final ShardPosition TRIM_HORIZON = new ShardPosition(Type.TRIM_HORIZON, null, null);
    private static final ShardPosition LATEST = new ShardPosition(Type.LATEST, null, null);
    private static final ShardPosition SHARD_END = new ShardPosition(Type.SHARD_END, null, null);

    private final Type type;
    private final String sequenceNumber;
    private final Instant timestamp;

    private ShardPosition(Type type, String sequenceNumber, Instant timestamp) {
        this.type = type;
        this.sequenceNumber = sequenceNumber;
        this.timestamp = timestamp;
    }

    public static ShardPosition trimHorizon() {
        return TRIM_HORIZON;
    }

    public static ShardPosition latest() {
        return LATEST;
    }

    public static ShardPosition shardEnd() {
        return SHARD_END;
    }

    public static ShardPosition atTimestamp(Instant timestamp) {
        return new ShardPosition(Type.AT_TIMESTAMP, null, Objects.requireNonNull(timestamp));
    }

    public static ShardPosition afterSequenceNumber(String sequenceNumber) {
        return new ShardPosition(Type.AFTER_SEQUENCE_NUMBER, Objects.requireNonNull(sequenceNumber), null);
    }

    public Type type() {
        return type;
    }

    /** Set for {@link Type#AFTER_SEQUENCE_NUMBER} only. */
    public String sequenceNumber() {
        return sequenceNumber;
    }

    /** Set for {@link Type#AT_TIMESTAMP} only. */
    public Instant timestamp() {
        return timestamp;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ShardPosition)) {
            return false;
        }
        ShardPosition that = (ShardPosition) o;
        return type == that.type
                && Objects.equals(sequenceNumber, that.sequenceNumber)
                && Objects.equals(timestamp, that.timestamp);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, sequenceNumber, timestamp);
    }

    @Override
    public String toString() {
        return sequenceNumber != null
                ? type + "(" + sequenceNumber + ")"
                : timestamp != null ? type + "(" + timestamp + ")" : type.name();
    }
}
