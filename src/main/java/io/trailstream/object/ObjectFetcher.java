package io.trailstream.object;

import io.trailstream.control.RecordFilter;
import io.trailstream.control.RecordVerdict;
import io.trailstream.notification.ObjectRef;
import io.trailstream.record.CloudTrailRecordParser;
import io.trailstream.record.EventLayout;
import io.trailstream.record.ParseSummary;
import io.trailstream.record.RecordContext;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.function.Consumer;
import org.apache.flink.table.data.RowData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches one object, decompresses it as a stream, parses its records and keeps those its integration may
 * keep, returning the object's ledger row. Thread-safe: one parser per thread.
 */
public class ObjectFetcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectFetcher.class);

    private final ObjectStore store;
    private final ThreadLocal<CloudTrailRecordParser> parsers = ThreadLocal.withInitial(CloudTrailRecordParser::new);

    public ObjectFetcher(ObjectStoreFactory storeFactory) {
        this.store = storeFactory.create();
    }

    /** Fetches and parses {@code task}'s object, handing kept rows to {@code rows}; never throws. */
    public ObjectOutcome fetch(ObjectTask task, Consumer<RowData> rows) {
        ObjectRef ref = task.ref;
        ObjectOutcome outcome = ObjectOutcome.of(ref, task.trailKey, task.integrationId, LedgerOutcome.INGESTED, null);
        RecordCounts counts = new RecordCounts(new RecordFilter(task.includedAccounts,
                task.trailKey == null ? null : task.trailKey.accountId));
        CountingInputStream compressed = null;
        ParseSummary summary = null;
        try (OpenedObject object = store.open(ref)) {
            compressed = new CountingInputStream(object.stream());
            if (object.eTag() != null) outcome.eTag = object.eTag();
            InputStream in = Gzip.decompressIfGzip(compressed);
            RecordContext context = new RecordContext(task.integrationId, ref.bucket, ref.key, Instant.now());
            summary = parsers.get().parse(in, context, row -> {
                if (counts.keep(row)) rows.accept(row);
            });
            outcome.compressedBytes = compressed.count();
            outcome.uncompressedBytes = summary.bytesRead();
            outcome.malformedRecords = summary.recordsSkipped();
            switch (summary.status()) {
                case OK:
                    outcome.reason = summary.recordsEmitted() + " records";
                    break;
                case NOT_CLOUDTRAIL:
                    setOutcome(outcome, LedgerOutcome.NOT_CLOUDTRAIL, summary.error());
                    break;
                default:
                    setOutcome(outcome, summary.recordsEmitted() > 0 ? LedgerOutcome.PARTIAL : LedgerOutcome.CORRUPT,
                            summary.error());
            }
        } catch (ObjectMissingException e) {
            setOutcome(outcome, LedgerOutcome.MISSING, e.getMessage());
        } catch (ObjectFetchException e) {
            setOutcome(outcome, LedgerOutcome.FETCH_FAILED, e.getMessage());
        } catch (IOException | RuntimeException e) {
            // A stream that breaks mid-way (corrupt gzip, truncated download) keeps the rows handed out so far.
            long kept = counts.kept;
            setOutcome(outcome, kept > 0 ? LedgerOutcome.PARTIAL : LedgerOutcome.CORRUPT,
                    e.getClass().getSimpleName() + ": " + e.getMessage());
            if (compressed != null) outcome.compressedBytes = compressed.count();
        }
        outcome.recordCount = counts.kept;
        outcome.droppedRecords = counts.dropped;
        outcome.mismatchedRecords = counts.mismatched;
        outcome.processedAtMillis = System.currentTimeMillis();
        if (LedgerOutcome.INGESTED.ledgerName().equals(outcome.outcome)) {
            LOG.debug("Object {} ingested for {}: {} records kept, {} dropped", ref.uri(), task.integrationId,
                    outcome.recordCount, outcome.droppedRecords);
        } else {
            LOG.warn("Object {} (integration {}) {}: {}", ref.uri(), task.integrationId, outcome.outcome, outcome.reason);
        }
        return outcome;
    }

    private static void setOutcome(ObjectOutcome o, LedgerOutcome outcome, String reason) {
        o.outcome = outcome.ledgerName();
        o.reason = reason;
    }

    @Override
    public void close() {
        try {
            store.close();
        } catch (Exception e) {
            LOG.debug("Closing object store failed", e);
        }
    }

    /** Applies the include-list to each record and counts what was kept, dropped and mismatched. */
    private static final class RecordCounts {
        private final RecordFilter filter;
        long kept;
        long dropped;
        long mismatched;

        RecordCounts(RecordFilter filter) {
            this.filter = filter;
        }

        boolean keep(RowData row) {
            String recipient = row.isNullAt(EventLayout.RECIPIENT_ACCOUNT_ID)
                    ? null : row.getString(EventLayout.RECIPIENT_ACCOUNT_ID).toString();
            RecordVerdict verdict = filter.check(recipient);
            if (verdict.mismatch()) mismatched++;
            if (verdict.kept()) {
                kept++;
                return true;
            }
            dropped++;
            return false;
        }
    }
}
