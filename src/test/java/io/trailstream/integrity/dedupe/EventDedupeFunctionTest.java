package io.trailstream.integrity.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.ledger.LedgerOutcome;
import io.trailstream.ledger.LedgerRow;
import io.trailstream.notification.ObjectRef;
import io.trailstream.record.CloudTrailRecordParser;
import io.trailstream.record.EventLayout;
import io.trailstream.record.RecordContext;
import io.trailstream.testing.TrailSigner;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.table.data.RowData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Event dedupe in Flink's keyed harnesses, on records the job's own parser made from log files: a record delivered
 * in two files is kept once, also across a snapshot and restore, and again after its TTL; another integration's
 * same eventID is its own; each object's ledger row counts its dropped records whether the acks come first or it
 * does. Prints the snapshot size per remembered eventID.
 */
class EventDedupeFunctionTest {
    private static final Duration TTL = Duration.ofHours(24);
    private final TrailSigner.Trail trail =
            new TrailSigner().trail("acme-trail", null, null, "111122223333", "eu-west-1");
    private KeyedOneInputStreamOperatorTestHarness<String, RowData, RowData> harness;

    @AfterEach
    void close() throws Exception {
        if (harness != null) harness.close();
    }

    @Test
    void aRecordInTwoFilesIsKeptOnceAcrossARestore() throws Exception {
        Instant at = Instant.parse("2026-11-26T09:05:00Z");
        TrailSigner.LogFile a = trail.logFileOf(at, List.of(record("e1"), record("e2")), List.of("e1", "e2"));
        TrailSigner.LogFile b = trail.logFileOf(at.plusSeconds(300), List.of(record("e2"), record("e3")), List.of());
        TrailSigner.LogFile c = trail.logFileOf(at.plusSeconds(600), List.of(record("e1"), record("e4")), List.of());
        start(null);
        process(a, "acme");
        assertThat(kept()).containsExactly("e1", "e2");
        process(b, "acme");
        assertThat(kept()).as("e2 came in the first file").containsExactly("e3");
        assertThat(dropped()).containsExactly(b.key());
        OperatorSubtaskState snapshot = harness.snapshot(1, 0);
        harness.close();

        start(snapshot);
        process(c, "acme");
        assertThat(kept()).as("e1 is remembered across the restore").containsExactly("e4");
        process(c, "globex");
        assertThat(kept()).as("another integration's e1 and e4 are its own").containsExactly("e1", "e4");
        process(a, "acme");
        assertThat(kept()).as("within the TTL").isEmpty();
        harness.setStateTtlProcessingTime(TTL.toMillis() + 1);
        process(a, "acme");
        assertThat(kept()).as("after the TTL, e1 and e2 are new again").containsExactly("e1", "e2");
    }

    @Test
    void theLedgerRowCountsTheDropsWhicheverComesFirst() throws Exception {
        KeyedTwoInputStreamOperatorTestHarness<String, LedgerRow, DedupeAck, LedgerRow> ledger =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(new DedupeLedgerFunction()),
                        DedupeLedgerFunction::keyOf,
                        a -> a.objectKey,
                        Types.STRING);
        ledger.open();
        LedgerRow first = row("k1", 2);
        LedgerRow second = row("k2", 3);
        ledger.processElement1(new StreamRecord<>(first));
        ledger.processElement2(new StreamRecord<>(DedupeAck.of("acme-trail/k1", false)));
        assertThat(ledger.extractOutputValues()).as("one ack of two").isEmpty();
        ledger.processElement2(new StreamRecord<>(DedupeAck.of("acme-trail/k1", true)));
        ledger.processElement2(new StreamRecord<>(DedupeAck.of("acme-trail/k2", true)));
        ledger.processElement2(new StreamRecord<>(DedupeAck.of("acme-trail/k2", true)));
        ledger.processElement2(new StreamRecord<>(DedupeAck.of("acme-trail/k2", false)));
        ledger.processElement1(new StreamRecord<>(second));
        ledger.processElement1(new StreamRecord<>(row("k3", 0)));
        assertThat(ledger.extractOutputValues())
                .extracting(r -> r.key + " " + r.recordCount + " " + r.duplicateEvents)
                .containsExactly("k1 1 1", "k2 1 2", "k3 0 0");
        ledger.close();
    }

    @Test
    void stateSizePerRememberedEventId() throws Exception {
        start(null);
        int n = 20_000;
        List<String> records = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = String.format("%08x-1111-4222-8333-%012d", i, i);
            ids.add(id);
            records.add(record(id));
        }
        process(trail.logFileOf(Instant.parse("2026-11-26T09:05:00Z"), records, ids), "acme");
        OperatorSubtaskState snapshot = harness.snapshot(1, 0);
        long bytes = snapshot.getStateSize();
        System.out.printf(
                "event dedupe: %d eventIDs, snapshot %d bytes, %.1f bytes per eventID (heap backend,"
                        + " key = integration|eventID, TTL'd Boolean)%n",
                n, bytes, bytes / (double) n);
        assertThat(bytes).isGreaterThan(n * 36L).isLessThan(n * 200L);
    }

    private void start(OperatorSubtaskState restore) throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new EventDedupeFunction(TTL)), EventDedupeFunction::keyOf, Types.STRING);
        harness.setup();
        if (restore != null) harness.initializeState(restore);
        harness.open();
        harness.setStateTtlProcessingTime(0);
    }

    /** Parses the file with the job's parser, as the integration, and feeds its rows. */
    private void process(TrailSigner.LogFile f, String integration) throws Exception {
        harness.getOutput().clear();
        new CloudTrailRecordParser()
                .parse(
                        new ByteArrayInputStream(f.uncompressed()),
                        new RecordContext(integration, "acme-trail", f.key(), Instant.EPOCH),
                        row -> {
                            try {
                                harness.processElement(new StreamRecord<>(row));
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });
    }

    private List<String> kept() {
        int eventId = EventLayout.EVENTS.positionOf("event_id");
        return harness.extractOutputValues().stream()
                .map(r -> r.getString(eventId).toString())
                .collect(Collectors.toList());
    }

    private List<String> dropped() {
        var acks = harness.getSideOutput(EventDedupeFunction.ACKS);
        return acks.stream()
                .map(StreamRecord::getValue)
                .filter(a -> a.dropped)
                .map(a -> a.objectKey.substring("acme-trail/".length()))
                .collect(Collectors.toList());
    }

    private String record(String eventId) {
        return trail.record(eventId, Instant.parse("2026-11-26T09:00:00Z"));
    }

    private static LedgerRow row(String key, long records) {
        LedgerRow r = LedgerRow.of(ObjectRef.s3("acme-trail", key), null, "acme", LedgerOutcome.INGESTED, "x");
        r.recordCount = records;
        return r;
    }
}
