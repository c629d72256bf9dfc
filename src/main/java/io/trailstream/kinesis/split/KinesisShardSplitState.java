package io.trailstream.kinesis.split;

/**
 * The mutable reading state of one split inside a reader: the sequence number of the last record
 * handed downstream. A checkpoint turns it back into a split that starts after that record, so a
 * restore neither loses nor repeats one.
 */
public final class KinesisShardSplitState {

    private final KinesisShardSplit split;
    private String lastEmittedSequenceNumber;

    public KinesisShardSplitState(KinesisShardSplit split) {
        this.split = split;
    }

    public String shardId() {
        return split.shardId();
    }

    public KinesisShardSplit initialSplit() {
        return split;
    }

    public String lastEmittedSequenceNumber() {
        return lastEmittedSequenceNumber;
    }

    public void setLastEmittedSequenceNumber(String sequenceNumber) {
        this.lastEmittedSequenceNumber = sequenceNumber;
    }

    /** The split to checkpoint: after the last emitted record, or as assigned if none yet. */
    public KinesisShardSplit toSplit() {
        return lastEmittedSequenceNumber == null
                ? split
                : split.withPosition(ShardPosition.afterSequenceNumber(lastEmittedSequenceNumber));
    }
}
