package io.trailstream.object;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.ledger.LedgerOutcome;
import io.trailstream.ledger.LedgerRow;
import io.trailstream.notification.ObjectRef;
import io.trailstream.record.CloudTrailRecordParser;
import io.trailstream.routing.ObjectTask;
import io.trailstream.testing.TrailSigner;
import io.trailstream.trail.KeyClassifier;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The SHA-256 of a log file's uncompressed bytes, computed while it is parsed, and the bytes after its gzip stream:
 * what digest verification compares with a digest's listing. Each case runs with the JDK's SHA-256 and with NSS's.
 */
class ContentHashTest {
    private static final String KEY = "AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/26/"
            + "111122223333_CloudTrail_us-east-1_20261126T0905Z_aBcD1234eFgH5678.json.gz";
    private static final byte[] JSON = ("{\"Records\":[{\"eventID\":\"e1\",\"recipientAccountId\":\"111122223333\"},"
                    + "{\"eventID\":\"e2\",\"recipientAccountId\":\"111122223333\"}]}\n")
            .getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @EnumSource(
            value = Sha256Implementation.class,
            names = {"JDK", "NSS"})
    void theHashIsOfEveryUncompressedByteAndTheParseIsUnchanged(Sha256Implementation implementation) {
        Sha256Digests digests = Sha256Digests.of(implementation);
        LedgerRow row = parse(digests, TrailSigner.gzip(JSON));
        assertThat(row.outcome).isEqualTo(LedgerOutcome.INGESTED);
        assertThat(row.recordCount).isEqualTo(2);
        assertThat(row.sha256)
                .as("the trailing newline after the JSON included")
                .isEqualTo(sha256(JSON));
        assertThat(row.gzipTrailingBytes).isEqualTo(-1);
        assertThat(parse(digests, JSON).sha256).as("a file stored uncompressed").isEqualTo(sha256(JSON));
    }

    @ParameterizedTest
    @EnumSource(
            value = Sha256Implementation.class,
            names = {"JDK", "NSS"})
    void oneFlippedByteIsAnotherHash(Sha256Implementation implementation) {
        Sha256Digests digests = Sha256Digests.of(implementation);
        byte[] flipped = JSON.clone();
        flipped[20] ^= 1;
        assertThat(parse(digests, TrailSigner.gzip(flipped)).sha256)
                .isNotEqualTo(sha256(JSON))
                .isEqualTo(sha256(flipped));
        byte[] brokenGzip = TrailSigner.gzip(JSON);
        brokenGzip[brokenGzip.length / 2] ^= 0x55;
        LedgerRow broken = parse(digests, brokenGzip);
        assertThat(broken.outcome).isIn(LedgerOutcome.CORRUPT, LedgerOutcome.PARTIAL);
        assertThat(broken.sha256).as("not read to its end: no hash").isNull();
    }

    @ParameterizedTest
    @EnumSource(
            value = Sha256Implementation.class,
            names = {"JDK", "NSS"})
    void dataAfterTheGzipStreamIsCounted(Sha256Implementation implementation) {
        Sha256Digests digests = Sha256Digests.of(implementation);
        byte[] gz = TrailSigner.gzip(JSON);
        LedgerRow padded = parse(digests, concat(gz, new byte[3]));
        assertThat(padded.gzipTrailingBytes).isEqualTo(3);
        assertThat(padded.sha256)
                .as("zero padding changes no uncompressed byte")
                .isEqualTo(sha256(JSON));
        assertThat(padded.outcome).isEqualTo(LedgerOutcome.INGESTED);

        byte[] second = TrailSigner.gzip(" ".getBytes(StandardCharsets.UTF_8));
        LedgerRow twoMembers = parse(digests, concat(gz, second));
        assertThat(twoMembers.gzipTrailingBytes).isEqualTo(second.length);
        assertThat(twoMembers.sha256).isEqualTo(sha256(concat(JSON, " ".getBytes(StandardCharsets.UTF_8))));

        LedgerRow garbage = parse(digests, concat(gz, "garbage".getBytes(StandardCharsets.UTF_8)));
        assertThat(garbage.gzipTrailingBytes).isEqualTo(7);
        assertThat(garbage.sha256).as("the first member was read whole").isEqualTo(sha256(JSON));
    }

    private static LedgerRow parse(Sha256Digests digests, byte[] stored) {
        ObjectTask task =
                new ObjectTask(ObjectRef.s3("trail-bucket", KEY), new KeyClassifier().classify(KEY), "acme", null);
        return ObjectFetcher.parse(
                DownloadedObject.inMemory(task, stored, "etag", Map.of()),
                new CloudTrailRecordParser(),
                digests,
                row -> {});
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
