package io.trailstream.object;

import io.trailstream.ledger.LedgerOutcome;
import io.trailstream.ledger.LedgerRow;
import io.trailstream.ledger.ReadFailure;
import io.trailstream.notification.ObjectRef;
import io.trailstream.object.gzip.Gzip;
import io.trailstream.object.store.ObjectFetchException;
import io.trailstream.object.store.ObjectStore;
import io.trailstream.object.store.ObjectStoreFactory;
import io.trailstream.object.store.RetryPolicy;
import io.trailstream.record.CloudTrailRecordParser;
import io.trailstream.record.EventLayout;
import io.trailstream.record.ParseSummary;
import io.trailstream.record.RecordContext;
import io.trailstream.routing.ObjectTask;
import io.trailstream.routing.RecordFilter;
import io.trailstream.routing.RecordVerdict;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.zip.ZipException;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Gets one object and turns it into rows and a ledger row, in two steps so that the slow one (the download)
 * can run on I/O threads while only compressed bytes wait: {@link #download} reads the object's stored bytes
 * whole, into memory or a spool file within its {@link FetchBuffers}, reading it again when the connection breaks
 * off; {@link #parse} decompresses them as a stream, parses one record at a time and hands on those the
 * integration may keep. Thread-safe.
 */
public class ObjectFetcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectFetcher.class);

    private final ObjectStore store;
    private final RetryPolicy retryPolicy;
    private final RetryPolicy.Sleeper sleeper;
    private final FetchBuffers buffers;
    private final boolean ownsBuffers;

    /** A fetcher within the default limits (for tools and tests); it closes its buffers. */
    public ObjectFetcher(ObjectStoreFactory storeFactory) {
        this(storeFactory, FetchBuffers.withDefaults(), true);
    }

    /** A fetcher whose downloads take their room from {@code buffers}, which stay the caller's. */
    ObjectFetcher(ObjectStoreFactory storeFactory, FetchBuffers buffers) {
        this(storeFactory, buffers, false);
    }

    private ObjectFetcher(ObjectStoreFactory storeFactory, FetchBuffers buffers, boolean ownsBuffers) {
        this(
                storeFactory.create(),
                storeFactory.s3Settings().retryPolicy(),
                RetryPolicy.Sleeper.THREAD,
                buffers,
                ownsBuffers);
    }

    /** A fetcher over {@code store}, which it closes; {@code retryPolicy} paces reading an object again. */
    ObjectFetcher(ObjectStore store, RetryPolicy retryPolicy, RetryPolicy.Sleeper sleeper) {
        this(store, retryPolicy, sleeper, FetchBuffers.withDefaults(), true);
    }

    private ObjectFetcher(
            ObjectStore store,
            RetryPolicy retryPolicy,
            RetryPolicy.Sleeper sleeper,
            FetchBuffers buffers,
            boolean ownsBuffers) {
        this.store = store;
        this.retryPolicy = retryPolicy;
        this.sleeper = sleeper;
        this.buffers = buffers;
        this.ownsBuffers = ownsBuffers;
    }

    /** Downloads and parses in one go, with a parser of its own: for tools and tests. Never throws. */
    public LedgerRow fetch(ObjectTask task, Consumer<RowData> rows) {
        DownloadedObject object = download(task);
        try {
            return parse(
                    object, new CloudTrailRecordParser(buffers.limits().maxRecordBytes()), Sha256Digests.jdk(), rows);
        } finally {
            FetchBuffers.release(object);
        }
    }

    /** {@link #download(ObjectTask, BooleanSupplier)} of an object someone waits for to the end. */
    public DownloadedObject download(ObjectTask task) {
        return download(task, () -> false);
    }

    /**
     * Reads {@code task}'s object whole, as stored; never throws. It first waits until the object's bytes fit in
     * the buffers. A read that breaks off (a dropped connection, a timeout) is started over, as the store's retry
     * policy allows; when every attempt broke, or the object cannot be opened, the result carries its
     * {@code fetch_failed} or {@code missing} ledger row. Whatever it holds is given back by
     * {@link FetchBuffers#release} once the object is parsed (or dropped).
     *
     * @param abandoned says when the object is no longer wanted (its fetch timed out): the read stops
     */
    DownloadedObject download(ObjectTask task, BooleanSupplier abandoned) {
        ObjectRef ref = task.ref;
        ObjectDownload download = new ObjectDownload(store, buffers, abandoned);
        try {
            return retryPolicy.run("Reading " + ref.uri(), attempt -> download.attempt(task, attempt), sleeper);
        } catch (ObjectFetchException e) {
            return DownloadedObject.failed(
                    task, LedgerOutcome.FETCH_FAILED, FetchFailures.readFailure(e), e.getMessage());
        } catch (InterruptedIOException e) {
            return DownloadedObject.failed(task, LedgerOutcome.FETCH_FAILED, ReadFailure.TRANSIENT, e.getMessage());
        }
    }

    /**
     * Decompresses (when gzip, by the magic bytes) and parses {@code object} as a stream, handing each kept row to
     * {@code rows} as soon as it is read, its content hashed with {@code digests}; returns the object's ledger row.
     * Never throws. The bytes decide the outcome alone: {@code ingested}, or {@code partial} / {@code corrupt} / {@code not_cloudtrail}.
     */
    public static LedgerRow parse(
            DownloadedObject object, CloudTrailRecordParser parser, Sha256Digests digests, Consumer<RowData> rows) {
        ObjectTask task = object.task;
        ObjectRef ref = task.ref;
        LedgerRow outcome = object.failure != null ? object.failure : parseStored(object, parser, digests, rows);
        outcome.noteReplay(ref);
        outcome.processedAtMillis = System.currentTimeMillis();
        if (outcome.outcome == LedgerOutcome.INGESTED) {
            LOG.debug(
                    "Object {} ingested for {}: {} records kept, {} dropped",
                    ref.uri(),
                    task.integrationId,
                    outcome.recordCount,
                    outcome.droppedRecords);
        } else {
            LOG.warn(
                    "Object {} (integration {}) {}: {}",
                    ref.uri(),
                    task.integrationId,
                    outcome.outcome,
                    outcome.reason);
        }
        return outcome;
    }

    /**
     * The object's bytes as the parser reads them: the stored bytes, decompressed when they are gzip. One stream
     * pipeline, read once: a stage that must see every byte (a hash of the content, say) goes here.
     */
    static InputStream decompressed(InputStream stored) throws IOException {
        return Gzip.decompressIfGzip(stored);
    }

    private static LedgerRow parseStored(
            DownloadedObject object, CloudTrailRecordParser parser, Sha256Digests digests, Consumer<RowData> rows) {
        ObjectTask task = object.task;
        ObjectRef ref = task.ref;
        LedgerRow outcome = LedgerRow.of(ref, task.trailKey, task.integrationId, LedgerOutcome.INGESTED, null);
        if (object.eTag != null) outcome.eTag = object.eTag;
        outcome.compressedBytes = object.storedLength;
        String keyAccount = task.trailKey == null ? null : task.trailKey.accountId;
        RecordCounts counts = new RecordCounts(new RecordFilter(task.includedAccounts, keyAccount), keyAccount);
        try (InputStream stored = object.openStored()) {
            InputStream decompressed = decompressed(stored);
            HashingInputStream in = new HashingInputStream(decompressed, digests.newDigest());
            RecordContext context = new RecordContext(task.integrationId, ref.bucket, ref.key, Instant.now());
            ParseSummary summary = parser.parse(in, context, row -> {
                if (counts.keep(row)) rows.accept(row);
            });
            ContentHash.record(outcome, in, decompressed, object.storedLength);
            outcome.uncompressedBytes = summary.bytesRead();
            outcome.malformedRecords = summary.recordsSkipped();
            outcome.oversizedRecords = summary.oversized().count();
            String oversized = summary.oversized().describe();
            switch (summary.status()) {
                case OK:
                    if (oversized.isEmpty()) {
                        outcome.reason = summary.recordsEmitted() + " records";
                    } else {
                        setOutcome(outcome, LedgerOutcome.PARTIAL, summary.recordsEmitted() + " records; " + oversized);
                    }
                    break;
                case NOT_CLOUDTRAIL:
                    setOutcome(outcome, LedgerOutcome.NOT_CLOUDTRAIL, summary.error());
                    break;
                default:
                    setOutcome(
                            outcome,
                            summary.recordsEmitted() > 0 || !oversized.isEmpty()
                                    ? LedgerOutcome.PARTIAL
                                    : LedgerOutcome.CORRUPT,
                            oversized.isEmpty() ? summary.error() : summary.error() + "; " + oversized);
            }
        } catch (IOException | RuntimeException e) {
            // Bytes that are not gzip or JSON from the start: the rows handed out so far (if any) are kept.
            setOutcome(
                    outcome,
                    counts.kept > 0 ? LedgerOutcome.PARTIAL : LedgerOutcome.CORRUPT,
                    e.getClass().getSimpleName() + ": " + e.getMessage());
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

    private static void setOutcome(LedgerRow o, LedgerOutcome outcome, String reason) {
        o.outcome = outcome;
        o.reason = reason;
    }

    @Override
    public void close() {
        try {
            store.close();
        } catch (Exception e) {
            LOG.debug("Closing object store failed", e);
        }
        if (ownsBuffers) buffers.close();
    }

    /** Applies the include-list to each record and counts what was kept, dropped and mismatched. */
    private static final class RecordCounts {
        private final RecordFilter filter;
        long kept;
        long dropped;
        long mismatched;

        /** The key's account, which most records name: compared as bytes, so no String is made for them. */
        private final String keyAccount;

        private final StringData keyAccountData;

        RecordCounts(RecordFilter filter, String keyAccount) {
            this.filter = filter;
            this.keyAccount = keyAccount;
            this.keyAccountData = keyAccount == null ? null : StringData.fromString(keyAccount);
        }

        boolean keep(RowData row) {
            String recipient = null;
            if (!row.isNullAt(EventLayout.RECIPIENT_ACCOUNT_ID)) {
                StringData account = row.getString(EventLayout.RECIPIENT_ACCOUNT_ID);
                recipient = account.equals(keyAccountData) ? keyAccount : account.toString();
            }
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
