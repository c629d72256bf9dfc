package io.trailstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.testing.KinesisEmulator;
import io.trailstream.testing.S3Emulator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.iceberg.data.Record;

/** Trail objects in S3, their notifications (with redeliveries) and what the tables must hold. */
final class Scenario {
    final String stream;
    final String bucket;
    private final KinesisEmulator kinesis;
    final List<Obj> objects = new ArrayList<>();
    final List<Map.Entry<String, byte[]>> notifications = new ArrayList<>();
    final AtomicReference<Throwable> producerFailure = new AtomicReference<>();

    /**
     * {@code objectCount} trail files of {@code minRecords}..{@code maxRecords} records each in {@code bucket} on
     * {@code s3}, their notifications (S3 events, half of them in SNS envelopes) and {@code redeliveries} repeated
     * ones, for a new stream {@code notifications-<name>} of two shards on {@code kinesis}.
     */
    Scenario(
            KinesisEmulator kinesis,
            S3Emulator s3,
            String bucket,
            long seed,
            String name,
            int objectCount,
            int minRecords,
            int maxRecords,
            int redeliveries) {
        this.kinesis = kinesis;
        this.bucket = bucket;
        TrailData data = new TrailData(seed);
        Random random = data.random();
        stream = "notifications-" + name;
        kinesis.createStream(stream, 2);
        String[] accounts = {"111122223333", "222233334444", "444455556666"};
        String[] regions = {"us-east-1", "eu-west-1", "eu-central-1", "ap-southeast-2"};
        List<String> payloads = new ArrayList<>();
        for (int i = 0; i < objectCount; i++) {
            String account = accounts[i % accounts.length];
            String region = regions[i % regions.length];
            Obj o = new Obj(data.logKey(null, null, account, region, 9 * 60 + i));
            int n = minRecords + random.nextInt(maxRecords - minRecords + 1);
            for (int r = 0; r < n; r++) o.records.add(data.record(account, region));
            byte[] gz = TrailData.gzip(TrailData.logFile(o.records));
            o.eTag = s3.put(bucket, o.key, gz);
            o.size = gz.length;
            o.sequencer = String.format("0065D2C3B8A1%06X", i + 1);
            objects.add(o);
            String event = Notifications.s3Event(bucket, o.key, o.size, o.eTag, o.sequencer);
            payloads.add(i % 2 == 0 ? event : Notifications.sns(event));
        }
        // S3 delivers at least once: some events again, later in the stream (after a restore, the router
        // must still remember the first delivery from its restored state).
        for (int d = 0; d < redeliveries; d++) {
            int i = random.nextInt(objectCount);
            Obj o = objects.get(i);
            o.deliveries++;
            int at = Math.min(payloads.size(), i + 1 + random.nextInt(payloads.size() - i));
            payloads.add(at, Notifications.s3Event(bucket, o.key, o.size, o.eTag, o.sequencer));
        }
        for (String p : payloads) {
            notifications.add(
                    new AbstractMap.SimpleEntry<>("n-" + notifications.size(), p.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** Publishes the notifications in batches from a background thread, as they would trickle in. */
    Thread publishGradually(int batch, Duration pause) {
        Thread producer = new Thread(
                () -> {
                    try {
                        for (int from = 0; from < notifications.size(); from += batch) {
                            kinesis.putAll(
                                    stream, notifications.subList(from, Math.min(notifications.size(), from + batch)));
                            Thread.sleep(pause.toMillis());
                        }
                    } catch (Throwable t) {
                        producerFailure.set(t);
                    }
                },
                "notification-producer");
        producer.setDaemon(true);
        producer.start();
        return producer;
    }

    long recordCount() {
        return objects.stream().mapToLong(o -> o.records.size()).sum();
    }

    long ledgerRows() {
        return objects.stream().mapToLong(o -> o.deliveries).sum();
    }

    Map<String, Long> expectedCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("objects", ledgerRows());
        counts.put("events", recordCount());
        return counts;
    }

    void assertExactlyOnce(Warehouse tables) {
        assertThat(producerFailure.get()).as("publishing the notifications").isNull();
        List<String> expected = new ArrayList<>();
        objects.forEach(o -> expected.addAll(o.records));
        Map<String, String> keyOf = new TreeMap<>();
        objects.forEach(o -> o.records.forEach(
                r -> keyOf.put(TrailData.tree(r).get("eventID").asText(), o.key)));
        List<Record> events = tables.rows("events");
        Multisets.assertSame(
                "events: every record exactly once",
                events.stream()
                        .map(r -> TrailData.tree((String) r.getField("raw")))
                        .collect(Collectors.toList()),
                expected.stream().map(TrailData::tree).collect(Collectors.toList()),
                r -> r.path("eventID").asText() + " of "
                        + keyOf.get(r.path("eventID").asText()));

        Map<String, List<String>> outcomes = new TreeMap<>();
        for (Record r : tables.rows("objects")) {
            outcomes.computeIfAbsent((String) r.getField("key"), k -> new ArrayList<>())
                    .add(r.getField("outcome") + " " + r.getField("record_count"));
        }
        outcomes.values().forEach(l -> l.sort(null));
        Map<String, List<String>> expectedOutcomes = new TreeMap<>();
        for (Obj o : objects) {
            List<String> rows = new ArrayList<>();
            rows.add("ingested " + o.records.size());
            for (int d = 1; d < o.deliveries; d++) rows.add("duplicate 0");
            rows.sort(null);
            expectedOutcomes.put(o.key, rows);
        }
        assertThat(outcomes)
                .as("objects ledger: each object ingested once, each redelivery a duplicate")
                .isEqualTo(expectedOutcomes);
        assertThat(tables.count("insights")).isZero();
        assertThat(tables.count("dead_letters")).isZero();
    }

    static final class Obj {
        final String key;
        final List<String> records = new ArrayList<>();
        String eTag;
        long size;
        String sequencer;
        int deliveries = 1;

        Obj(String key) {
            this.key = key;
        }
    }
}
