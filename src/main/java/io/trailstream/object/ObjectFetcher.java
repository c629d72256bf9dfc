package io.trailstream.object;

import io.trailstream.iceberg.EventsTable;
import io.trailstream.notification.ObjectRef;
import io.trailstream.record.CloudTrailRecordParser;
import io.trailstream.record.ParseSummary;
import io.trailstream.record.RecordContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches one object, decompresses it as a stream, parses its records and keeps those its integration may
 * keep, returning the object's ledger row. Thread-safe: one parser per thread.
 */
public class ObjectFetcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectFetcher.class);

    private final ObjectStoreFactory storeFactory;
    private final java.util.Map<String, ObjectStore> stores = new java.util.concurrent.ConcurrentHashMap<>();
    private final ThreadLocal<CloudTrailRecordParser> parsers = ThreadLocal.withInitial(CloudTrailRecordParser::new);

    public ObjectFetcher(ObjectStoreFactory storeFactory) {
        this.storeFactory = storeFactory;
    }

    /** Fetches and parses {@code task}'s object, handing kept rows to {@code rows}; never throws. */
    public ObjectOutcome fetch(ObjectTask task, Consumer<RowData> rows) {
        ObjectRef ref = task.ref;
        ObjectOutcome outcome = ObjectOutcome.of(ref, task.trailKey, task.integrationId, LedgerOutcome.INGESTED, null);
        RecordAccountFilter filter = new RecordAccountFilter(task.includedAccounts,
                task.trailKey == null ? null : task.trailKey.accountId);
        CountingInputStream compressed = null;
        ParseSummary summary = null;
        try (OpenedObject object = store(ref.scheme).open(ref)) {
            compressed = new CountingInputStream(object.stream());
            if (object.eTag() != null) outcome.eTag = object.eTag();
            InputStream in = Gzip.decompressIfGzip(compressed);
            RecordContext context = new RecordContext(task.integrationId, ref.bucket, ref.key,
                    System.currentTimeMillis());
            summary = parsers.get().parse(in, context, row -> {
                if (filter.keep(row)) rows.accept(row);
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
            long kept = filter.kept();
            setOutcome(outcome, kept > 0 ? LedgerOutcome.PARTIAL : LedgerOutcome.CORRUPT,
                    e.getClass().getSimpleName() + ": " + e.getMessage());
            if (compressed != null) outcome.compressedBytes = compressed.count();
        }
        outcome.recordCount = filter.kept();
        outcome.droppedRecords = filter.dropped();
        outcome.mismatchedRecords = filter.mismatched();
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

    private ObjectStore store(String scheme) {
        return stores.computeIfAbsent(scheme, storeFactory::create);
    }

    @Override
    public void close() {
        for (ObjectStore s : stores.values()) {
            try {
                s.close();
            } catch (Exception e) {
                LOG.debug("Closing object store failed", e);
            }
        }
    }

    /** Keeps records of allowed recipient accounts and counts those that differ from the key's account. */
    static final class RecordAccountFilter {
        private final Set<String> allowed;
        private final String keyAccount;
        private long kept;
        private long dropped;
        private long mismatched;

        RecordAccountFilter(java.util.List<String> includedAccounts, String keyAccount) {
            this.allowed = includedAccounts == null ? null : new HashSet<>(includedAccounts);
            this.keyAccount = keyAccount;
        }

        synchronized boolean keep(RowData row) {
            StringData account = row.isNullAt(EventsTable.RECIPIENT_ACCOUNT_ID)
                    ? null : row.getString(EventsTable.RECIPIENT_ACCOUNT_ID);
            String recipient = account == null ? null : account.toString();
            if (recipient != null && keyAccount != null && !recipient.equals(keyAccount)) mismatched++;
            // A record without a recipient account belongs to the key's account.
            String effective = recipient == null ? keyAccount : recipient;
            if (allowed != null && (effective == null || !allowed.contains(effective))) {
                dropped++;
                return false;
            }
            kept++;
            return true;
        }

        synchronized long kept() { return kept; }
        synchronized long dropped() { return dropped; }
        synchronized long mismatched() { return mismatched; }
    }
}
