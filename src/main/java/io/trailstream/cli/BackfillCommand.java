package io.trailstream.cli;

import io.trailstream.iceberg.LedgerReader;
import io.trailstream.job.JobConfig;
import io.trailstream.ledger.LedgerOutcome;
import io.trailstream.ledger.LedgerRow;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code trailstream backfill}: once an integration is resumed, its licence renewed or an account included,
 * ingest the objects that were skipped or failed. It reads the {@code objects} ledger, keeps the objects whose
 * latest row is of the integration (or bucket) and has a replayable outcome, and publishes one
 * {@linkplain io.trailstream.notification.ReplayNotification replay notification} per object on the job's
 * notification stream; the job routes each again, bypassing its dedupe state, and writes a new ledger row.
 */
@Command(
        name = "backfill",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        description = {
            "Ask the running job to ingest again the objects the ledger says were skipped or failed.",
            "Selects, from the objects table, the objects whose latest ledger row (duplicate rows aside; of rows as late, "
                    + "a non-replayable one) is of the "
                    + "integration (or bucket) and has one of the outcomes, and puts one replay notification per object "
                    + "on the job's notification stream. The job routes each again with the current state (a "
                    + "still-suspended integration's objects are skipped again) and ignores its dedupe memory for them.",
            "Default outcomes: every skipped_* outcome, unrouted, missing, fetch_failed and access_denied (the backfill "
                    + "candidates of docs/tables.md). partial objects are never "
                    + "replayed: the records kept before the break would be written twice; ingested, recorded, duplicate, "
                    + "corrupt and not_cloudtrail objects are not either.",
            "With --from (and --to, --regions, --accounts) it lists the integration's trail in the bucket instead "
                    + "(ListObjectsV2, by the key layout and the time in each file name) and replays every file whose "
                    + "latest ledger row is replayable, and every file the ledger has no row of (those with the job's "
                    + "dedupe on, so a second run, or a late notification, ingests them once)."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:published every replay (or, with --dry-run, listed them)",
            "1:the ledger could not be read, or some replays could not be published",
            "2:bad usage"
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  trailstream backfill --integration acme-org --config conf/trailstream.yaml --dry-run",
            "  trailstream backfill --integration acme-org --config conf/trailstream.yaml \\",
            "      --outcome skipped_suspended,fetch_failed --since 2026-11-01T00:00:00Z",
            "  trailstream backfill --bucket acme-cloudtrail --outcome unrouted \\",
            "      --warehouse warehouse --kinesis-stream trailstream-notifications",
            "  trailstream backfill --integration acme-org --config conf/trailstream.yaml \\",
            "      --from 2026-11-01T00:00:00Z --to 2026-11-02T00:00:00Z --regions eu-west-1 --dry-run"
        })
