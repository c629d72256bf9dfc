package io.trailstream.cli;

import io.trailstream.iceberg.LedgerReader;
import io.trailstream.ledger.LedgerOutcome;
import io.trailstream.ledger.LedgerRow;
import io.trailstream.notification.ReplayNotification;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What {@code trailstream backfill} replays, from its options: the ledger selection its options name, how the
 * selection is described in its messages, and the replay notification of each selected object (the ledger's
 * version columns travel into it, so the job fetches and remembers the same version).
 */
final class BackfillSelection {
    private BackfillSelection() {}

    /**
     * The selection of {@code --integration}, {@code --bucket}, {@code --outcome}, {@code --since} and
     * {@code --until} (each may be null; one of the first two must be given).
     *
     * @throws IllegalArgumentException naming the option at fault
     */
    static LedgerReader.Selection of(String integration, String bucket, String outcomes, String since, String until) {
        if (integration == null && bucket == null) {
            throw new IllegalArgumentException(
                    "give --integration ID or --bucket NAME (or both): which objects to replay");
        }
        Set<LedgerOutcome> wanted = BackfillOutcomes.parse(outcomes);
        Instant from = instant("--since", since);
        Instant to = instant("--until", until);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("--since " + since + " is not before --until " + until);
        }
        return new LedgerReader.Selection(integration, bucket, wanted, from, to);
    }

    /** {@code integration acme, bucket b, outcomes skipped_suspended,..., since T}: for messages and reasons. */
    static String describe(LedgerReader.Selection s) {
        StringBuilder b = new StringBuilder();
        if (s.integrationId() != null) b.append("integration ").append(s.integrationId());
        if (s.bucket() != null)
            b.append(b.length() == 0 ? "" : ", ").append("bucket ").append(s.bucket());
        b.append(", outcomes ").append(BackfillOutcomes.names(s.outcomes()));
        if (s.since() != null) b.append(", since ").append(s.since());
        if (s.until() != null) b.append(", until ").append(s.until());
        return b.toString();
    }

    /** One replay per selected object, partitioned by object. */
    static List<KinesisReplayPublisher.Replay> replays(
            List<LedgerRow> selected, String requestedBy, Instant requestedAt, String reason) {
        List<KinesisReplayPublisher.Replay> replays = new ArrayList<>(selected.size());
        for (LedgerRow r : selected) {
            replays.add(new KinesisReplayPublisher.Replay(
                    KinesisReplayPublisher.partitionKey(r.bucket, r.key),
                    replay(r, requestedBy, requestedAt, reason).toJson(),
                    r.uri() + " (integration " + r.integrationId + ")"));
        }
        return replays;
    }

    /**
     * The replay notification asking for the object of {@code row} again; a row without outcome stands for an object
     * the ledger has no row of, asked for with the job's dedupe on.
     */
    static ReplayNotification replay(LedgerRow row, String requestedBy, Instant requestedAt, String reason) {
        return new ReplayNotification(
                row.scheme,
                row.bucket,
                row.key,
                row.versionId,
                row.eTag,
                row.sequencer,
                requestedBy,
                requestedAt,
                reason,
                row.outcome == null);
    }

    private static Instant instant(String option, String value) {
        if (value == null) return null;
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    option + ": '" + value + "' is not an instant such as 2026-11-01T00:00:00Z");
        }
    }
}
