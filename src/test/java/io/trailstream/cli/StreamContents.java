package io.trailstream.cli;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Everything on a Kinesis stream, read back with the plain API: every shard from TRIM_HORIZON with
 * GetRecords until a call returns nothing. Records keep their shard and their order within it.
 */
final class StreamContents {
    /** One record as read: the shard it is on, its partition key, sequence number and data. */
    record Received(String shardId, String partitionKey, String sequenceNumber, String data) {}

    private StreamContents() {}

    static List<Received> read(KinesisClient client, String streamName) {
        List<Received> out = new ArrayList<>();
        for (Shard shard : client.listShards(r -> r.streamName(streamName)).shards()) {
            String iterator = client.getShardIterator(r -> r.streamName(streamName)
                            .shardId(shard.shardId())
                            .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator();
            for (int calls = 0; iterator != null && calls < 100; calls++) {
                String it = iterator;
                GetRecordsResponse response = client.getRecords(r -> r.shardIterator(it));
                for (Record rec : response.records()) {
                    out.add(new Received(
                            shard.shardId(),
                            rec.partitionKey(),
                            rec.sequenceNumber(),
                            rec.data().asUtf8String()));
                }
                if (response.records().isEmpty()) break;
                iterator = response.nextShardIterator();
            }
        }
        return out;
    }
}
