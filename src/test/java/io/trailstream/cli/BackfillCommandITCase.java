package io.trailstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.ledger.LedgerOutcome;
import io.trailstream.ledger.LedgerRow;
import io.trailstream.notification.NotificationParser;
import io.trailstream.notification.NotificationResult;
import io.trailstream.notification.ObjectRef;
import io.trailstream.testing.EmulatorCredentials;
import io.trailstream.testing.KinesisEmulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trailstream backfill} end to end, as {@code ./trailstream} runs it: a ledger committed to a local
 * SQLite-catalog warehouse the way the job writes it, replays put on a real Kinesis API server (kinesis-local)
 * and read back with GetRecords, each parsed by the job's own {@link NotificationParser}.
 */
class BackfillCommandITCase {
    @RegisterExtension
    static final KinesisEmulator KINESIS = KinesisEmulator.shared();

    private static final String BUCKET = "acme-trail";
    private static final Instant T = Instant.parse("2026-11-27T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-28T09:00:00Z");
    private static final String DEFAULT_OUTCOMES =
            "missing,fetch_failed,unrouted,skipped_suspended,skipped_disconnected,"
                    + "skipped_deleted,skipped_licence,skipped_account,skipped_organization,access_denied";

    @RegisterExtension
    static final EmulatorCredentials CREDENTIALS = new EmulatorCredentials();

    private static final AtomicInteger STREAMS = new AtomicInteger();

    @TempDir
    Path dir;

    private Path warehouse;
    private String stream;
    private String arn;
    private String out;
    private String err;

    /**
     * The ledger: objects 1, 2, 5, 6 and 8 of acme wait for a backfill; 3 was ingested later, 4 is partial,
     * 7 went to another integration later, 9 is unrouted, 10 is corrupt; globex's object is another bucket's.
     */
    @BeforeEach
    void ledger() throws IOException {
        warehouse = Files.createDirectories(dir.resolve("warehouse"));
        stream = "backfill-notifications-" + STREAMS.incrementAndGet() + "-" + System.nanoTime();
        arn = KINESIS.createStream(stream, 2);
        LedgerTableFixture f = new LedgerTableFixture(warehouse);
        f.row("acme", BUCKET, key(1), "skipped_suspended", T);
        LedgerRow failed = f.row("acme", BUCKET, key(2), "fetch_failed", T);
        failed.eTag = "e2";
        failed.sequencer = "0065F00000000000A2";
        f.row("acme", BUCKET, key(3), "skipped_suspended", T);
        f.row("acme", BUCKET, key(4), "partial", T);
        f.row("acme", BUCKET, key(5), "missing", T);
        f.row("acme", BUCKET, key(6), "skipped_licence", T);
        f.row("acme", BUCKET, key(7), "skipped_suspended", T);
        f.row("acme", BUCKET, key(8), "skipped_suspended", T.minus(Duration.ofDays(2)));
        f.row(null, BUCKET, key(9), "unrouted", T);
        f.row("acme", BUCKET, key(10), "corrupt", T);
        f.row("globex", "globex-trail", key(1), "skipped_suspended", T);
        f.commit();
        f.row("acme", BUCKET, key(2), "duplicate", T.plusSeconds(60));
        f.row("acme", BUCKET, key(3), "ingested", T.plusSeconds(3600));
        f.row("beta", BUCKET, key(7), "skipped_account", T.plusSeconds(3600));
        f.commit();
    }

