package io.trailstream.object;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.ledger.LedgerOutcome;
import io.trailstream.ledger.LedgerRow;
import io.trailstream.notification.ObjectRef;
import io.trailstream.object.store.ObjectStoreFactory;
import io.trailstream.record.EventLayout;
import io.trailstream.routing.ObjectTask;
import io.trailstream.trail.KeyClassifier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.data.RowData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One object's fetch: what its ledger row says for every kind of content, and per-record account filtering. */
class ObjectFetcherOutcomesTest {
    private static final String KEY_ACCOUNT = "111122223333";
    private static final String KEY = "AWSLogs/" + KEY_ACCOUNT
            + "/CloudTrail/us-east-1/2026/11/26/111122223333_CloudTrail_us-east-1_20261126T0905Z_abcdefghijklmnop.json.gz";

    @TempDir
    Path bucket;

    private ObjectFetcher fetcher;

    @BeforeEach
    void setUp() {
        fetcher = new ObjectFetcher(ObjectStoreFactory.fromConfiguration(new Configuration()));
    }

    @AfterEach
    void tearDown() {
        fetcher.close();
    }

    @Test
    void ingestsEveryRecordOfAGzipFile() throws IOException {
        write(
                KEY,
                gzip(trail(record("111122223333", "e1"), record("111122223333", "e2"), record("111122223333", "e3"))));
        List<RowData> rows = new ArrayList<>();
        LedgerRow o = fetcher.fetch(task(null), rows::add);
        assertThat(o.outcome).isEqualTo(LedgerOutcome.INGESTED);
        assertThat(o.recordCount).isEqualTo(3);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).getString(EventLayout.INTEGRATION_ID).toString()).isEqualTo("acme");
        assertThat(o.compressedBytes).isEqualTo(Files.size(bucket.resolve(KEY)));
        assertThat(o.uncompressedBytes).isGreaterThan(o.compressedBytes);
    }

    @Test
    void plainJsonIsAcceptedToo() throws IOException {
        write(KEY, trail(record("111122223333", "e1")).getBytes(StandardCharsets.UTF_8));
        LedgerRow o = fetcher.fetch(task(null), r -> {});
        assertThat(o.outcome).isEqualTo(LedgerOutcome.INGESTED);
        assertThat(o.recordCount).isEqualTo(1);
    }

    @Test
    void includeListDropsOtherAccountsAndCountsMismatches() throws IOException {
        write(
                KEY,
                gzip(trail(record("111122223333", "e1"), record("444455556666", "e2"), record("999988887777", "e3"))));
        List<RowData> rows = new ArrayList<>();
        LedgerRow o = fetcher.fetch(task(List.of("111122223333", "444455556666")), rows::add);
        assertThat(o.outcome).isEqualTo(LedgerOutcome.INGESTED);
        assertThat(o.recordCount).isEqualTo(2);
        assertThat(o.droppedRecords).isEqualTo(1);
        assertThat(o.mismatchedRecords).isEqualTo(2);
        assertThat(rows)
                .extracting(r -> r.getString(EventLayout.RECIPIENT_ACCOUNT_ID).toString())
                .containsExactly("111122223333", "444455556666");
    }

    @Test
    void truncatedFileKeepsTheRecordsBeforeTheBreak() throws IOException {
        String full = trail(record("111122223333", "e1"), record("111122223333", "e2"));
        String cut = full.substring(0, full.lastIndexOf("\"e2\""));
        write(KEY, gzip(cut));
        List<RowData> rows = new ArrayList<>();
        LedgerRow o = fetcher.fetch(task(null), rows::add);
        assertThat(o.outcome).isEqualTo(LedgerOutcome.PARTIAL);
        assertThat(o.recordCount).isEqualTo(1);
        assertThat(rows).hasSize(1);
        assertThat(o.reason).isNotBlank();
    }

    @Test
    void corruptGzipIsCorruptAndNothingIsKept() throws IOException {
        byte[] bytes = gzip(trail(record("111122223333", "e1")));
        byte[] broken = Arrays.copyOf(bytes, bytes.length);
        for (int i = 12; i < broken.length - 8; i++) broken[i] ^= 0x5a;
        write(KEY, broken);
        List<RowData> rows = new ArrayList<>();
        LedgerRow o = fetcher.fetch(task(null), rows::add);
        assertThat(o.outcome).isEqualTo(LedgerOutcome.CORRUPT);
        assertThat(rows).isEmpty();
    }

    @Test
    void foreignJsonIsNotCloudTrail() throws IOException {
        write(KEY, gzip("{\"hello\":\"world\"}"));
        LedgerRow o = fetcher.fetch(task(null), r -> {});
        assertThat(o.outcome).isEqualTo(LedgerOutcome.NOT_CLOUDTRAIL);
        assertThat(o.recordCount).isZero();
    }

    @Test
    void missingObjectIsMissing() {
        LedgerRow o = fetcher.fetch(task(null), r -> {});
        assertThat(o.outcome).isEqualTo(LedgerOutcome.MISSING);
        assertThat(o.reason).contains(KEY);
    }

    @Test
    void aReplayedObjectSaysSoInItsReason() throws IOException {
        String plainReason = fetcher.fetch(task(null), r -> {}).reason;
        ObjectTask replayed = task(null);
        replayed.ref.replay = true;
        LedgerRow missing = fetcher.fetch(replayed, r -> {});
        assertThat(missing.outcome).isEqualTo(LedgerOutcome.MISSING);
        assertThat(missing.reason)
                .isEqualTo("replay (dedupe bypassed): " + plainReason)
                .contains(KEY);

        write(KEY, gzip(trail(record("111122223333", "e1"))));
        LedgerRow ingested = fetcher.fetch(replayed, r -> {});
        assertThat(ingested.outcome).isEqualTo(LedgerOutcome.INGESTED);
        assertThat(ingested.reason).isEqualTo("replay (dedupe bypassed): 1 records");
    }

    @Test
    void anObjectAboveTheSpoolThresholdIsSpooledParsedAndItsFileRemoved(@TempDir Path spool) throws IOException {
        List<String> records = new ArrayList<>();
        for (int i = 0; i < 2000; i++) records.add(record("111122223333", "e" + i));
        write(KEY, gzip(trail(records.toArray(String[]::new))));
        FetchLimits limits = new FetchLimits(1 << 20, 4096, 1024, 1 << 20, spool.toString());
        try (FetchBuffers buffers = new FetchBuffers(limits, spool);
                ObjectFetcher spooling =
                        new ObjectFetcher(ObjectStoreFactory.fromConfiguration(new Configuration()), buffers)) {
            ObjectTask task = task(null);
            task.ref.size = 10; // what a notification said; the store's length decides
            DownloadedObject d = spooling.download(task);
            assertThat(d.failure).isNull();
            assertThat(d.bytes).isNull();
            assertThat(d.storedLength).isEqualTo(Files.size(bucket.resolve(KEY)));
            assertThat(Path.of(d.spoolFile)).hasSize(d.storedLength);
            assertThat(buffers.spool().held()).isEqualTo(d.storedLength);
            assertThat(buffers.memory().held()).isZero();

            List<RowData> rows = new ArrayList<>();
            LedgerRow o = ObjectFetcher.parse(
                    d, new io.trailstream.record.CloudTrailRecordParser(), Sha256Digests.jdk(), rows::add);
            String file = d.spoolFile;
            FetchBuffers.release(d);
            assertThat(o.outcome).isEqualTo(LedgerOutcome.INGESTED);
            assertThat(o.recordCount).isEqualTo(2000);
            assertThat(o.compressedBytes).isEqualTo(Files.size(bucket.resolve(KEY)));
            assertThat(rows).hasSize(2000);
            assertThat(Path.of(file)).doesNotExist();
            assertThat(buffers.spool().held()).isZero();
        }
    }

    @Test
    void aRecordOverTheLimitMakesTheObjectPartialAndIsNamed() throws IOException {
        String big = "{\"eventID\":\"big\",\"requestParameters\":{\"p\":\"" + "x".repeat(40_000) + "\"}}";
        write(KEY, gzip(trail(record("111122223333", "e1"), big, record("111122223333", "e2"))));
        FetchLimits limits = new FetchLimits(16 * 1024, 1 << 20, 1 << 20, 1 << 20, null);
        try (FetchBuffers buffers = new FetchBuffers(limits, bucket);
                ObjectFetcher limited =
                        new ObjectFetcher(ObjectStoreFactory.fromConfiguration(new Configuration()), buffers)) {
            List<RowData> rows = new ArrayList<>();
            LedgerRow o = limited.fetch(task(null), rows::add);
            assertThat(o.outcome).isEqualTo(LedgerOutcome.PARTIAL);
            assertThat(o.recordCount).isEqualTo(2);
            assertThat(o.oversizedRecords).isEqualTo(1);
            assertThat(o.reason)
                    .startsWith("2 records; 1 record larger than the 16,384-byte limit skipped (the first at byte ");
            assertThat(rows).hasSize(2);
        }
    }

    private ObjectTask task(List<String> includedAccounts) {
        ObjectRef ref = new ObjectRef();
        ref.scheme = "file";
        ref.bucket = bucket.toString();
        ref.key = KEY;
        ref.notifiedAtMillis = 1;
        return new ObjectTask(ref, new KeyClassifier().classify(KEY), "acme", includedAccounts);
    }

    private void write(String key, byte[] bytes) throws IOException {
        Path file = bucket.resolve(key);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    private static String trail(String... records) {
        return "{\"Records\":[" + String.join(",", records) + "]}";
    }

    private static String record(String account, String eventId) {
        return "{\"eventVersion\":\"1.11\",\"eventTime\":\"2026-11-26T09:05:00Z\",\"eventSource\":\"s3.amazonaws.com\","
                + "\"eventName\":\"GetObject\",\"awsRegion\":\"us-east-1\",\"eventID\":\"" + eventId + "\","
                + "\"recipientAccountId\":\"" + account + "\"}";
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
