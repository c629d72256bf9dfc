package io.trailstream.object;

import io.trailstream.classloading.UserCodeRelease;
import io.trailstream.ledger.LedgerOutcome;
import io.trailstream.ledger.LedgerRow;
import io.trailstream.metrics.TrailstreamMetrics;
import io.trailstream.record.CloudTrailRecordParser;
import io.trailstream.record.EventLayout;
import io.trailstream.record.EventRowType;
import io.trailstream.trail.ObjectKind;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Turns a downloaded object into rows as it parses it: decompresses the stored bytes as a stream, emits each
 * kept record at once (events on the main output, Insights on {@link #INSIGHTS}), then the object's ledger
 * row ({@link LedgerRow#OUTPUT}). A whole file is never held in memory uncompressed, nor as rows, nor a record larger
 * than the limit. Chained behind the download, so an object's rows and its ledger row are emitted in one step,
 * never split by a checkpoint; once parsed, the object's room in the download buffers is given back.
 * Counts per integration what became of the objects and their records. A digest file goes on, as it was stored,
 * to verification ({@link #DIGESTS}); its ledger row says {@code recorded}.
 */
public class ParseObjectFunction extends ProcessFunction<DownloadedObject, RowData> {
    private static final long serialVersionUID = 1L;
    private static final StringData INSIGHT_TYPE = StringData.fromString("AwsCloudTrailInsight");

    public static final OutputTag<RowData> INSIGHTS =
            new OutputTag<>("insights", InternalTypeInfo.of(EventRowType.events())) {};
    /** Digest files, fetched for verification: not parsed here. */
    public static final OutputTag<FetchedDigest> DIGESTS =
            new OutputTag<>("digests", TypeInformation.of(FetchedDigest.class)) {};

    /** What a fetched object can end as: the outcomes this operator counts per integration. */
    static final List<String> OUTCOMES = Stream.of(
                    LedgerOutcome.INGESTED,
                    LedgerOutcome.PARTIAL,
                    LedgerOutcome.NOT_CLOUDTRAIL,
                    LedgerOutcome.CORRUPT,
                    LedgerOutcome.MISSING,
                    LedgerOutcome.FETCH_FAILED,
                    LedgerOutcome.ACCESS_DENIED)
            .map(LedgerOutcome::ledgerName)
            .collect(Collectors.toUnmodifiableList());

    private final List<String> knownIntegrations;

    private final long maxRecordBytes;
    private final Sha256Implementation sha256;

    private transient CloudTrailRecordParser parser;
    private transient Sha256Digests digests;
    private transient TrailstreamMetrics metrics;

    /** A parse step that skips records larger than the default {@code records.max-size}. */
    public ParseObjectFunction() {
        this(CloudTrailRecordParser.DEFAULT_MAX_RECORD_BYTES, List.of(), Sha256Implementation.AUTO);
    }

    /**
     * @param maxRecordBytes records larger than this are skipped unread ({@code records.max-size})
     * @param knownIntegrations integrations whose series are registered at zero at open (the config's); any other
     *     integration's are at its first object
     * @param sha256 which code hashes each log file's bytes ({@code records.sha256-implementation})
     */
    public ParseObjectFunction(long maxRecordBytes, List<String> knownIntegrations, Sha256Implementation sha256) {
        this.maxRecordBytes = maxRecordBytes;
        this.sha256 = sha256;
        this.knownIntegrations = List.copyOf(knownIntegrations);
    }

    @Override
    public void open(OpenContext openContext) {
        parser = new CloudTrailRecordParser(maxRecordBytes);
        digests = Sha256Digests.of(sha256);
        metrics = new TrailstreamMetrics(getRuntimeContext().getMetricGroup());
        UserCodeRelease.registerOn(getRuntimeContext());
        knownIntegrations.forEach(id -> metrics.registerFetched(id, OUTCOMES));
    }

    @Override
    public void processElement(DownloadedObject object, Context ctx, Collector<RowData> out) {
        LedgerRow o;
        try {
            if (object.failure == null && object.task.trailKey.kind == ObjectKind.DIGEST) {
                ctx.output(DIGESTS, FetchedDigest.of(object));
                LedgerRow digest = DigestLedger.row(object);
                metrics.fetchedObjects(digest.integrationId, digest.outcome.ledgerName())
                        .inc();
                ctx.output(LedgerRow.OUTPUT, digest);
                return;
            }
            o = ObjectFetcher.parse(object, parser, digests, row -> {
                if (isInsight(row)) {
                    ctx.output(INSIGHTS, row);
                } else {
                    out.collect(row);
                }
            });
        } finally {
            FetchBuffers.release(object); // the download's room, for the next one
        }
        String integration = o.integrationId;
        metrics.registerFetched(integration, OUTCOMES);
        metrics.fetchedObjects(integration, o.outcome.ledgerName()).inc();
        metrics.records(integration, TrailstreamMetrics.KEPT).inc(o.recordCount);
        metrics.records(integration, TrailstreamMetrics.DROPPED).inc(o.droppedRecords);
        metrics.mismatchedRecords(integration).inc(o.mismatchedRecords);
        if (o.oversizedRecords > 0) metrics.oversizedRecords(integration).inc(o.oversizedRecords);
        if (o.compressedBytes > 0)
            metrics.bytes(integration, TrailstreamMetrics.COMPRESSED).inc(o.compressedBytes);
        if (o.uncompressedBytes > 0)
            metrics.bytes(integration, TrailstreamMetrics.UNCOMPRESSED).inc(o.uncompressedBytes);
        ctx.output(LedgerRow.OUTPUT, o);
    }

    /** CloudTrail Insights records carry {@code eventType: AwsCloudTrailInsight}. */
    static boolean isInsight(RowData row) {
        // Compared as UTF-8 bytes: no String per record.
        return !row.isNullAt(EventLayout.EVENT_TYPE) && INSIGHT_TYPE.equals(row.getString(EventLayout.EVENT_TYPE));
    }
}