    @Test
    void replaysExactlyTheObjectsWaitingForABackfill() {
        assertThat(run(
                        "backfill",
                        "--integration",
                        "acme",
                        "--warehouse",
                        warehouse.toString(),
                        "--kinesis-stream",
                        arn,
                        "--endpoint",
                        KINESIS.endpoint().toString(),
                        "--author",
                        "alice@ops"))
                .as(err)
                .isZero();

        assertThat(out)
                .isEqualTo(lines(
                        "Selected 5 objects (integration acme, outcomes " + DEFAULT_OUTCOMES + ") from " + source()
                                + ":",
                        "  missing                       1",
                        "  fetch_failed                  1",
                        "  skipped_suspended             2",
                        "  skipped_licence               1",
                        "Published 5 of 5 replay notifications to Kinesis stream " + arn + "."));
        assertThat(err).isEmpty();

        List<ObjectRef> replays = replaysOnTheStream();
        assertThat(replays).extracting(r -> r.key).containsExactlyInAnyOrder(key(1), key(2), key(5), key(6), key(8));
        for (ObjectRef r : replays) {
            assertThat(r.bucket).isEqualTo(BUCKET);
            assertThat(r.scheme).isEqualTo("s3");
            assertThat(r.replay).isTrue();
            assertThat(r.shape).isEqualTo("replay");
        }
        ObjectRef failed =
                replays.stream().filter(r -> r.key.equals(key(2))).findFirst().orElseThrow();
        assertThat(failed.versionToken()).as("the ledger's version travels").isEqualTo("seq:0065F00000000000A2");
        assertThat(failed.eTag).isEqualTo("e2");
        assertThat(StreamContents.read(KINESIS.client(), stream))
                .extracting(StreamContents.Received::data)
                .contains(
                        "{\"trailstream_replay\":{\"version\":1,\"scheme\":\"s3\",\"bucket\":\"acme-trail\",\"key\":\""
                                + key(2)
                                + "\",\"etag\":\"e2\",\"sequencer\":\"0065F00000000000A2\",\"requested_by\":\"alice@ops\","
                                + "\"requested_at\":\"2026-11-28T09:00:00Z\",\"reason\":\"backfill of integration acme, outcomes "
                                + DEFAULT_OUTCOMES + "\"}}");
    }

    @Test
    void aDryRunListsAndPublishesNothing() {
        assertThat(run(
                        "backfill",
                        "--integration",
                        "acme",
                        "--outcome",
                        "skipped_suspended,fetch_failed",
                        "--since",
                        "2026-11-26T00:00:00Z",
                        "--warehouse",
                        warehouse.toString(),
                        "--kinesis-stream",
                        arn,
                        "--endpoint",
                        KINESIS.endpoint().toString(),
                        "--dry-run"))
                .as(err)
                .isZero();

        assertThat(out)
                .isEqualTo(lines(
                        "skipped_suspended      2026-11-27T10:00:00Z s3://acme-trail/" + key(1),
                        "fetch_failed           2026-11-27T10:00:00Z s3://acme-trail/" + key(2),
                        "Selected 2 objects (integration acme, outcomes fetch_failed,skipped_suspended, since 2026-11-26T00:00:00Z) from "
                                + source() + ":",
                        "  fetch_failed                  1",
                        "  skipped_suspended             1",
                        "Dry run: nothing published (the replays would go to Kinesis stream " + arn + ")."));
        assertThat(err).isEmpty();
        assertThat(StreamContents.read(KINESIS.client(), stream)).isEmpty();
    }

