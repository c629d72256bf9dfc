package io.trailstream.kinesis.proxy;

import io.trailstream.kinesis.split.ShardPosition;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.ExpiredNextTokenException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.SequenceNumberRange;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * A Kinesis stream held in memory behind our {@link StreamProxy}, for the source's unit tests: shards with
 * records, closed shards and their children, paged listings, iterators that can be made to expire, and
 * failures scripted per call. It keeps a log of every call, stamped with the test's clock, so a test can
 * assert what the source asked and when. Thread-safe (the reader's fetcher thread and the test both use it).
 */
public final class InMemoryStream implements StreamProxy {

    /** The proxy's calls. */
    public enum Call {
        LIST_SHARDS,
        SHARD_ITERATOR,
        GET_RECORDS
    }

    /** One call as the stream saw it: what, on which shard (null for listings), with what, when. */
    public record Logged(Call call, String shardId, String argument, long atNanos) {}

    private static final class ShardData {
        final String id;
        final String parent;
        final String adjacentParent;
        final List<Record> records = new ArrayList<>();
        boolean closed;

        ShardData(String id, String parent, String adjacentParent) {
            this.id = id;
            this.parent = parent;
            this.adjacentParent = adjacentParent;
        }

        Shard toShard() {
            SequenceNumberRange.Builder range = SequenceNumberRange.builder()
                    .startingSequenceNumber(
                            records.isEmpty() ? "0" : records.get(0).sequenceNumber());
            if (closed) {
                range.endingSequenceNumber(
                        records.isEmpty()
                                ? "0"
                                : records.get(records.size() - 1).sequenceNumber());
            }
            return Shard.builder()
                    .shardId(id)
                    .parentShardId(parent)
                    .adjacentParentShardId(adjacentParent)
                    .sequenceNumberRange(range.build())
                    .build();
        }
    }

    private final Map<String, ShardData> shards = new LinkedHashMap<>();
    private final Map<Call, Deque<RuntimeException>> failures = new EnumMap<>(Call.class);
    private final Map<Call, Deque<Runnable>> afterCalls = new EnumMap<>(Call.class);
    private final List<Logged> log = new ArrayList<>();
    private final Supplier<Long> clock;
    private long sequence = 49_000_000_000L;
    private int iteratorEpoch;
    private int tokenEpoch;
    private Instant arrival = Instant.parse("2026-11-27T10:00:00Z");
    private int closes;

    /** A stream of {@code shards} open shards, {@code shardId-000000000000} onwards; calls stamped by {@code clock}. */
    public InMemoryStream(int shards, Supplier<Long> clock) {
        this.clock = clock;
        for (int i = 0; i < shards; i++) addShard(null, null);
    }

    /** As {@link #InMemoryStream(int, Supplier)}, calls stamped with {@link System#nanoTime()}. */
    public InMemoryStream(int shards) {
        this(shards, System::nanoTime);
    }

    public static String shardId(int index) {
        return String.format("shardId-%012d", index);
    }

    // ---- the test's side --------------------------------------------------------------------------

    /** Appends a record to an open shard; returns its sequence number. Arrival times rise by 1 s per record. */
    public synchronized String put(String shardId, String data) {
        ShardData shard = shard(shardId);
        if (shard.closed) throw new IllegalStateException(shardId + " is closed");
        String sequenceNumber = BigInteger.valueOf(++sequence).toString();
        arrival = arrival.plusSeconds(1);
        shard.records.add(Record.builder()
                .sequenceNumber(sequenceNumber)
                .partitionKey("k")
                .approximateArrivalTimestamp(arrival)
                .data(SdkBytes.fromString(data, StandardCharsets.UTF_8))
                .build());
        return sequenceNumber;
    }

    /** Appends {@code count} records "record-00", "record-01", ...; returns their sequence numbers. */
    public synchronized List<String> putMany(String shardId, int count) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) out.add(put(shardId, String.format("record-%02d", i)));
        return out;
    }

    /** The arrival time the next record will get, less a millisecond: a cut between older and newer records. */
    public synchronized Instant cutBeforeNext() {
        return arrival.plusSeconds(1).minusMillis(1);
    }

    /** Closes {@code shardId} and opens two children, as SplitShard; returns their ids. */
    public synchronized List<String> split(String shardId) {
        shard(shardId).closed = true;
        return List.of(addShard(shardId, null), addShard(shardId, null));
    }

    /** Closes both shards and opens their merged child, as MergeShards; returns its id. */
    public synchronized String merge(String shardId, String adjacentShardId) {
        shard(shardId).closed = true;
        shard(adjacentShardId).closed = true;
        return addShard(shardId, adjacentShardId);
    }

    /** Every iterator handed out so far expires (as after five minutes). */
    public synchronized void expireIterators() {
        iteratorEpoch++;
    }

    /** Every ListShards token handed out so far expires. */
    public synchronized void expireTokens() {
        tokenEpoch++;
    }

    /** The next calls of {@code call} throw these, one per call, before the stream answers again. */
    public synchronized void failNext(Call call, RuntimeException... errors) {
        failures.computeIfAbsent(call, c -> new ArrayDeque<>()).addAll(List.of(errors));
    }

    /** Runs {@code action} once, right after the next answered call of {@code call}. */
    public synchronized void afterNext(Call call, Runnable action) {
        afterCalls.computeIfAbsent(call, c -> new ArrayDeque<>()).add(action);
    }

    public synchronized List<Logged> calls(Call call) {
        return log.stream().filter(l -> l.call() == call).toList();
    }

    public synchronized int closes() {
        return closes;
    }

    // ---- StreamProxy ------------------------------------------------------------------------------

    @Override
    public synchronized ListShardsResponse listShards(String nextToken, int maxResults) {
        record(Call.LIST_SHARDS, null, nextToken);
        int from = 0;
        if (nextToken != null) {
            String[] token = nextToken.split("/");
            if (Integer.parseInt(token[1]) != tokenEpoch) {
                throw ExpiredNextTokenException.builder()
                        .message("token expired")
                        .build();
            }
            from = Integer.parseInt(token[0]);
        }
        List<Shard> all = shards.values().stream().map(ShardData::toShard).toList();
        if (from > all.size()) throw new IllegalArgumentException("bad token " + nextToken);
        int to = Math.min(all.size(), from + maxResults);
        ListShardsResponse page = ListShardsResponse.builder()
                .shards(all.subList(from, to))
                .nextToken(to < all.size() ? to + "/" + tokenEpoch : null)
                .build();
        answered(Call.LIST_SHARDS);
        return page;
    }

    @Override
    public synchronized String shardIterator(String shardId, ShardPosition position) {
        record(Call.SHARD_ITERATOR, shardId, position.toString());
        ShardData shard = shard(shardId);
        int index;
        switch (position.type()) {
            case TRIM_HORIZON:
                index = 0;
                break;
            case LATEST:
                index = shard.records.size();
                break;
            case AT_TIMESTAMP:
                index = 0;
                while (index < shard.records.size()
                        && shard.records
                                .get(index)
                                .approximateArrivalTimestamp()
                                .isBefore(position.timestamp())) {
                    index++;
                }
                break;
            case AFTER_SEQUENCE_NUMBER:
                index = indexOf(shard, position.sequenceNumber()) + 1;
                break;
            default:
                throw new IllegalArgumentException("no iterator for " + position);
        }
        answered(Call.SHARD_ITERATOR);
        return iterator(shardId, index);
    }

    @Override
    public synchronized GetRecordsResponse getRecords(String shardIterator, int limit) {
        String[] it = shardIterator.split("/");
        record(Call.GET_RECORDS, it[0], shardIterator);
        if (Integer.parseInt(it[2]) != iteratorEpoch) {
            throw ExpiredIteratorException.builder()
                    .message("Iterator " + shardIterator + " has expired")
                    .build();
        }
        ShardData shard = shard(it[0]);
        int from = Integer.parseInt(it[1]);
        int to = Math.min(shard.records.size(), from + limit);
        boolean ended = shard.closed && to == shard.records.size();
        GetRecordsResponse response = GetRecordsResponse.builder()
                .records(List.copyOf(shard.records.subList(from, to)))
                .nextShardIterator(ended ? null : iterator(it[0], to))
                .millisBehindLatest((long) (shard.records.size() - to) * 1000)
                .build();
        answered(Call.GET_RECORDS);
        return response;
    }

    @Override
    public synchronized void close() {
        closes++;
    }

    // ---------------------------------------------------------------------------------------------

    private String addShard(String parent, String adjacentParent) {
        String id = shardId(shards.size());
        shards.put(id, new ShardData(id, parent, adjacentParent));
        return id;
    }

    private ShardData shard(String shardId) {
        ShardData shard = shards.get(shardId);
        if (shard == null) {
            throw ResourceNotFoundException.builder()
                    .message("Shard " + shardId + " not found")
                    .build();
        }
        return shard;
    }

    private static int indexOf(ShardData shard, String sequenceNumber) {
        for (int i = 0; i < shard.records.size(); i++) {
            if (shard.records.get(i).sequenceNumber().equals(sequenceNumber)) return i;
        }
        throw new IllegalArgumentException("no record " + sequenceNumber + " in " + shard.id);
    }

    private String iterator(String shardId, int index) {
        return shardId + "/" + index + "/" + iteratorEpoch;
    }

    private void record(Call call, String shardId, String argument) {
        log.add(new Logged(call, shardId, argument, clock.get()));
        RuntimeException failure =
                failures.getOrDefault(call, new ArrayDeque<>()).poll();
        if (failure != null) throw failure;
    }

    private void answered(Call call) {
        Runnable action = afterCalls.getOrDefault(call, new ArrayDeque<>()).poll();
        if (action != null) action.run();
    }
}
