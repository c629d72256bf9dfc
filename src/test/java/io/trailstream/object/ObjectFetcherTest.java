package io.trailstream.object;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.ledger.LedgerOutcome;
import io.trailstream.ledger.LedgerRow;
import io.trailstream.notification.ObjectRef;
import io.trailstream.object.store.ObjectStore;
import io.trailstream.object.store.OpenedObject;
import io.trailstream.object.store.RetryPolicy;
import io.trailstream.record.EventLayout;
import io.trailstream.routing.ObjectTask;
import io.trailstream.trail.KeyClassifier;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.table.data.RowData;
import org.junit.jupiter.api.Test;

/** What one object becomes: its rows once and one outcome, whatever happens while reading it. */
class ObjectFetcherTest {
    private static final String KEY = "AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/26/"
            + "111122223333_CloudTrail_us-east-1_20261126T0905Z_aBcD1234eFgH5678.json.gz";
    private static final int RECORDS = 400;

    private final byte[] gzip = gzip(logFile());
    private final List<Long> waits = new ArrayList<>();

    @Test
    void aReadThatBreaksOffIsStartedOverAndYieldsEveryRowOnce() {
        BreakingStore store = new BreakingStore(gzip, gzip.length / 2);
        List<RowData> rows = new ArrayList<>();
        LedgerRow outcome = fetcher(store, 2).fetch(task(), rows::add);

        assertThat(outcome.outcome).isEqualTo(LedgerOutcome.INGESTED);
        assertThat(outcome.recordCount).isEqualTo(RECORDS);
        assertThat(rows).hasSize(RECORDS);
        assertThat(eventIds(rows)).doesNotHaveDuplicates();
        assertThat(store.opened).as("opened again after the broken read").isEqualTo(2);
        assertThat(waits).hasSize(1);
        assertThat(outcome.compressedBytes).isEqualTo(gzip.length);
    }

    @Test
    void whenEveryReadBreaksTheObjectFailsWithoutRows() {
        BreakingStore store = new BreakingStore(gzip, gzip.length / 3, gzip.length / 3, gzip.length / 3);
        List<RowData> rows = new ArrayList<>();
        LedgerRow outcome = fetcher(store, 2).fetch(task(), rows::add);

        assertThat(outcome.outcome).isEqualTo(LedgerOutcome.FETCH_FAILED);
        assertThat(outcome.reason)
                .contains("gave up")
                .contains("read broke off")
                .contains("(after 3 attempts)");
        assertThat(outcome.recordCount).isZero();
        assertThat(rows).as("no rows of a broken read").isEmpty();
        assertThat(store.opened).isEqualTo(3);
    }

    @Test
    void aStoredFileThatEndsEarlyIsPartialAndNotReadAgain() {
        byte[] truncated = Arrays.copyOf(gzip, gzip.length / 2);
        BreakingStore store = new BreakingStore(truncated);
        List<RowData> rows = new ArrayList<>();
        LedgerRow outcome = fetcher(store, 2).fetch(task(), rows::add);

        assertThat(outcome.outcome).isEqualTo(LedgerOutcome.PARTIAL);
        assertThat(outcome.recordCount).isPositive().isLessThan(RECORDS).isEqualTo(rows.size());
        assertThat(store.opened).isEqualTo(1);
    }

    @Test
    void corruptBytesAreCorruptAndNotReadAgain() {
        byte[] corrupt = gzip.clone();
        for (int i = 20; i < 200; i++) corrupt[i] = (byte) (i * 31);
        BreakingStore store = new BreakingStore(corrupt);
        LedgerRow outcome = fetcher(store, 2).fetch(task(), row -> {});

        assertThat(outcome.outcome).isEqualTo(LedgerOutcome.CORRUPT);
        assertThat(store.opened).isEqualTo(1);
    }

    @Test
    void onlyFailuresThatSayNothingOfTheBytesAreBrokenReads() {
        assertThat(ObjectFetcher.isBrokenRead(new SocketException("Connection reset")))
                .isTrue();
        assertThat(ObjectFetcher.isBrokenRead(
                        new IOException("Premature end of Content-Length delimited message body")))
                .isTrue();
        assertThat(ObjectFetcher.isBrokenRead(software.amazon.awssdk.core.exception.SdkClientException.create(
                        "Data read has a different checksum")))
                .isTrue();
        assertThat(ObjectFetcher.isBrokenRead(new java.util.zip.ZipException("corrupt gzip data")))
                .isFalse();
        assertThat(ObjectFetcher.isBrokenRead(new java.io.EOFException("truncated gzip data")))
                .isFalse();
        assertThat(ObjectFetcher.isBrokenRead(new IllegalStateException("a bug")))
                .isFalse();
    }

    // ------------------------------------------------------------------------------------------------

    private ObjectFetcher fetcher(ObjectStore store, int retries) {
        return new ObjectFetcher(
                store, new RetryPolicy(retries, Duration.ofMillis(100), Duration.ofSeconds(1)), waits::add);
    }

    private static ObjectTask task() {
        KeyClassifier classifier = new KeyClassifier();
        return new ObjectTask(ObjectRef.s3("trail-bucket", KEY), classifier.classify(KEY), "acme", null);
    }

    private static List<String> eventIds(List<RowData> rows) {
        int id = EventLayout.EVENTS.positionOf("event_id");
        List<String> ids = new ArrayList<>();
        rows.forEach(r -> ids.add(r.getString(id).toString()));
        return ids;
    }

    private static String logFile() {
        StringBuilder s = new StringBuilder("{\"Records\":[");
        for (int i = 0; i < RECORDS; i++) {
            if (i > 0) s.append(',');
            s.append("{\"eventVersion\":\"1.10\",\"eventTime\":\"2026-11-26T09:0")
                    .append(i % 10)
                    .append(":00Z\",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\",")
                    .append("\"requestParameters\":{\"key\":\"reports/")
                    .append(i * 7919 % 10007)
                    .append(".csv\"},\"eventID\":\"id-")
                    .append(i)
                    .append("\",\"recipientAccountId\":\"111122223333\"}");
        }
        return s.append("]}").toString();
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    /** Serves {@code bytes}; the n-th open's stream throws after {@code breakAfter[n]} bytes, later opens are whole. */
    private static final class BreakingStore implements ObjectStore {
        private final byte[] bytes;
        private final int[] breakAfter;
        int opened;

        BreakingStore(byte[] bytes, int... breakAfter) {
            this.bytes = bytes;
            this.breakAfter = breakAfter;
        }

        @Override
        public OpenedObject open(ObjectRef ref) {
            int limit = opened < breakAfter.length ? breakAfter[opened] : -1;
            opened++;
            InputStream in = new ByteArrayInputStream(bytes);
            if (limit >= 0) in = new BreakingStream(in, limit);
            return new OpenedObject(ref, in, bytes.length, "etag-1");
        }
    }

    /** A connection that drops after {@code limit} bytes, as Apache's client reports it. */
    private static final class BreakingStream extends java.io.FilterInputStream {
        private long left;

        BreakingStream(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) throw new IOException("Premature end of Content-Length delimited message body");
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) left -= n;
            return n;
        }
    }
}
