package io.trailstream.testing;

import io.trailstream.ledger.LedgerOutcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The hostile folder of issue 7: a gzip bomb (one record holding a huge string in a few hundred KB of gzip, between
 * two ordinary records), a large log file, and twenty small broken or odd ones, laid out as a trail bucket, with
 * what each must end as. Written by streaming, so that making it takes no more memory than reading it should.
 */
public final class HostileTrail {
    public static final String ACCOUNT = "111122223333";

    /** How large the bomb's string is and how many records the large file holds. */
    public record Sizes(long bombStringBytes, int largeFileRecords) {
        /** The issue's folder: a 300 MB string and a 150,000-record file. */
        public static final Sizes ISSUE = new Sizes(300_000_000L, 150_000);
    }

    /** What one object of the folder must end as in the ledger. */
    public record Expected(String key, LedgerOutcome outcome, long records, String reasonContains) {}

    private final Path bucket;
    private final List<Expected> expected = new ArrayList<>();
    private int minute;

    private HostileTrail(Path bucket) {
        this.bucket = bucket;
    }

    /** Writes the folder under {@code bucket}; returns what each object must become. */
    public static List<Expected> write(Path bucket, Sizes sizes) throws IOException {
        return write(bucket, sizes, null);
    }

    /**
     * As {@link #write(Path, Sizes)}, with {@code largeFile} (a gzip log file of {@code sizes.largeFileRecords()}
     * records, e.g. from {@code gen_cloudtrail.py}) copied in instead of a generated one, when not null.
     */
    public static List<Expected> write(Path bucket, Sizes sizes, Path largeFile) throws IOException {
        HostileTrail t = new HostileTrail(bucket);
        t.bomb(sizes.bombStringBytes());
        if (largeFile == null) {
            t.gzipFile("large", Deflater.BEST_SPEED, LedgerOutcome.INGESTED, sizes.largeFileRecords(), null, out -> {
                out.write(bytes("{\"Records\":["));
                Random random = new Random(7);
                for (int i = 0; i < sizes.largeFileRecords(); i++) {
                    if (i > 0) out.write(',');
                    out.write(bytes(record(random, i)));
                }
                out.write(bytes("]}"));
            });
        } else {
            Path target = t.path("large");
            Files.createDirectories(target.getParent());
            Files.copy(largeFile, target);
            t.expected.add(new Expected(t.key("large"), LedgerOutcome.INGESTED, sizes.largeFileRecords(), null));
        }
        t.broken();
        return List.copyOf(t.expected);
    }

    /** The records the folder lands, in total. */
    public static long landedRecords(List<Expected> expected) {
        return expected.stream().mapToLong(Expected::records).sum();
    }