    @Test
    void unroutedObjectsAreSelectedByBucketAndPublishedToTheConfiguredNotificationStream() throws IOException {
        Path config = dir.resolve("trailstream.yaml");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "notifications.source: KINESIS",
                        "notifications.kinesis.stream.arn: " + arn,
                        "notifications.kinesis.aws.region: " + KinesisEmulator.REGION,
                        "notifications.kinesis.aws.endpoint: " + KINESIS.endpoint(),
                        ""));
        assertThat(run(
                        "backfill",
                        "--bucket",
                        BUCKET,
                        "--outcome",
                        "unrouted",
                        "--warehouse",
                        warehouse.toString(),
                        "--config",
                        config.toString(),
                        "--until",
                        "2026-11-28T00:00:00Z"))
                .as(err)
                .isZero();

        assertThat(out)
                .endsWith(lines(
                        "  unrouted                      1",
                        "Published 1 of 1 replay notifications to Kinesis stream " + arn + "."));
        List<StreamContents.Received> records = StreamContents.read(KINESIS.client(), stream);
        assertThat(records).extracting(StreamContents.Received::partitionKey).containsExactly(BUCKET + "/" + key(9));
        assertThat(replaysOnTheStream()).extracting(r -> r.key).containsExactly(key(9));
    }

    @Test
    void anOutcomeThatCannotBeReplayedIsRefusedByName() {
        String[] base = {
            "backfill",
            "--integration",
            "acme",
            "--warehouse",
            warehouse.toString(),
            "--kinesis-stream",
            arn,
            "--endpoint",
            KINESIS.endpoint().toString(),
            "--outcome"
        };
        assertThat(run(with(base, "skipped_suspended,partial"))).isEqualTo(2);
        assertThat(err)
                .isEqualTo(lines("error: --outcome: 'partial' objects are not replayed: the records it kept would be "
                        + "written again"));
        assertThat(out).isEmpty();

        assertThat(run(with(base, "skiped_suspended"))).isEqualTo(2);
        assertThat(err)
                .isEqualTo(lines("error: --outcome: 'skiped_suspended' is not a ledger outcome that can be replayed ("
                        + DEFAULT_OUTCOMES + ")"));
        assertThat(out).isEmpty();
        assertThat(StreamContents.read(KINESIS.client(), stream)).isEmpty();
    }

    @Test
    void aWarehouseWithoutALedgerIsAnError() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThat(run("backfill", "--integration", "acme", "--warehouse", empty.toString(), "--dry-run"))
                .isEqualTo(1);
        assertThat(err)
                .isEqualTo(lines("error: cannot read objects table cloudtrail.objects (catalog jdbc:sqlite:"
                        + empty.toAbsolutePath() + "/catalog.db): the catalog jdbc:sqlite:" + empty.toAbsolutePath()
                        + "/catalog.db does not exist (no job has written this warehouse)"));
        assertThat(Files.exists(empty.resolve("catalog.db")))
                .as("reading creates no catalog")
                .isFalse();
    }

    @Test
    void manyReplaysGoInBatchesOfAtMost500AndArriveOnceEach() throws IOException {
        List<KinesisReplayPublisher.Replay> replays = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            replays.add(new KinesisReplayPublisher.Replay(
                    KinesisReplayPublisher.partitionKey(BUCKET, key(i)),
                    BackfillSelection.replay(ledgerRow(key(i)), "alice@ops", NOW, "test")
                            .toJson(),
                    key(i)));
        }
        try (KinesisReplayPublisher publisher =
                new KinesisReplayPublisher(KINESIS.newClient(), KinesisStreamRef.parse(arn), 3, 10)) {
            assertThat(publisher.publish(replays)).isEmpty();
        }
        assertThat(replaysOnTheStream())
                .extracting(r -> r.key)
                .hasSize(1001)
                .doesNotHaveDuplicates()
                .containsAll(replays.stream()
                        .map(KinesisReplayPublisher.Replay::what)
                        .toList());
    }

    @Test
    void aPartitionKeyTooLongForKinesisIsHashed() {
        String longKey = "x".repeat(300);
        assertThat(KinesisReplayPublisher.partitionKey(BUCKET, key(1))).isEqualTo(BUCKET + "/" + key(1));
        assertThat(KinesisReplayPublisher.partitionKey(BUCKET, longKey))
                .startsWith("sha256:")
                .hasSize(7 + 64);
    }

    // ------------------------------------------------------------------------------------------------

    /** A fetch_failed ledger row of acme's object {@code key} in BUCKET, as the ledger reader returns it. */
    private static LedgerRow ledgerRow(String key) {
        LedgerRow r = new LedgerRow();
        r.scheme = "s3";
        r.bucket = BUCKET;
        r.key = key;
        r.integrationId = "acme";
        r.outcome = LedgerOutcome.FETCH_FAILED;
        r.processedAtMillis = T.toEpochMilli();
        return r;
    }

    private List<ObjectRef> replaysOnTheStream() {
        NotificationParser parser = new NotificationParser();
        List<ObjectRef> refs = new ArrayList<>();
        for (StreamContents.Received r : StreamContents.read(KINESIS.client(), stream)) {
            NotificationResult result = parser.parse(r.data().getBytes(StandardCharsets.UTF_8), 1L);
            assertThat(result.status()).as(r.data()).isEqualTo(NotificationResult.Status.OBJECTS);
            assertThat(result.objects()).hasSize(1);
            ObjectRef ref = result.objects().get(0);
            assertThat(r.partitionKey()).isEqualTo(KinesisReplayPublisher.partitionKey(ref.bucket, ref.key));
            refs.add(ref);
        }
        return refs;
    }

    private String source() {
        return "objects table cloudtrail.objects (catalog jdbc:sqlite:" + warehouse.toAbsolutePath() + "/catalog.db)";
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

    private static String[] with(String[] args, String... more) {
        return Stream.concat(Arrays.stream(args), Arrays.stream(more)).toArray(String[]::new);
    }

    private static String lines(String... lines) {
        return String.join(System.lineSeparator(), lines) + System.lineSeparator();
    }

    private static String key(int n) {
        return "AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/27/111122223333_CloudTrail_us-east-1_20261127T1000Z_"
                + String.format("%016d", n) + ".json.gz";
    }
}
