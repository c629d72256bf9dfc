package io.trailstream.object;

import io.trailstream.ledger.LedgerOutcome;
import io.trailstream.ledger.LedgerRow;
import io.trailstream.ledger.ReadFailure;
import io.trailstream.notification.ObjectRef;
import io.trailstream.object.gzip.Gzip;
import io.trailstream.object.store.ObjectAccessDeniedException;
import io.trailstream.object.store.ObjectFetchException;
import io.trailstream.object.store.ObjectMissingException;
import io.trailstream.object.store.ObjectStore;
import io.trailstream.object.store.ObjectStoreFactory;
import io.trailstream.object.store.OpenedObject;
import io.trailstream.object.store.RetryPolicy;
import io.trailstream.record.CloudTrailRecordParser;
import io.trailstream.record.EventLayout;
import io.trailstream.record.ParseSummary;
import io.trailstream.record.RecordContext;
import io.trailstream.routing.ObjectTask;
import io.trailstream.routing.RecordFilter;
import io.trailstream.routing.RecordVerdict;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.zip.ZipException;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Gets one object and turns it into rows and a ledger row, in two steps so that the slow one (the download)
 * can run on I/O threads while only compressed bytes wait in memory: {@link #download} reads the object's
 * stored bytes, reading it again when the connection breaks off; {@link #parse} decompresses them as a
 * stream, parses one record at a time and hands on those the integration may keep. Thread-safe.
 */
public class ObjectFetcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectFetcher.class);
    /** Larger objects are not downloaded (CloudTrail's files are a few MB); a byte array could not hold them. */
    static final long MAX_OBJECT_BYTES = 1L << 30;

    private final ObjectStore store;
    private final RetryPolicy retryPolicy;
    private final RetryPolicy.Sleeper sleeper;

    public ObjectFetcher(ObjectStoreFactory storeFactory) {
        this(storeFactory.create(), storeFactory.s3Settings().retryPolicy(), RetryPolicy.Sleeper.THREAD);
    }

    /** A fetcher over {@code store}, which it closes; {@code retryPolicy} paces reading an object again. */
    ObjectFetcher(ObjectStore store, RetryPolicy retryPolicy, RetryPolicy.Sleeper sleeper) {
        this.store = store;
        this.retryPolicy = retryPolicy;
        this.sleeper = sleeper;
    }

    /** Downloads and parses in one go, with a parser of its own: for tools and tests. Never throws. */
    public LedgerRow fetch(ObjectTask task, Consumer<RowData> rows) {
        return parse(download(task), new CloudTrailRecordParser(), rows);
    }

    /**
     * Reads {@code task}'s object whole, as stored; never throws. A read that breaks off (a dropped connection,
     * a timeout) is started over, as the store's retry policy allows; when every attempt broke, or the object
     * cannot be opened, the result carries its {@code fetch_failed} or {@code missing} ledger row.
     */
    public DownloadedObject download(ObjectTask task) {
        ObjectRef ref = task.ref;
        try {
            return retryPolicy.run("Reading " + ref.uri(), attempt -> readAll(task, attempt), sleeper);
        } catch (ObjectFetchException e) {
            return DownloadedObject.failed(task, LedgerOutcome.FETCH_FAILED, readFailure(e), e.getMessage());
        } catch (InterruptedIOException e) {
            return DownloadedObject.failed(task, LedgerOutcome.FETCH_FAILED, ReadFailure.TRANSIENT, e.getMessage());
        }
    }

    /**
     * Decompresses (when gzip, by the magic bytes) and parses {@code object} as a stream, handing each kept row to
     * {@code rows} as soon as it is read; returns the object's ledger row. Never throws. The bytes decide the
     * outcome alone: {@code ingested}, or {@code partial} / {@code corrupt} / {@code not_cloudtrail}.
     */
    public static LedgerRow parse(DownloadedObject object, CloudTrailRecordParser parser, Consumer<RowData> rows) {
        ObjectTask task = object.task;
        ObjectRef ref = task.ref;
        LedgerRow outcome =
                object.failure != null ? object.failure : parseBytes(task, object.bytes, object.eTag, parser, rows);
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
     * One attempt at reading the object whole. Opening is retried by the store itself, so a failure to open is
     * the result, not thrown; a read that breaks off is a TRANSIENT {@link ObjectFetchException}, read again.
     */
    private DownloadedObject readAll(ObjectTask task, int attempt) throws ObjectFetchException {
        ObjectRef ref = task.ref;
        CountingInputStream in = null;
        try (OpenedObject object = store.open(ref, task.readRole())) {
            if (object.contentLength() > MAX_OBJECT_BYTES) {
                return DownloadedObject.failed(
                        task,
                        LedgerOutcome.FETCH_FAILED,
                        ReadFailure.TOO_LARGE,
                        "object of " + object.contentLength() + " bytes is larger than " + MAX_OBJECT_BYTES
                                + ", not downloaded");
            }
            in = new CountingInputStream(object.stream());
            byte[] bytes = in.readAllBytes();
            return DownloadedObject.of(task, bytes, object.eTag(), object.userMetadata());
        } catch (ObjectFetchException e) {
            return DownloadedObject.failed(task, outcomeOf(e), readFailure(e), e.getMessage());
        } catch (IOException | RuntimeException e) {
            long read = in == null ? 0 : in.count();
            if (isBrokenRead(e)) {
                throw new ObjectFetchException(
                        ObjectFetchException.Reason.TRANSIENT,
                        ref.uri(),
                        "read broke off after " + read + " bytes: " + e,
                        attempt,
                        e);
            }
            return DownloadedObject.failed(
                    task,
                    LedgerOutcome.FETCH_FAILED,
                    ReadFailure.FAILED,
                    e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static LedgerRow parseBytes(
            ObjectTask task, byte[] bytes, String eTag, CloudTrailRecordParser parser, Consumer<RowData> rows) {
        ObjectRef ref = task.ref;
        LedgerRow outcome = LedgerRow.of(ref, task.trailKey, task.integrationId, LedgerOutcome.INGESTED, null);
        if (eTag != null) outcome.eTag = eTag;
        outcome.compressedBytes = bytes.length;
        String keyAccount = task.trailKey == null ? null : task.trailKey.accountId;
        RecordCounts counts = new RecordCounts(new RecordFilter(task.includedAccounts, keyAccount), keyAccount);
        try {
            InputStream decompressed = Gzip.decompressIfGzip(new ByteArrayInputStream(bytes));
            HashingInputStream in = new HashingInputStream(decompressed);
            RecordContext context = new RecordContext(task.integrationId, ref.bucket, ref.key, Instant.now());
            ParseSummary summary = parser.parse(in, context, row -> {
                if (counts.keep(row)) rows.accept(row);
            });
            ContentHash.record(outcome, in, decompressed, bytes.length);
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
                    setOutcome(
                            outcome,
                            summary.recordsEmitted() > 0 ? LedgerOutcome.PARTIAL : LedgerOutcome.CORRUPT,
                            summary.error());
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

    /** The ledger's kind of a store failure. */
    /** {@code missing}, {@code access_denied} (the object's or the read role's refusal), else {@code fetch_failed}. */
    static LedgerOutcome outcomeOf(ObjectFetchException e) {
        if (e instanceof ObjectMissingException) return LedgerOutcome.MISSING;
        if (e instanceof ObjectAccessDeniedException) return LedgerOutcome.ACCESS_DENIED;
        return LedgerOutcome.FETCH_FAILED;
    }

    static ReadFailure readFailure(ObjectFetchException e) {
        if (e instanceof ObjectMissingException) {
            return ((ObjectMissingException) e).bucketMissing() ? ReadFailure.NO_SUCH_BUCKET : ReadFailure.NOT_FOUND;
        }
        switch (e.reason()) {
            case ACCESS_DENIED:
                return ReadFailure.ACCESS_DENIED;
            case THROTTLED:
                return ReadFailure.THROTTLED;
            case TRANSIENT:
                return ReadFailure.TRANSIENT;
            case INVALID_REF:
                return ReadFailure.INVALID_REF;
            case NOT_FOUND:
                return ReadFailure.NOT_FOUND;
            default:
                return ReadFailure.FAILED;
        }
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
