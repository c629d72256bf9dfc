package io.trailstream.record;

import static io.trailstream.record.ParseSummary.Status.MALFORMED;
import static io.trailstream.record.ParseSummary.Status.NOT_CLOUDTRAIL;
import static io.trailstream.record.ParseSummary.Status.OK;
import static io.trailstream.record.TestRows.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailstream.record.Fixtures.Parsed;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.table.data.RowData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How whole files end: OK, NOT_CLOUDTRAIL, MALFORMED after the records before the break, or a thrown I/O error. */
class CloudTrailRecordParserFileTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}",
                "[]",
                "[{\"eventName\":\"x\"}]",
                "\"text\"",
                "42",
                "null",
                "{\"Records\":{}}",
                "{\"Records\":null}",
                "{\"records\":[{\"eventName\":\"x\"}]}",
                "{\"awsAccountId\":\"111122223333\",\"digestStartTime\":\"2024-01-01T00:00:00Z\","
                        + "\"logFiles\":[{\"s3Bucket\":\"b\",\"s3Object\":\"k\"}]}"
            })
    void otherJsonIsNotCloudTrail(String json) {
        Parsed parsed = Fixtures.parseText(json);
        assertThat(parsed.summary().status()).isEqualTo(NOT_CLOUDTRAIL);
        assertThat(parsed.rows()).isEmpty();
        assertThat(parsed.summary().error()).isNotBlank();
        assertThat(parsed.summary().bytesRead()).isEqualTo(json.length());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "  \n",
                "{\"Records\":[",
                "{\"Records\":[]",
                "nope",
                "{\"Records\":[]} {}",
                "{\"Records\":[]}]"
            })
    void brokenOrEmptyInputIsMalformed(String json) {
        Parsed parsed = Fixtures.parseText(json);
        assertThat(parsed.summary().status()).isEqualTo(MALFORMED);
        assertThat(parsed.summary().error()).contains("at byte");
        assertThat(parsed.rows()).isEmpty();
    }

    @Test
    void emptyRecordsArrayIsOk() {
        Parsed parsed = Fixtures.parseText("{\"Records\":[]}\n");
        assertThat(parsed.summary()).isEqualTo(new ParseSummary(OK, 0, 0, 15, -1, null));
    }

    @Test
    void elementsThatAreNotObjectsAreSkippedAndCounted() {
        Parsed parsed = Fixtures.parseText(
                "{\"Records\":[{\"eventID\":\"a\"},\"str\",42,null,true,[1,{\"x\":2}],{\"eventID\":\"b\"}]}");
        assertThat(parsed.summary().status()).isEqualTo(OK);
        assertThat(parsed.summary().recordsEmitted()).isEqualTo(2);
        assertThat(parsed.summary().recordsSkipped()).isEqualTo(5);
        assertThat(parsed.rows()).extracting(row -> str(row, "event_id")).containsExactly("a", "b");
    }

    @Test
    void invalidJsonMidwayKeepsTheRecordsBeforeIt() {
        String json = "{\"Records\":[{\"eventID\":\"a\"},{\"eventID\":\"b\",\"x\":tru},{\"eventID\":\"c\"}]}";
        Parsed parsed = Fixtures.parseText(json);
        assertThat(parsed.summary().status()).isEqualTo(MALFORMED);
        assertThat(parsed.rows()).extracting(row -> str(row, "event_id")).containsExactly("a");
        assertThat(parsed.summary().recordsEmitted()).isEqualTo(1);
        long offset = parsed.summary().errorOffset();
        assertThat(offset).isBetween((long) json.indexOf("tru"), (long) json.indexOf("tru") + 4);
        assertThat(parsed.summary().error()).contains("at byte " + offset).contains("after 1 records");
    }

    @Test
    void contentAfterTheRootObjectIsMalformedButItsRecordsWereDelivered() {
        Parsed parsed = Fixtures.parseText("{\"Records\":[{\"eventID\":\"a\"}]}garbage");
        assertThat(parsed.summary().status()).isEqualTo(MALFORMED);
        assertThat(parsed.rows()).hasSize(1);
    }

    /** Cutting the file anywhere yields exactly the records that end before the cut, each with its exact raw. */
    @Test
    void everyTruncationDeliversTheCompleteRecordsBeforeIt() {
        byte[] file = Fixtures.bytes("identity-types.json");
        List<String> records = Fixtures.recordLines(file);
        String text = new String(file, StandardCharsets.UTF_8);
        List<Integer> recordEnds = new ArrayList<>();
        int from = 0;
        for (String record : records) {
            from = text.indexOf(record, from) + record.length();
            recordEnds.add(from);
        }
        int rootEnd = text.lastIndexOf('}') + 1;
        for (int cut = 0; cut < file.length; cut++) {
            Parsed parsed = Fixtures.parse(Arrays.copyOf(file, cut));
            int complete = 0;
            while (complete < recordEnds.size() && recordEnds.get(complete) <= cut) complete++;
            assertThat(parsed.rows()).as("cut at %d", cut).hasSize(complete);
            assertThat(parsed.summary().status()).as("cut at %d", cut).isEqualTo(cut >= rootEnd ? OK : MALFORMED);
            for (int i = 0; i < complete; i++) {
                assertThat(str(parsed.row(i), "raw")).isEqualTo(records.get(i));
            }
        }
    }

    @Test
    void truncatedGzipDeliversTheRecordsBeforeTheBreak() throws IOException {
        byte[] file = manyRecords(3000);
        byte[] gzip = gzip(file);
        byte[] half = Arrays.copyOf(gzip, gzip.length / 2);
        Parsed parsed = Fixtures.parse(new GZIPInputStream(new ByteArrayInputStream(half)));
        assertThat(parsed.summary().status()).isEqualTo(MALFORMED);
        assertThat(parsed.summary().error()).contains("compressed stream broken");
        assertThat(parsed.rows().size()).isBetween(1, 2999);
        assertThat(parsed.summary().recordsEmitted()).isEqualTo(parsed.rows().size());
        List<String> records = Fixtures.recordLines(file);
        for (int i = 0; i < parsed.rows().size(); i++) {
            assertThat(str(parsed.row(i), "raw")).isEqualTo(records.get(i));
        }
    }

    @Test
    void corruptGzipIsMalformed() throws IOException {
        byte[] gzip = gzip(manyRecords(200));
        for (int i = gzip.length / 2; i < gzip.length / 2 + 64; i++) gzip[i] ^= 0x5A;
        Parsed parsed = Fixtures.parse(new GZIPInputStream(new ByteArrayInputStream(gzip)));
        assertThat(parsed.summary().status()).isEqualTo(MALFORMED);
        assertThat(parsed.rows().size()).isLessThan(200);
    }

    @Test
    void aFailingSourceIsThrownNotReported() {
        byte[] file = manyRecords(2000);
        List<RowData> rows = new ArrayList<>();
        InputStream failing = new FilterInputStream(new ByteArrayInputStream(file)) {
            private int read;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (read > file.length / 2) throw new IOException("Connection reset");
                int n = super.read(b, off, Math.min(len, 1000));
                read += Math.max(n, 0);
                return n;
            }
        };
        assertThatThrownBy(() -> new CloudTrailRecordParser().parse(failing, Fixtures.CONTEXT, rows::add))
                .isInstanceOf(IOException.class)
                .hasMessage("Connection reset");
        assertThat(rows).isNotEmpty();
    }

    @Test
    void consumerFailuresPropagate() {
        assertThatThrownBy(() -> new CloudTrailRecordParser()
                        .parse(new ByteArrayInputStream(Fixtures.bytes("root.json")), Fixtures.CONTEXT, row -> {
                            throw new IllegalStateException("downstream");
                        }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("downstream");
    }

    @Test
    void aByteOrderMarkIsAccepted() {
        byte[] file = Fixtures.bytes("root.json");
        byte[] withBom = new byte[file.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(file, 0, withBom, 3, file.length);
        Parsed parsed = Fixtures.parse(withBom);
        assertThat(parsed.summary().status()).isEqualTo(OK);
        assertThat(str(parsed.row(0), "raw"))
                .isEqualTo(Fixtures.recordLines(file).get(0));
    }

    @Test
    void utf16IsRejected() {
        byte[] utf16 = "\uFEFF{\"Records\":[{\"eventID\":\"a\"}]}".getBytes(StandardCharsets.UTF_16LE);
        Parsed parsed = Fixtures.parse(utf16);
        assertThat(parsed.summary().status()).isEqualTo(MALFORMED);
        assertThat(parsed.summary().error()).contains("not UTF-8");
    }

    @Test
    void largeFilesStreamThroughWithEveryRawExact() {
        byte[] file = manyRecords(20_000);
        Parsed parsed = Fixtures.parse(file);
        assertThat(parsed.summary().status()).isEqualTo(OK);
        assertThat(parsed.summary().bytesRead()).isEqualTo(file.length);
        List<String> records = Fixtures.recordLines(file);
        assertThat(parsed.rows()).hasSize(records.size());
        for (int i = 0; i < records.size(); i++) {
            assertThat(str(parsed.row(i), "raw")).isEqualTo(records.get(i));
        }
    }

    @Test
    void aRecordLargerThanTheBufferIsKeptWhole() {
        String big = "x".repeat(3 * 1024 * 1024);
        String record =
                "{\"eventID\":\"big\",\"requestParameters\":{\"policy\":\"" + big + "\"},\"eventName\":\"PutPolicy\"}";
        Parsed parsed =
                Fixtures.parseText("{\"Records\":[{\"eventID\":\"small\"}," + record + ",{\"eventID\":\"after\"}]}");
        assertThat(parsed.summary().status()).isEqualTo(OK);
        assertThat(parsed.rows()).hasSize(3);
        assertThat(str(parsed.row(1), "raw")).isEqualTo(record);
        assertThat(str(parsed.row(1), "event_name")).isEqualTo("PutPolicy");
        assertThat(str(parsed.row(1), "request_parameters")).isEqualTo("{\"policy\":\"" + big + "\"}");
        assertThat(str(parsed.row(2), "raw")).isEqualTo("{\"eventID\":\"after\"}");
    }

    @Test
    void aParserIsReusableAfterAnyOutcome() throws IOException {
        CloudTrailRecordParser parser = new CloudTrailRecordParser();
        List<RowData> rows = new ArrayList<>();
        assertThat(parser.parse(
                                new ByteArrayInputStream(
                                        "{\"Records\":[{\"eventID\":\"a\"},{".getBytes(StandardCharsets.UTF_8)),
                                Fixtures.CONTEXT,
                                rows::add)
                        .status())
                .isEqualTo(MALFORMED);
        assertThat(parser.parse(
                                new ByteArrayInputStream("[]".getBytes(StandardCharsets.UTF_8)),
                                Fixtures.CONTEXT,
                                rows::add)
                        .status())
                .isEqualTo(NOT_CLOUDTRAIL);
        rows.clear();
        byte[] file = Fixtures.bytes("assumed-role.json");
        ParseSummary summary = parser.parse(new ByteArrayInputStream(file), Fixtures.CONTEXT, rows::add);
        assertThat(summary).isEqualTo(new ParseSummary(OK, 2, 0, file.length, -1, null));
        assertThat(rows).extracting(row -> str(row, "raw")).containsExactlyElementsOf(Fixtures.recordLines(file));
    }

    /** A file of {@code count} fixture records (cycled), one per line. */
    static byte[] manyRecords(int count) {
        List<String> pool = new ArrayList<>();
        for (String fixture : new String[] {
            "iam-user.json", "assumed-role.json", "data-event.json", "unicode.json", "big-numbers.json", "insight.json"
        }) {
            pool.addAll(Fixtures.recordLines(Fixtures.bytes(fixture)));
        }
        StringBuilder file = new StringBuilder("{\"Records\":[\n");
        for (int i = 0; i < count; i++) {
            file.append(pool.get(i % pool.size())).append(i < count - 1 ? ",\n" : "\n");
        }
        return file.append("]}\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