    private void bomb(long stringBytes) throws IOException {
        Random random = new Random(1);
        String before = record(random, 0);
        String after = record(random, 2);
        gzipFile("bomb", Deflater.BEST_COMPRESSION, LedgerOutcome.PARTIAL, 2, "1 record larger than", out -> {
            out.write(bytes("{\"Records\":[" + before + ",{\"eventVersion\":\"1.08\",\"eventID\":\"bomb\","
                    + "\"eventName\":\"PutBucketPolicy\",\"requestParameters\":{\"policy\":\""));
            byte[] chunk = new byte[1 << 20];
            Arrays.fill(chunk, (byte) 'A');
            for (long left = stringBytes; left > 0; left -= chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
            out.write(bytes("\"}}," + after + "]}"));
        });
    }

    /** Twenty small objects that are broken, or odd but valid. */
    private void broken() throws IOException {
        Random random = new Random(3);
        String one = record(random, 10);
        String two = record(random, 11);
        gzipBytes("truncated", LedgerOutcome.PARTIAL, 30, "compressed stream broken", cutAfter(random, 50, 30));
        byte[] badCrc = gzip(fileOf(random, 5));
        badCrc[badCrc.length - 6] ^= 0x55;
        gzipBytes("badcrc", LedgerOutcome.PARTIAL, 5, "CRC", badCrc);
        byte[] noise = new byte[4096];
        random.nextBytes(noise);
        noise[0] = 'x';
        noise[1] = 'y';
        noise[2] = 'z';
        noise[3] = 'w';
        gzipBytes("noise", LedgerOutcome.CORRUPT, 0, null, noise);
        gzipBytes("empty", LedgerOutcome.CORRUPT, 0, "empty", new byte[0]);
        gzipBytes("emptygz", LedgerOutcome.CORRUPT, 0, "empty", gzip(new byte[0]));
        gzipBytes("array", LedgerOutcome.NOT_CLOUDTRAIL, 0, null, gzip(bytes("[1,2,3]")));
        gzipBytes("notarray", LedgerOutcome.NOT_CLOUDTRAIL, 0, null, gzip(bytes("{\"Records\":\"none\"}")));
        gzipBytes("emptyobj", LedgerOutcome.NOT_CLOUDTRAIL, 0, null, gzip(bytes("{}")));
        gzipBytes(
                "nonrecords",
                LedgerOutcome.INGESTED,
                1,
                null,
                gzip(bytes("{\"Records\":[1,\"x\",null,[]," + one + "]}")));
        gzipBytes(
                "badjson",
                LedgerOutcome.PARTIAL,
                2,
                null,
                gzip(bytes("{\"Records\":[" + one + "," + two + ",{\"eventID\":]}")));
        gzipBytes("trailing", LedgerOutcome.PARTIAL, 1, "content after", gzip(bytes("{\"Records\":[" + one + "]} {}")));
        gzipBytes(
                "utf16",
                LedgerOutcome.CORRUPT,
                0,
                "UTF-8",
                gzip(("\uFEFF{\"Records\":[" + one + "]}").getBytes(StandardCharsets.UTF_16LE)));
        byte[] badUtf8 = bytes("{\"Records\":[" + one + ",{\"eventID\":\"\u0416x\"}]}");
        int at = indexOf(badUtf8, (byte) 0xd0);
        badUtf8[at + 1] = (byte) 0x28; // a lead byte without its continuation
        gzipBytes("badutf8", LedgerOutcome.PARTIAL, 1, null, gzip(badUtf8));
        gzipBytes(
                "deep",
                LedgerOutcome.PARTIAL,
                1,
                null,
                gzip(bytes("{\"Records\":[" + one + ",{\"requestParameters\":" + "[".repeat(5000) + "]".repeat(5000)
                        + "}]}")));
        gzipBytes(
                "longnumber",
                LedgerOutcome.PARTIAL,
                1,
                null,
                gzip(bytes("{\"Records\":[" + one + ",{\"eventID\":1" + "0".repeat(5000) + "}]}")));
        gzipBytes(
                "longname",
                LedgerOutcome.PARTIAL,
                1,
                null,
                gzip(bytes("{\"Records\":[" + one + ",{\"" + "n".repeat(100_000) + "\":1}]}")));
        gzipBytes(
                "oversized",
                LedgerOutcome.PARTIAL,
                2,
                "1 record larger than",
                gzip(bytes("{\"Records\":[" + one + ",{\"eventID\":\"big\",\"responseElements\":\""
                        + "r".repeat(20_000_000) + "\"}," + two + "]}")));
        gzipBytes(
                "digestlike",
                LedgerOutcome.NOT_CLOUDTRAIL,
                0,
                null,
                gzip(bytes("{\"awsAccountId\":\"" + ACCOUNT + "\",\"logFiles\":[]}")));
        byte[] member = gzip(fileOf(random, 3));
        byte[] junkAfter = Arrays.copyOf(member, member.length + 64);
        Arrays.fill(junkAfter, member.length, junkAfter.length, (byte) 0x42);
        gzipBytes("junkafter", LedgerOutcome.PARTIAL, 3, null, junkAfter);
        byte[] plain = ("\uFEFF{\r\n  \"Records\" : [ " + one + " ,\r\n " + two + " ]\r\n}\r\n")
                .getBytes(StandardCharsets.UTF_8);
        gzipBytes("plainbom", LedgerOutcome.INGESTED, 2, null, plain);
    }

    private interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private void gzipFile(String name, int level, LedgerOutcome outcome, long records, String reason, Content content)
            throws IOException {
        Path file = path(name);
        Files.createDirectories(file.getParent());
        try (OutputStream out =
                new java.io.BufferedOutputStream(new LeveledGzip(Files.newOutputStream(file), level), 1 << 16)) {
            content.writeTo(out);
        }
        expected.add(new Expected(key(name), outcome, records, reason));
    }

    private void gzipBytes(String name, LedgerOutcome outcome, long records, String reason, byte[] stored)
            throws IOException {
        Path file = path(name);
        Files.createDirectories(file.getParent());
        Files.write(file, stored);
        expected.add(new Expected(key(name), outcome, records, reason));
    }

    private String key(String name) {
        return key(name, minute);
    }

    private Path path(String name) {
        minute++;
        return bucket.resolve(key(name, minute));
    }

    private static String key(String name, int minute) {
        String unique = (name + "0000000000000000").substring(0, 16);
        String time = String.format(Locale.ROOT, "%02d%02d", minute / 60, minute % 60);
        return "AWSLogs/" + ACCOUNT + "/CloudTrail/us-east-1/2026/11/26/" + ACCOUNT + "_CloudTrail_us-east-1_20261126T"
                + time + "Z_" + unique + ".json.gz";
    }

    private static byte[] fileOf(Random random, int records) {
        StringBuilder b = new StringBuilder("{\"Records\":[");
        for (int i = 0; i < records; i++) b.append(i == 0 ? "" : ",").append(record(random, 100 + i));
        return bytes(b.append("]}").toString());
    }

    private static final String[] NAMES = {
        "GetObject",
        "PutObject",
        "AssumeRole",
        "DescribeInstances",
        "ConsoleLogin",
        "CreateUser",
        "ListBuckets",
        "GetCallerIdentity",
        "Decrypt",
        "RunInstances",
        "UpdateFunctionCode20150331v2",
        "PutMetricData"
    };
    private static final String[] SOURCES = {
        "s3.amazonaws.com",
        "sts.amazonaws.com",
        "ec2.amazonaws.com",
        "signin.amazonaws.com",
        "iam.amazonaws.com",
        "kms.amazonaws.com",
        "lambda.amazonaws.com",
        "monitoring.amazonaws.com"
    };

    /** A varied, valid CloudTrail record (identities, errors, parameters of any size up to a few KB, unicode). */
    public static String record(Random r, int i) {
        String name = NAMES[r.nextInt(NAMES.length)];
        String error = r.nextInt(10) == 0
                ? ",\"errorCode\":\"AccessDenied\",\"errorMessage\":\"User is not authorized — é\""
                : "";
        StringBuilder params = new StringBuilder("{\"bucketName\":\"bucket-" + r.nextInt(50) + "\",\"key\":\"");
        int len = r.nextInt(r.nextInt(10) == 0 ? 4000 : 200);
        for (int k = 0; k < len; k++) params.append((char) ('a' + r.nextInt(26)));
        params.append("\",\"tags\":[");
        for (int k = 0, n = r.nextInt(4); k < n; k++)
            params.append(k == 0 ? "" : ",").append(r.nextInt(1000));
        params.append("]}");
        return String.format(
                Locale.ROOT,
                "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"AssumedRole\",\"principalId\":\"AROA%08d:s%d\","
                        + "\"arn\":\"arn:aws:sts::%s:assumed-role/role-%d/s%d\",\"accountId\":\"%s\","
                        + "\"sessionContext\":{\"attributes\":{\"creationDate\":\"2026-11-26T09:%02d:00Z\","
                        + "\"mfaAuthenticated\":\"%s\"}}},\"eventTime\":\"2026-11-26T10:%02d:%02dZ\","
                        + "\"eventSource\":\"%s\",\"eventName\":\"%s\",\"awsRegion\":\"us-east-1\","
                        + "\"sourceIPAddress\":\"10.%d.%d.%d\",\"userAgent\":\"aws-cli/2.%d.0 Python/3.11\"%s,"
                        + "\"requestParameters\":%s,\"responseElements\":null,\"requestID\":\"%08x\","
                        + "\"eventID\":\"%08x-%04x-4000-8000-%012x\",\"readOnly\":%b,\"eventType\":\"AwsApiCall\","
                        + "\"managementEvent\":true,\"recipientAccountId\":\"%s\",\"eventCategory\":\"Management\"}",
                r.nextInt(100_000_000),
                i,
                ACCOUNT,
                r.nextInt(20),
                i,
                ACCOUNT,
                r.nextInt(60),
                r.nextBoolean(),
                r.nextInt(60),
                r.nextInt(60),
                SOURCES[r.nextInt(SOURCES.length)],
                name,
                r.nextInt(256),
                r.nextInt(256),
                r.nextInt(256),
                r.nextInt(30),
                error,
                params,
                r.nextInt(),
                i,
                r.nextInt(0x10000),
                r.nextLong() & 0xffffffffffffL,
                r.nextBoolean(),
                ACCOUNT);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The gzip of a file of {@code records} records, cut right after the compressed bytes of the first {@code keep}
     * (each record is flushed, so the cut falls between records): it decompresses to those records and then breaks.
     */
    private static byte[] cutAfter(Random random, int records, int keep) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int cut = -1;
        try (GZIPOutputStream gz = new GZIPOutputStream(out, true)) {
            gz.write(bytes("{\"Records\":["));
            for (int i = 0; i < records; i++) {
                gz.write(bytes((i == 0 ? "" : ",") + record(random, 200 + i)));
                gz.flush();
                if (i == keep - 1) cut = out.size();
            }
            gz.write(bytes("]}"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Arrays.copyOf(out.toByteArray(), cut);
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) if (bytes[i] == b) return i;
        throw new IllegalArgumentException("no byte " + b);
    }

    /** gzip at a chosen level: the bomb at the best (about 1,000:1), the large file at the fastest. */
    private static final class LeveledGzip extends GZIPOutputStream {
        LeveledGzip(OutputStream out, int level) throws IOException {
            super(out, 1 << 16);
            def.setLevel(level);
        }
    }
}
