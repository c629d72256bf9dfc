package io.trailstream.kinesis.reader;

import io.trailstream.kinesis.event.ReaderStartedEvent;
import io.trailstream.kinesis.event.ShardsFinishedAckEvent;
import io.trailstream.kinesis.event.ShardsFinishedEvent;
import io.trailstream.kinesis.split.KinesisShardSplit;
import io.trailstream.kinesis.split.KinesisShardSplitState;
import io.trailstream.kinesis.split.ShardPosition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * The reader of one source subtask: polls its shards on a fetcher thread and emits their records
 * in the task thread. A shard read to its end is reported to the enumerator and kept in this
 * reader's checkpoints (as a SHARD_END split) until the enumerator acknowledges it, so a restore
 * can never forget that a parent finished and strand its children.
 */
public final class KinesisSourceReader<T>
        extends SingleThreadMultiplexSourceReaderBase<Record, T, KinesisShardSplit, KinesisShardSplitState> {

    private final Map<String, KinesisShardSplit> finishedUnacknowledged = new LinkedHashMap<>();
    private Set<String> restoredShardIds = new HashSet<>();

    public KinesisSourceReader(
            Supplier<SplitReader<Record, KinesisShardSplit>> splitReaderSupplier,
            RecordEmitter<Record, T, KinesisShardSplitState> recordEmitter,
            Configuration config,
            SourceReaderContext context) {
        super(splitReaderSupplier, recordEmitter, config, context);
    }

    @Override
    public void start() {
        super.start();
        context.sendSourceEventToCoordinator(new ReaderStartedEvent(restoredShardIds));
        restoredShardIds = null;
    }

    @Override
    public void addSplits(List<KinesisShardSplit> splits) {
        List<KinesisShardSplit> toRead = new ArrayList<>();
        Set<String> ended = new HashSet<>();
        for (KinesisShardSplit split : splits) {
            if (restoredShardIds != null) {
                // Before start(): these come from this reader's checkpoint.
                restoredShardIds.add(split.shardId());
            }
            if (split.isFinished()) {
                finishedUnacknowledged.put(split.shardId(), split);
                ended.add(split.shardId());
            } else {
                toRead.add(split);
            }
        }
        if (!ended.isEmpty()) {
            context.sendSourceEventToCoordinator(new ShardsFinishedEvent(ended));
        }
        if (!toRead.isEmpty()) {
            super.addSplits(toRead);
        }
    }

    @Override
    protected void onSplitFinished(Map<String, KinesisShardSplitState> finishedSplits) {
        finishedSplits.forEach((shardId, state) ->
                finishedUnacknowledged.put(shardId, state.initialSplit().withPosition(ShardPosition.shardEnd())));
        context.sendSourceEventToCoordinator(new ShardsFinishedEvent(finishedSplits.keySet()));
    }

    @Override
    public void handleSourceEvents(SourceEvent event) {
        if (event instanceof ShardsFinishedAckEvent) {
            finishedUnacknowledged.keySet().removeAll(((ShardsFinishedAckEvent) event).shardIds());
        } else {
            super.handleSourceEvents(event);
        }
    }

    @Override
    public List<KinesisShardSplit> snapshotState(long checkpointId) {
        List<KinesisShardSplit> splits = new ArrayList<>(super.snapshotState(checkpointId));
        splits.addAll(finishedUnacknowledged.values());
        return splits;
    }

    @Override
    protected KinesisShardSplitState initializedState(KinesisShardSplit split) {
        return new KinesisShardSplitState(split);
    }

    @Override
    protected KinesisShardSplit toSplitType(String splitId, KinesisShardSplitState state) {
        return state.toSplit();
    }
}
