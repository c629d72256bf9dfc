package io.trailstream.record;

import static io.trailstream.record.ParseSummary.Status.MALFORMED;
import static io.trailstream.record.ParseSummary.Status.OK;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.flink.table.data.RowData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The record limit: a record larger than it is skipped as it streams past, never held, counted in the summary,
 * and the records around it are kept whole; a record within it is kept whatever its size.
 */
class CloudTrailRecordParserLimitTest {
    private static final String BEFORE = "{\"eventID\":\"before\",\"eventName\":\"GetObject\"}";
    private static final String AFTER = "{\"eventID\":\"after\",\"eventTime\":\"2026-11-26T10:05:41Z\"}";
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void aRecordOverTheLimitIsSkippedAndCountedAndTheOthersAreKept() throws IOException {
        String big = "{\"eventID\":\"big\",\"requestParameters\":{\"policy\":\"" + "x".repeat(200_000) + "\"}}";
        String file = "{\"Records\":[" + BEFORE + "," + big + "," + AFTER + "]}";
        List<RowData> rows = new ArrayList<>();
        ParseSummary summary = new CloudTrailRecordParser(64 * 1024)
                .parse(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), Fixtures.CONTEXT, rows::add);

        assertThat(summary.status()).isEqualTo(OK);
        assertThat(summary.recordsEmitted()).isEqualTo(2);
        assertThat(rows).extracting(r -> TestRows.get(r, "raw")).containsExactly(BEFORE, AFTER);
        assertThat(summary.oversized().count()).isEqualTo(1);
        assertThat(summary.oversized().firstOffset()).isEqualTo(file.indexOf(big));
        assertThat(summary.oversized().largestBytes()).isEqualTo(big.length());
        assertThat(summary.oversized().limit()).isEqualTo(64 * 1024);
        assertThat(summary.oversized().describe())
                .isEqualTo("1 record larger than the 65,536-byte limit skipped (the first at byte " + file.indexOf(big)
                        + ", the largest " + String.format("%,d", big.length()) + " bytes)");
    }

    @Test
    void aRecordOfExactlyTheLimitIsKeptOneByteMoreIsNot() throws IOException {
        String record = "{\"eventID\":\"edge\",\"userAgent\":\"" + "u".repeat(10_000) + "\"}";
        String file = "{\"Records\":[" + record + "]}";
        List<RowData> rows = new ArrayList<>();
        ParseSummary kept = new CloudTrailRecordParser(record.length())
                .parse(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), Fixtures.CONTEXT, rows::add);
        assertThat(kept.oversized().count()).isZero();
        assertThat(rows).extracting(r -> TestRows.get(r, "raw")).containsExactly(record);

        rows.clear();
        ParseSummary skipped = new CloudTrailRecordParser(record.length() - 1)
                .parse(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), Fixtures.CONTEXT, rows::add);
        assertThat(skipped.status()).isEqualTo(OK);
        assertThat(skipped.oversized().count()).isEqualTo(1);
        assertThat(rows).isEmpty();
    }

    /**
     * A 256 MB value streams through a parser limited to 1 MiB wherever the value sits: a string column, a JSON
     * column (as a string or inside an object), a timestamp, a boolean, a nested struct, a list, a field that is no
     * column. The bytes are generated as they are read, so the proof that nothing holds them is the allocation of
     * the parsing thread: far below the value's size.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"eventName\":\"%s\"",
                "\"requestParameters\":\"%s\"",
                "\"requestParameters\":{\"policy\":[1,{\"document\":\"%s\"}]}",
                "\"eventTime\":\"%s\"",
                "\"readOnly\":\"%s\"",
                "\"userIdentity\":{\"sessionContext\":{\"sessionIssuer\":{\"arn\":\"%s\"}}}",
                "\"resources\":[{\"ARN\":\"a\"},{\"ARN\":\"%s\"}]",
                "\"notAColumn\":{\"deep\":\"%s\"}"
            })
    void aHugeValueStreamsPastInBoundedMemory(String field) throws IOException {
        long size = 256L * 1024 * 1024;
        String[] around = field.split("%s");
        InputStream file = concat(
                "{\"Records\":[" + BEFORE + ",{\"eventID\":\"huge\"," + around[0],
                repeated((byte) 'A', size),
                around[1] + ",\"eventName\":\"Tail\"}," + AFTER + "]}");
        List<RowData> rows = new ArrayList<>();
        long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
        ParseSummary summary = new CloudTrailRecordParser(1024 * 1024).parse(file, Fixtures.CONTEXT, rows::add);
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore;

        assertThat(summary.status()).isEqualTo(OK);
        assertThat(rows).extracting(r -> TestRows.get(r, "raw")).containsExactly(BEFORE, AFTER);
        assertThat(summary.oversized().count()).isEqualTo(1);
        assertThat(summary.oversized().largestBytes()).isGreaterThan(size);
        assertThat(allocated).as("bytes allocated while parsing").isLessThan(32L * 1024 * 1024);
    }

    @Test
    void oversizedRecordsAreCountedInAFileThatBreaksLater() throws IOException {
        String big = "{\"eventID\":\"big\",\"responseElements\":\"" + "r".repeat(5000) + "\"}";
        String file = "{\"Records\":[" + BEFORE + "," + big + "," + big + "," + AFTER + ",{\"eventID\":";
        List<RowData> rows = new ArrayList<>();
        ParseSummary summary = new CloudTrailRecordParser(1000)
                .parse(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), Fixtures.CONTEXT, rows::add);
        assertThat(summary.status()).isEqualTo(MALFORMED);
        assertThat(rows).extracting(r -> TestRows.get(r, "raw")).containsExactly(BEFORE, AFTER);
        assertThat(summary.oversized().count()).isEqualTo(2);
        assertThat(summary.oversized().describe()).startsWith("2 records larger than the 1,000-byte limit");
    }

    @Test
    void theLimitDoesNotChangeWhatRecordsWithinItBecome() throws IOException {
        byte[] file = Fixtures.bytes("assumed-role.json");
        List<RowData> unlimited = new ArrayList<>();
        List<RowData> limited = new ArrayList<>();
        new CloudTrailRecordParser(Long.MAX_VALUE)
                .parse(new ByteArrayInputStream(file), Fixtures.CONTEXT, unlimited::add);
        new CloudTrailRecordParser(64 * 1024).parse(new ByteArrayInputStream(file), Fixtures.CONTEXT, limited::add);
        assertThat(limited).hasSize(unlimited.size()).isNotEmpty();
        for (int i = 0; i < limited.size(); i++) {
            assertThat(limited.get(i).toString()).isEqualTo(unlimited.get(i).toString());
        }
    }

    private static InputStream concat(String head, InputStream middle, String tail) {
        return new SequenceInputStream(Collections.enumeration(List.of(
                new ByteArrayInputStream(head.getBytes(StandardCharsets.UTF_8)),
                middle,
                new ByteArrayInputStream(tail.getBytes(StandardCharsets.UTF_8)))));
    }

    /** {@code count} copies of {@code b}, made as they are read. */
    static InputStream repeated(byte b, long count) {
        return new InputStream() {
            private long left = count;

            @Override
            public int read() {
                if (left == 0) return -1;
                left--;
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) {
                if (left == 0) return -1;
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(buf, off, off + n, b);
                left -= n;
                return n;
            }
        };
    }
}
