package io.trailstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.notification.NotificationParser;
import io.trailstream.notification.NotificationResult;
import io.trailstream.notification.ObjectRef;
import io.trailstream.testing.EmulatorCredentials;
import io.trailstream.testing.KinesisEmulator;
import io.trailstream.testing.S3Emulator;
import io.trailstream.testing.TrailSigner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trailstream backfill --integration ID --from T --to T} against a real S3 server (S3Mock): the trail is
 * listed by its key layout (accounts and regions found, or given), files are kept by the time in their name, the
 * ledger decides which are settled, and the replays on a real Kinesis server say which keep the job's dedupe.
 */
class BackfillTimeRangeITCase {
    private static final String BUCKET = "acme-trail";
    private static final Instant NOW = Instant.parse("2026-11-28T09:00:00Z");

    @RegisterExtension
    static final KinesisEmulator KINESIS = KinesisEmulator.shared();

    @RegisterExtension
    static final S3Emulator S3 = new S3Emulator(BUCKET);

    @RegisterExtension
    static final EmulatorCredentials CREDENTIALS = new EmulatorCredentials();

    @TempDir
    Path dir;

    private final TrailSigner signer = new TrailSigner();
    private final TrailSigner.Trail west = signer.trail(BUCKET, null, null, "111122223333", "eu-west-1");
    private final TrailSigner.Trail east = signer.trail(BUCKET, null, null, "111122223333", "us-east-1");
    private final TrailSigner.Trail other = signer.trail(BUCKET, null, null, "222233334444", "us-east-1");
    private final Map<String, String> keys = new TreeMap<>();
    private Path config;
    private String out;
    private String err;

    @BeforeEach
    void bucketAndLedger() throws Exception {
        put("new-west", west.logFile(Instant.parse("2026-11-26T23:50:00Z"), 1).key(), 1);
        put(
                "ingested-west",
                west.logFile(Instant.parse("2026-11-27T00:10:00Z"), 1).key(),
                1);
        put(
                "failed-east",
                east.logFile(Instant.parse("2026-11-27T01:00:00Z"), 1).key(),
                1);
        put(
                "after-window",
                east.logFile(Instant.parse("2026-11-27T05:00:00Z"), 1).key(),
                1);
        put(
                "before-window",
                west.logFile(Instant.parse("2026-11-26T20:00:00Z"), 1).key(),
                1);
        put("digest-west", west.digestKey(Instant.parse("2026-11-27T00:00:00Z"), false), 1);
        put("new-other", other.logFile(Instant.parse("2026-11-27T02:00:00Z"), 1).key(), 1);
        S3.put(BUCKET, "AWSLogs/111122223333/CloudTrail/eu-west-1/2026/11/27/not-a-trail-file.txt", new byte[1]);

        Path warehouse = Files.createDirectories(dir.resolve("warehouse"));
        LedgerTableFixture ledger = new LedgerTableFixture(warehouse);
        ledger.row("acme", BUCKET, keys.get("ingested-west"), "ingested", NOW.minusSeconds(86_400));
        ledger.row("acme", BUCKET, keys.get("failed-east"), "fetch_failed", NOW.minusSeconds(86_400));
        ledger.row("acme", BUCKET, keys.get("failed-east"), "duplicate", NOW.minusSeconds(80_000));
        ledger.commit();
        config = dir.resolve("job.yaml");
        Files.writeString(
                config,
                "catalog.warehouse: " + warehouse + "\n"
                        + "s3: {endpoint: '" + S3.endpoint() + "', region: us-east-1, path-style-access: true,"
                        + " credentials.provider: static, credentials.access-key-id: " + S3Emulator.ACCESS_KEY_ID
                        + ", credentials.secret-access-key: " + S3Emulator.SECRET_ACCESS_KEY + "}\n"
                        + "integrations:\n  - {integration_id: acme, tenant_id: acme, bucket: " + BUCKET + "}\n");
    }

