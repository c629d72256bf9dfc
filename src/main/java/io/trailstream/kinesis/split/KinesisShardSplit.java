package io.trailstream.kinesis.split;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One shard of the stream as a unit of work: the enumerator hands it to one reader, which reads
 * it from {@link #position()}. The parent shard ids let the enumerator hold a child back until its
 * parents are read to the end, so records of one partition key stay in order across a reshard.
 */
public final class KinesisShardSplit implements SourceSplit, Serializable {

    private static final long serialVersionUID = 1L;

    private final String shardId;
    private final ShardPosition position;
    private final List<String> parentShardIds;

    public KinesisShardSplit(String shardId, ShardPosition position, List<String> parentShardIds) {
        this.shardId = Objects.requireNonNull(shardId, "shardId");
        this.position = Objects.requireNonNull(position, "position");
        this.parentShardIds = List.copyOf(parentShardIds);
    }

    @Override
    public String splitId() {
        return shardId;
    }

    public String shardId() {
        return shardId;
    }

    public ShardPosition position() {
        return position;
    }

    /** Zero ids for an original shard, one after a split, two after a merge. */
    public List<String> parentShardIds() {
        return parentShardIds;
    }

    /** The same shard, to be read from {@code newPosition}. */
    public KinesisShardSplit withPosition(ShardPosition newPosition) {
        return new KinesisShardSplit(shardId, newPosition, parentShardIds);
    }

    /** True for a shard already read to its end, kept only until the enumerator knows. */
    public boolean isFinished() {
        return position.type() == ShardPosition.Type.SHARD_END;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KinesisShardSplit)) {
            return false;
        }
        KinesisShardSplit that = (KinesisShardSplit) o;
        return shardId.equals(that.shardId)
                && position.equals(that.position)
                && parentShardIds.equals(that.parentShardIds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(shardId, position, parentShardIds);
    }

    @Override
    public String toString() {
        return shardId + "@" + position + (parentShardIds.isEmpty() ? "" : " parents=" + parentShardIds);
    }
}