public class BackfillCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(BackfillCommand.class);

    @Option(names = "--integration", paramLabel = "ID", order = 1, description = "Objects of this integration.")
    String integration;

    @Option(
            names = "--bucket",
            paramLabel = "NAME",
            order = 2,
            description =
                    "Objects of this bucket (unrouted objects have no integration; a local run's bucket is its folder).")
    String bucket;

    @Option(
            names = "--outcome",
            paramLabel = "OUTCOME[,OUTCOME...]",
            order = 3,
            description = "Only objects whose latest outcome is one of these (default: "
                    + "skipped_*, unrouted, missing, fetch_failed, access_denied).")
    String outcomes;

    @Option(
            names = "--since",
            paramLabel = "INSTANT",
            order = 4,
            description =
                    "Only objects whose latest row was processed at or after this instant (e.g. 2026-11-01T00:00:00Z).")
    String since;

    @Option(
            names = "--until",
            paramLabel = "INSTANT",
            order = 5,
            description = "Only objects whose latest row was processed before this instant.")
    String until;

    @Option(
            names = "--warehouse",
            paramLabel = "DIR",
            order = 10,
            description = "Read the objects table of this local Iceberg warehouse (its SQLite catalog DIR/catalog.db).")
    Path warehouse;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            order = 11,
            description = "The job's config file: its catalog.* options name the catalog of the objects table (unless "
                    + "--warehouse), its notifications.kinesis.* the stream to publish to (unless --kinesis-stream).")
    Path config;

    @Option(
            names = "--kinesis-stream",
            paramLabel = "ARN",
            order = 12,
            description = "Put the replays on this notification stream: its ARN (or name).")
    String kinesisStream;

    @Option(
            names = "--region",
            paramLabel = "REGION",
            order = 13,
            description = "AWS region of the stream (default: the ARN's, else the SDK's).")
    String region;

    @Option(
            names = "--endpoint",
            paramLabel = "URL",
            order = 14,
            description = "Call this Kinesis endpoint instead of AWS's (e.g. an emulator).")
    URI endpoint;

    @Option(
            names = "--author",
            paramLabel = "WHO",
            order = 20,
            description =
                    "Who asks for the replay, in each notification (default: $TRAILSTREAM_AUTHOR, else user@host).")
    String author;

    @Option(
            names = "--reason",
            paramLabel = "TEXT",
            order = 21,
            description = "Why, in each notification (default: the selection).")
    String reason;

    @Option(names = "--dry-run", order = 22, description = "List the objects that would be replayed; publish nothing.")
    boolean dryRun;

    @Mixin
    TimeRangeOptions window = new TimeRangeOptions();

    @Spec
    CommandSpec spec;

    final ControlCommandContext context;

    public BackfillCommand(ControlCommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (window.isSet()) return new TimeRangeBackfill(this).call(out, err);
        LedgerReader.Selection selection;
        LedgerReader reader;
        ControlPublishOptions target;
        try {
            selection = BackfillSelection.of(integration, bucket, outcomes, since, until);
            reader = new LedgerReader(catalog());
            target = target();
        } catch (IllegalArgumentException | JobConfig.ConfigException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        List<LedgerRow> selected;
        try {
            selected = reader.select(selection);
        } catch (IOException e) {
            err.println("error: cannot read " + reader.source() + ": " + e.getMessage());
            return 1;
        }
        String what = BackfillSelection.describe(selection);
        if (dryRun) {
            for (LedgerRow r : selected) {
                out.printf("%-22s %s %s%n", r.outcome, Instant.ofEpochMilli(r.processedAtMillis), r.uri());
            }
        }
        printSummary(out, selected, what, reader.source());
        if (dryRun) {
            out.println("Dry run: nothing published"
                    + (target == null ? "." : " (the replays would go to " + target.target() + ")."));
            return 0;
        }
        return publish(out, err, selected, target, what);
    }

    /** Publishes one replay per row (a row without outcome: an object the ledger never saw, replayed with dedupe). */
    int publish(PrintWriter out, PrintWriter err, List<LedgerRow> selected, ControlPublishOptions target, String what) {
        if (selected.isEmpty()) {
            out.println("Published 0 replay notifications: nothing to replay.");
            return 0;
        }
        Instant now = Instant.ofEpochMilli(context.nowMillis());
        String requestedBy = target.author();
        String why = reason != null ? reason : "backfill of " + what;
        List<KinesisReplayPublisher.Replay> replays = BackfillSelection.replays(selected, requestedBy, now, why);
        List<KinesisReplayPublisher.Failure> failed;
        try (KinesisReplayPublisher publisher =
                new KinesisReplayPublisher(context.kinesisClient(target), target.stream(), 6, 200)) {
            failed = publisher.publish(replays);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (IOException | RuntimeException e) {
            err.println("error: replays not published: " + e.getMessage());
            return 1;
        }
        int published = replays.size() - failed.size();
        LOG.info(
                "Backfill by {} of {}: {} replay notifications published to {}, {} failed",
                requestedBy,
                what,
                published,
                target.target(),
                failed.size());
        out.println("Published " + published + " of " + replays.size() + " replay notifications to " + target.target()
                + ".");
        for (KinesisReplayPublisher.Failure f : failed)
            err.println("error: not published: " + f.replay().what() + ": " + f.error());
        return failed.isEmpty() ? 0 : 1;
    }

    private static void printSummary(PrintWriter out, List<LedgerRow> selected, String what, String source) {
        Map<LedgerOutcome, Integer> counts = new EnumMap<>(LedgerOutcome.class);
        for (LedgerRow r : selected) counts.merge(r.outcome, 1, Integer::sum);
        out.println("Selected " + selected.size() + (selected.size() == 1 ? " object" : " objects") + " (" + what
                + ") from " + source + ":");
        counts.forEach((o, n) -> out.printf("  %-22s %8d%n", o.ledgerName(), n));
    }

    Configuration catalog() {
        StateSourceOptions state = new StateSourceOptions();
        state.config = config;
        state.warehouse = warehouse;
        Configuration c = state.catalog();
        if (c == null)
            throw new IllegalArgumentException("give --warehouse DIR or --config FILE: where the objects table is");
        return c;
    }

    /** The stream to publish to, validated; null for a dry run that names none. */
    ControlPublishOptions target() {
        ControlPublishOptions o = new ControlPublishOptions();
        o.kinesisStream = kinesisStream;
        o.region = region;
        o.endpoint = endpoint;
        o.author = author;
        if (o.kinesisStream == null && config != null) {
            JobConfigOption c = new JobConfigOption();
            c.config = config;
            try {
                ConfiguredTargets.notifications(o, c.jobConfig(), config);
            } catch (IllegalArgumentException e) {
                if (!dryRun) throw e;
                o.kinesisStream = null; // a dry run needs no stream
            }
        }
        if (o.kinesisStream == null) {
            if (dryRun) return null;
            throw new IllegalArgumentException(
                    "give --kinesis-stream ARN, or --config FILE naming the job's notification stream");
        }
        o.validate();
        return o;
    }
}