    @Test
    void aDryRunListsTheWindowAndPublishesNothing() {
        assertThat(backfill("--dry-run")).as(err).isZero();
        assertThat(out)
                .contains("not in the ledger      s3://" + BUCKET + "/" + keys.get("new-west"))
                .contains("fetch_failed           s3://" + BUCKET + "/" + keys.get("failed-east"))
                .contains("not in the ledger      s3://" + BUCKET + "/" + keys.get("digest-west"))
                .contains("not in the ledger      s3://" + BUCKET + "/" + keys.get("new-other"))
                .contains("Listed 5 trail files")
                .contains("4 to replay")
                .contains("settled   ingested")
                .doesNotContain(keys.get("ingested-west"))
                .doesNotContain(keys.get("after-window"))
                .doesNotContain(keys.get("before-window"))
                .contains("Dry run: nothing published.");
    }

    @Test
    void theReplaysSayWhichKeepTheDedupe() {
        String stream = "time-range-" + System.nanoTime();
        String arn = KINESIS.createStream(stream, 1);
        assertThat(backfill(
                        "--kinesis-stream",
                        arn,
                        "--endpoint",
                        KINESIS.endpoint().toString()))
                .as(err)
                .isZero();
        assertThat(out).contains("Published 4 of 4 replay notifications");
        Map<String, Boolean> replays = replays(stream);
        assertThat(replays)
                .as("key -> whether the replay bypasses the dedupe")
                .containsOnly(
                        Map.entry(keys.get("new-west"), false),
                        Map.entry(keys.get("failed-east"), true),
                        Map.entry(keys.get("digest-west"), false),
                        Map.entry(keys.get("new-other"), false));

        String narrow = "time-range-narrow-" + System.nanoTime();
        String narrowArn = KINESIS.createStream(narrow, 1);
        assertThat(backfill(
                        "--kinesis-stream",
                        narrowArn,
                        "--endpoint",
                        KINESIS.endpoint().toString(),
                        "--accounts",
                        "111122223333",
                        "--regions",
                        "eu-west-1"))
                .as(err)
                .isZero();
        assertThat(replays(narrow)).containsOnlyKeys(keys.get("new-west"), keys.get("digest-west"));
    }

    @Test
    void badWindowsAreRefused() {
        assertThat(run(
                        "backfill",
                        "--integration",
                        "acme",
                        "--config",
                        config.toString(),
                        "--to",
                        "2026-11-27T00:00:00Z"))
                .isEqualTo(2);
        assertThat(err).contains("need --from INSTANT");
        assertThat(run(
                        "backfill",
                        "--integration",
                        "acme",
                        "--config",
                        config.toString(),
                        "--from",
                        "2026-11-27T00:00:00Z",
                        "--to",
                        "2026-11-26T00:00:00Z",
                        "--dry-run"))
                .isEqualTo(2);
        assertThat(err).contains("is not before --to");
        assertThat(run(
                        "backfill",
                        "--integration",
                        "nobody",
                        "--config",
                        config.toString(),
                        "--from",
                        "2026-11-27T00:00:00Z",
                        "--dry-run"))
                .isEqualTo(2);
        assertThat(err).contains("no integration nobody");
    }

    private int backfill(String... more) {
        String[] base = {
            "backfill",
            "--integration",
            "acme",
            "--config",
            config.toString(),
            "--from",
            "2026-11-26T22:00:00Z",
            "--to",
            "2026-11-27T03:00:00Z"
        };
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(more))
                .toArray(String[]::new);
        return run(args);
    }

    private void put(String name, String key, int size) {
        keys.put(name, key);
        S3.put(BUCKET, key, new byte[size]);
    }

    private Map<String, Boolean> replays(String stream) {
        NotificationParser parser = new NotificationParser();
        Map<String, Boolean> out = new TreeMap<>();
        for (StreamContents.Received r : StreamContents.read(KINESIS.client(), stream)) {
            NotificationResult result = parser.parse(r.data().getBytes(StandardCharsets.UTF_8), 1L);
            ObjectRef ref = result.objects().get(0);
            assertThat(ref.bucket).isEqualTo(BUCKET);
            out.put(ref.key, ref.replay);
        }
        return out;
    }

    private int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        ControlCommandContext context =
                new ControlCommandContext().withClock(Clock.fixed(NOW, ZoneOffset.UTC), () -> "unused");
        int code = TrailstreamCommand.execute(context, new PrintWriter(o, true), new PrintWriter(e, true), args);
        out = o.toString();
        err = e.toString();
        return code;
    }
}
