package io.trailstream.cli;

import io.trailstream.aws.AwsClients;
import io.trailstream.control.ControlView;
import io.trailstream.control.Integration;
import io.trailstream.iceberg.LedgerIndex;
import io.trailstream.job.JobConfig;
import io.trailstream.ledger.LedgerOutcome;
import io.trailstream.ledger.LedgerRow;
import io.trailstream.notification.ObjectRef;
import io.trailstream.object.store.S3Settings;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code trailstream backfill --integration ID --from T [--to T] [--regions R] [--accounts A]}: lists the
 * integration's trail in its bucket for the window ({@link TrailLister}) and replays each file the ledger does not
 * show as settled: files whose latest row is replayable ({@link BackfillOutcomes#REPLAYABLE}), as replays that
 * bypass the job's dedupe, and files the ledger has no row of, as replays with the dedupe on, so that a second run
 * (or a notification that was only late) ingests them once. A selection mode of its own beside the ledger's: it
 * finds objects whose notification never came.
 */
final class TimeRangeBackfill {
    private final BackfillCommand command;

    TimeRangeBackfill(BackfillCommand command) {
        this.command = command;
    }

    int call(PrintWriter out, PrintWriter err) {
        Instant from;
        Instant to;
        Integration integration;
        Configuration catalog;
        ControlPublishOptions target;
        S3Settings s3;
        try {
            if (command.integration == null) throw new IllegalArgumentException("--from needs --integration ID");
            if (command.bucket != null || command.outcomes != null || command.since != null || command.until != null) {
                throw new IllegalArgumentException(
                        "--from lists the bucket: --bucket, --outcome, --since and --until select from the ledger");
            }
            from = command.window.fromInstant();
            to = command.window.toInstant(command.context.nowMillis());
            catalog = command.catalog();
            target = command.target();
            integration = integration(catalog);
            s3 = S3Settings.fromConfiguration(
                    command.config == null ? new Configuration() : jobConfig().configuration());
        } catch (IllegalArgumentException | JobConfig.ConfigException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("error: cannot read the integrations: " + e.getMessage());
            return 1;
        }
        List<TrailLister.Listed> listed;
        TrailLister lister;
        try (S3Client client = AwsClients.s3(s3.clientSettings(), List.of())) {
            lister = new TrailLister(client);
            listed = lister.list(integration, from, to, command.window.accountList(), command.window.regionList());
        } catch (SdkException e) {
            err.println("error: cannot list s3://" + integration.bucket + ": " + e.getMessage());
            return 1;
        }
        Map<String, LedgerRow> ledger;
        try {
            ledger = LedgerIndex.latest(catalog, "s3", integration.bucket, lister.dayPrefixes());
        } catch (IOException e) {
            err.println("error: cannot read the objects table: " + e.getMessage());
            return 1;
        }
        List<LedgerRow> selected = new ArrayList<>();
        Map<String, Integer> counts = new TreeMap<>();
        for (TrailLister.Listed f : listed) {
            LedgerRow row = ledger.get(f.key());
            String state =
                    row == null ? "not in the ledger" : row.outcome == null ? "unknown" : row.outcome.ledgerName();
            boolean replay = row == null || row.outcome != null && BackfillOutcomes.REPLAYABLE.contains(row.outcome);
            counts.merge((replay ? "replay    " : "settled   ") + state, 1, Integer::sum);
            if (!replay) continue;
            selected.add(row != null ? row : unseen(integration, f));
            if (command.dryRun) out.printf("%-22s %s%n", state, "s3://" + integration.bucket + "/" + f.key());
        }
        String what = "integration " + integration.integrationId + ", files written in [" + from + ", " + to + ")";
        out.println("Listed " + listed.size() + " trail files (" + what + ", " + lister.listCalls()
                + " ListObjectsV2 calls); " + selected.size() + " to replay:");
        counts.forEach((k, n) -> out.printf("  %-32s %8d%n", k, n));
        if (command.dryRun) {
            out.println("Dry run: nothing published"
                    + (target == null ? "." : " (the replays would go to " + target.target() + ")."));
            return 0;
        }
        return command.publish(out, err, selected, target, what);
    }

    /** The integration of {@code --integration}, from the integrations table or the config. */
    private Integration integration(Configuration catalog) throws IOException {
        StateSourceOptions state = new StateSourceOptions();
        state.config = command.config;
        state.warehouse = command.warehouse;
        IntegrationLookup lookup = command.context.lookupForList(null, state);
        ControlView view;
        try {
            view = lookup.current();
        } catch (Exception e) {
            throw new IOException(lookup.source() + ": " + e.getMessage(), e);
        }
        Integration i = view.integration(command.integration);
        if (i == null || i.status == io.trailstream.control.IntegrationStatus.DELETED) {
            throw new IllegalArgumentException("no integration " + command.integration + " in " + lookup.source());
        }
        return i;
    }

    private JobConfig jobConfig() {
        JobConfigOption c = new JobConfigOption();
        c.config = command.config;
        return c.jobConfig();
    }

    /**
     * A file the ledger has no row of, as a row without outcome (replayed with the job's dedupe on). It names no
     * version: routing then takes it as a repeat of any notification of the key, before or after it (CloudTrail
     * never rewrites a file), so a late S3 event and this replay ingest the file once.
     */
    private static LedgerRow unseen(Integration integration, TrailLister.Listed f) {
        ObjectRef ref = ObjectRef.s3(integration.bucket, f.key());
        return LedgerRow.of(ref, null, integration.integrationId, (LedgerOutcome) null, null);
    }
}
