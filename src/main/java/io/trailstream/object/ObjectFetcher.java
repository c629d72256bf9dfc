package io.trailstream.object;

import io.trailstream.control.RecordFilter;
import io.trailstream.control.RecordVerdict;
import io.trailstream.notification.ObjectRef;
import io.trailstream.record.CloudTrailRecordParser;
import io.trailstream.record.EventLayout;
import io.trailstream.record.ParseSummary;
import io.trailstream.record.RecordContext;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.ZipException;
import org.apache.flink.table.data.RowData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Fetches one object, decompresses it as a stream, parses its records and keeps those its integration may
 * keep, returning the object's ledger row. Thread-safe: one parser per thread.
 */
public class ObjectFetcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectFetcher.class);

    private final ObjectStore store;
    private final RetryPolicy retryPolicy;
    private final RetryPolicy.Sleeper sleeper;
    private final ThreadLocal<CloudTrailRecordParser> parsers = ThreadLocal.withInitial(CloudTrailRecordParser::new);

    public ObjectFetcher(ObjectStoreFactory storeFactory) {
        this(storeFactory.create(), storeFactory.s3Settings().retryPolicy(), RetryPolicy.Sleeper.THREAD);
    }

    /** A fetcher over {@code store}, which it closes; {@code retryPolicy} paces reading an object again. */
    ObjectFetcher(ObjectStore store, RetryPolicy retryPolicy, RetryPolicy.Sleeper sleeper) {
        this.store = store;
        this.retryPolicy = retryPolicy;
        this.sleeper = sleeper;
    }

    /**
     * Fetches and parses {@code task}'s object, handing kept rows to {@code rows}; never throws.
     *
     * <p>A read that breaks off for another reason than the object's bytes (a dropped connection, a timeout) is
     * started over from the beginning, as the store's retry policy allows; the rows of a broken read are never
     * handed out, so an object yields all its rows once, or (when every attempt broke) none and
     * {@code fetch_failed}. Only the bytes themselves make an object {@code partial} or {@code corrupt}.
     */
    public ObjectOutcome fetch(ObjectTask task, Consumer<RowData> rows) {
        ObjectRef ref = task.ref;
        List<RowData> kept = new ArrayList<>();
        ObjectOutcome outcome;
        try {
            outcome = retryPolicy.run("Reading " + ref.uri(), attempt -> {
                kept.clear();
                return read(task, kept::add, attempt);
            }, sleeper);
        } catch (ObjectFetchException | InterruptedIOException e) {
            kept.clear();
            outcome = ObjectOutcome.of(ref, task.trailKey, task.integrationId, LedgerOutcome.FETCH_FAILED, e.getMessage());
        }
        kept.forEach(rows);
        outcome.noteReplay(ref);
        outcome.processedAtMillis = System.currentTimeMillis();
        if (LedgerOutcome.INGESTED.ledgerName().equals(outcome.outcome)) {
            LOG.debug("Object {} ingested for {}: {} records kept, {} dropped", ref.uri(), task.integrationId,
                    outcome.recordCount, outcome.droppedRecords);
        } else {
            LOG.warn("Object {} (integration {}) {}: {}", ref.uri(), task.integrationId, outcome.outcome, outcome.reason);
        }
        return outcome;
    }

    /**
     * One attempt at the object: its outcome, or a TRANSIENT {@link ObjectFetchException} when the read broke
     * off (then the rows handed to {@code rows} are to be dropped). Opening is retried by the store itself, so
     * a failure to open is an outcome here, not thrown.
     */
    private ObjectOutcome read(ObjectTask task, Consumer<RowData> rows, int attempt) throws ObjectFetchException {
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
            long read = compressed == null ? 0 : compressed.count();
            if (isBrokenRead(e)) {
                throw new ObjectFetchException(ObjectFetchException.Reason.TRANSIENT, ref.uri(),
                        "read broke off after " + read + " bytes: " + e, attempt, e);
            }
            // Bytes that are not gzip or JSON from the start: the rows handed out so far (if any) are kept.
            long kept = counts.kept;
            setOutcome(outcome, kept > 0 ? LedgerOutcome.PARTIAL : LedgerOutcome.CORRUPT,
                    e.getClass().getSimpleName() + ": " + e.getMessage());
            if (compressed != null) outcome.compressedBytes = read;
        }
        outcome.recordCount = counts.kept;
        outcome.droppedRecords = counts.dropped;
        outcome.mismatchedRecords = counts.mismatched;
        return outcome;
    }

    /**
     * Whether a read failed for another reason than the object's bytes. Bad bytes show as a gzip
     * {@link ZipException} or an {@link EOFException} (a stored file that ends too early), or are reported by
     * the parser as MALFORMED; what else the stream throws (a connection closed before Content-Length, a socket
     * timeout, an SDK checksum or I/O error) says nothing of the object, which is read again.
     */
    static boolean isBrokenRead(Throwable e) {
        if (e instanceof ZipException || e instanceof EOFException) return false;
        return e instanceof IOException || e instanceof SdkException;
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
