package io.trailstream.object.gzip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;

class GzipTest {

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    /** A CloudTrail-like JSON document of about {@code records} × 300 bytes, compressible like the real ones. */
    private static byte[] json(int records, long seed) {
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder("{\"Records\":[");
        for (int i = 0; i < records; i++) {
            if (i > 0) sb.append(',');
            sb.append("{\"eventVersion\":\"1.09\",\"eventTime\":\"2025-03-14T09:0")
                    .append(i % 10)
                    .append(":00Z\",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\",\"requestID\":\"")
                    .append(Long.toHexString(random.nextLong()))
                    .append(Long.toHexString(random.nextLong()))
                    .append("\",\"sourceIPAddress\":\"198.51.100.")
                    .append(random.nextInt(255))
                    .append("\"}");
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Hands out at most one byte per read and says nothing is available, as a slow network stream may. */
    private static InputStream trickle(byte[] data) {
        return new FilterInputStream(new ByteArrayInputStream(data)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1));
            }

            @Override
            public int available() {
                return 0;
            }
        };
    }

    @Test
    void plainJsonPassesThroughUnchanged() throws IOException {
        byte[] data = json(50, 1);
        assertThat(readAll(Gzip.decompressIfGzip(new ByteArrayInputStream(data))))
                .isEqualTo(data);
    }

    @Test
    void tinyAndEmptyInputsPassThrough() throws IOException {
        assertThat(readAll(Gzip.decompressIfGzip(new ByteArrayInputStream(new byte[0]))))
                .isEmpty();
        assertThat(readAll(Gzip.decompressIfGzip(new ByteArrayInputStream(new byte[] {0x1f}))))
                .containsExactly(0x1f);
        byte[] almostMagic = {0x1f, 0x00, 0x7b};
        assertThat(readAll(Gzip.decompressIfGzip(new ByteArrayInputStream(almostMagic))))
                .isEqualTo(almostMagic);
    }

    @Test
    void detectionLooksAtBytesEvenWhenTheyArriveOneByOne() throws IOException {
        byte[] data = json(20, 2);
        assertThat(readAll(Gzip.decompressIfGzip(trickle(gzip(data))))).isEqualTo(data);
        assertThat(readAll(Gzip.decompressIfGzip(trickle(data)))).isEqualTo(data);
    }

    @Test
    void singleMemberLargerThanTheBuffers() throws IOException {
        byte[] data = json(20_000, 3); // ~2.6 MB, many 64 KiB reads on both sides
        byte[] compressed = gzip(data);
        assertThat(compressed.length).isGreaterThan(Gzip.BUFFER_SIZE);

        assertThat(readAll(Gzip.decompressIfGzip(new ByteArrayInputStream(compressed))))
                .isEqualTo(data);
    }

    @Test
    void concatenatedMembersAreOneFile() throws IOException {
        byte[] a = json(3000, 4);
        byte[] b = json(10, 5);
        byte[] c = new byte[0];
        byte[] d = json(500, 6);
        byte[] compressed = concat(gzip(a), gzip(b), gzip(c), gzip(d));

        assertThat(readAll(Gzip.decompressIfGzip(new ByteArrayInputStream(compressed))))
                .isEqualTo(concat(a, b, c, d));
    }

    @Test
    void concatenatedMembersSurviveAStreamThatReportsNothingAvailable() throws IOException {
        byte[] a = json(200, 7);
        byte[] b = json(200, 8);

        assertThat(readAll(Gzip.decompressIfGzip(trickle(concat(gzip(a), gzip(b))))))
                .isEqualTo(concat(a, b));
    }

    @Test
    void theEndOfTheFirstMemberIsKnownWhereverTheBuffersBreak() throws IOException {
        byte[] a = gzip(json(3000, 11));
        byte[] b = gzip(json(10, 12));
        InputStream one = Gzip.decompressIfGzip(trickle(a));
        assertThat(Gzip.firstMemberEnd(one)).as("not read yet").isEqualTo(-1);
        readAll(one);
        assertThat(Gzip.firstMemberEnd(one)).isEqualTo(a.length);
        InputStream two = Gzip.decompressIfGzip(new ByteArrayInputStream(concat(a, b, new byte[5])));
        readAll(two);
        assertThat(Gzip.firstMemberEnd(two)).isEqualTo(a.length);
        assertThat(Gzip.firstMemberEnd(Gzip.decompressIfGzip(new ByteArrayInputStream(json(2, 1)))))
                .as("not gzip")
                .isEqualTo(-1);
    }

    @Test
    void manySmallMembers() throws IOException {
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        for (int i = 0; i < 200; i++) {
            byte[] part = ("{\"n\":" + i + "}\n").getBytes(StandardCharsets.UTF_8);
            plain.writeBytes(part);
            compressed.writeBytes(gzip(part));
        }
        assertThat(readAll(Gzip.decompressIfGzip(new ByteArrayInputStream(compressed.toByteArray()))))
                .isEqualTo(plain.toByteArray());
    }

    @Test
    void singleByteReadsMatchBulkReads() throws IOException {
        byte[] data = json(30, 9);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = Gzip.decompressIfGzip(new ByteArrayInputStream(concat(gzip(data), gzip(data))))) {
            int b;
            while ((b = in.read()) >= 0) out.write(b);
        }
        assertThat(out.toByteArray()).isEqualTo(concat(data, data));
    }

    @Test
    void optionalHeaderFieldsAreSkipped() throws IOException {
        byte[] data = "{\"Records\":[]}".getBytes(StandardCharsets.UTF_8);
        byte[] member = memberWithAllHeaderFields(data);

        assertThat(readAll(Gzip.decompressIfGzip(new ByteArrayInputStream(member))))
                .isEqualTo(data);
    }

    @Test
    void trailingZeroPaddingIsAccepted() throws IOException {
        byte[] data = json(5, 10);
        byte[] padded = concat(gzip(data), new byte[512]);

        assertThat(readAll(Gzip.decompressIfGzip(new ByteArrayInputStream(padded))))
                .isEqualTo(data);
    }

    @Test
    void trailingGarbageIsAnError() throws IOException {
        byte[] withGarbage = concat(gzip(json(5, 11)), "garbage".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> readAll(Gzip.decompressIfGzip(new ByteArrayInputStream(withGarbage))))
                .isInstanceOf(ZipException.class)
                .hasMessageContaining("not gzip");
    }

    @Test
    void badCrcIsAnError() throws IOException {
        byte[] compressed = gzip(json(5, 12));
        compressed[compressed.length - 8] ^= 0x01;

        assertThatThrownBy(() -> readAll(Gzip.decompressIfGzip(new ByteArrayInputStream(compressed))))
                .isInstanceOf(ZipException.class)
                .hasMessageContaining("CRC");
    }

    @Test
    void truncatedDataIsAnError() throws IOException {
        byte[] compressed = gzip(json(500, 13));
        for (int cut : new int[] {5, 30, compressed.length / 2, compressed.length - 4}) {
            byte[] truncated = Arrays.copyOf(compressed, cut);
            assertThatThrownBy(() -> readAll(Gzip.decompressIfGzip(new ByteArrayInputStream(truncated))))
                    .as("cut at %d", cut)
                    .isInstanceOf(EOFException.class);
        }
    }

    @Test
    void corruptDeflateDataIsAnError() throws IOException {
        byte[] compressed = gzip(json(500, 14));
        for (int i = 20; i < 60; i++) compressed[i] = (byte) 0xff;

        assertThatThrownBy(() -> readAll(Gzip.decompressIfGzip(new ByteArrayInputStream(compressed))))
                .isInstanceOf(IOException.class);
    }

    @Test
    void closingTheResultClosesTheSource() throws IOException {
        boolean[] closed = {false};
        InputStream source = new ByteArrayInputStream(gzip(json(1, 15))) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        Gzip.decompressIfGzip(source).close();
        assertThat(closed[0]).isTrue();
    }

    @Test
    void magicCheck() {
        assertThat(Gzip.hasGzipMagic(new byte[] {0x1f, (byte) 0x8b, 8})).isTrue();
        assertThat(Gzip.hasGzipMagic("{}".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(Gzip.hasGzipMagic(new byte[] {0x1f})).isFalse();
        assertThat(Gzip.hasGzipMagic(null)).isFalse();
    }

    /** A gzip member with FEXTRA, FNAME, FCOMMENT and FHCRC set, as some tools write them. */
    private static byte[] memberWithAllHeaderFields(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 2 | 4 | 8 | 16, 0x5e, 0x3c, 0x00, 0x65, 0, 3});
        out.writeBytes(new byte[] {4, 0, 'A', 'P', 0, 0}); // XLEN=4, one empty subfield
        out.writeBytes("events.json\0".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes("exported by a test\0".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(new byte[] {0x12, 0x34}); // header CRC16, not checked
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(data);
        deflater.finish();
        byte[] chunk = new byte[1024];
        while (!deflater.finished()) out.write(chunk, 0, deflater.deflate(chunk));
        deflater.end();
        CRC32 crc = new CRC32();
        crc.update(data);
        writeIntLE(out, crc.getValue());
        writeIntLE(out, data.length);
        return out.toByteArray();
    }

    private static void writeIntLE(ByteArrayOutputStream out, long v) {
        for (int i = 0; i < 4; i++) out.write((int) (v >>> (8 * i)) & 0xff);
    }
}
