package io.trailstream.integrity.logfile;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.integrity.CheckStatus;
import io.trailstream.integrity.IntegrityCheck;
import io.trailstream.integrity.ListedLogFile;
import io.trailstream.ledger.LedgerOutcome;
import io.trailstream.ledger.LedgerRow;
import io.trailstream.trail.KeyClassifier;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The log-file check in Flink's keyed two-input harness: a listing kept across a snapshot and restore meets its
 * file; the unlisted and missing graces run on the harness' processing-time clock; a bounded input's end decides
 * every file still waiting.
 */
class LogFileMatchFunctionTest {
    private static final Duration MISSING = Duration.ofHours(2);
    private static final Duration UNLISTED = Duration.ofHours(3);
    private static final long T0 = 1_764_000_000_000L;
    private KeyedTwoInputStreamOperatorTestHarness<String, ListedLogFile, LogFileSeen, IntegrityCheck> harness;

    @AfterEach
    void close() throws Exception {
        if (harness != null) harness.close();
    }

    @Test
    void aListingKeptAcrossARestoreMeetsItsFile() throws Exception {
        start(null);
        harness.processElement1(new StreamRecord<>(listing(key(1), "ab".repeat(32))));
        harness.processElement2(new StreamRecord<>(seen(key(2), "cd".repeat(32))));
        assertThat(harness.extractOutputValues()).isEmpty();
        OperatorSubtaskState snapshot = harness.snapshot(1, T0);
        harness.close();

        start(snapshot);
        harness.processElement2(new StreamRecord<>(seen(key(1), "ab".repeat(32))));
        harness.processElement1(new StreamRecord<>(listing(key(2), "ef".repeat(32))));
        assertThat(statuses()).containsExactly(key(1) + " verified", key(2) + " hash_mismatch");
    }

    @Test
    void theGracesRunOnTheProcessingTimeClock() throws Exception {
        start(null);
        harness.processElement1(new StreamRecord<>(listing(key(1), "ab".repeat(32))));
        harness.processElement2(new StreamRecord<>(seen(key(2), "cd".repeat(32))));
        harness.setProcessingTime(T0 + MISSING.toMillis() - 1);
        assertThat(statuses()).isEmpty();
        harness.setProcessingTime(T0 + MISSING.toMillis());
        assertThat(statuses()).containsExactly(key(1) + " missing");
        harness.setProcessingTime(T0 + UNLISTED.toMillis());
        assertThat(statuses()).containsExactly(key(1) + " missing", key(2) + " unlisted");
    }

    @Test
    void theEndOfABoundedInputDecidesEveryWaitingFile() throws Exception {
        start(null);
        harness.processElement1(new StreamRecord<>(listing(key(1), "ab".repeat(32))));
        harness.processElement2(new StreamRecord<>(seen(key(2), "cd".repeat(32))));
        harness.processWatermark1(new Watermark(Long.MAX_VALUE));
        harness.processWatermark2(new Watermark(Long.MAX_VALUE));
        assertThat(statuses()).containsExactlyInAnyOrder(key(1) + " missing", key(2) + " unlisted");
        assertThat(harness.extractOutputValues())
                .extracting(c -> c.status)
                .allMatch(s -> s == CheckStatus.MISSING || s == CheckStatus.UNLISTED);
    }

    @Test
    void aDecidedFileLeavesNoEndOfInputTimerBehind() throws Exception {
        start(null);
        harness.processElement1(new StreamRecord<>(listing(key(1), "ab".repeat(32))));
        harness.processElement2(new StreamRecord<>(seen(key(2), "cd".repeat(32))));
        assertThat(harness.numEventTimeTimers()).as("two files waiting").isEqualTo(2);

        harness.processElement2(new StreamRecord<>(seen(key(1), "ab".repeat(32))));
        assertThat(statuses()).containsExactly(key(1) + " verified");
        assertThat(harness.numEventTimeTimers())
                .as("only the unlisted file still waits")
                .isEqualTo(1);

        harness.setProcessingTime(T0 + UNLISTED.toMillis());
        assertThat(statuses()).containsExactly(key(1) + " verified", key(2) + " unlisted");
        assertThat(harness.numEventTimeTimers()).as("nothing waits").isZero();
    }

    private void start(OperatorSubtaskState restore) throws Exception {
        harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new LogFileMatchFunction(MISSING, UNLISTED, Duration.ofDays(2))),
                l -> l.fileKey,
                s -> s.fileKey,
                Types.STRING);
        harness.setup();
        if (restore != null) harness.initializeState(restore);
        harness.open();
        harness.setProcessingTime(T0);
    }

    private List<String> statuses() {
        return harness.extractOutputValues().stream()
                .map(c -> c.key + " " + c.status)
                .collect(Collectors.toList());
    }

    private static String key(int n) {
        return "AWSLogs/111122223333/CloudTrail/eu-west-1/2026/11/26/111122223333_CloudTrail_eu-west-1_20261126T09"
                + (10 + n) + "Z_abcdefghijklmnop.json.gz";
    }

    private static ListedLogFile listing(String key, String hash) {
        ListedLogFile l = new ListedLogFile();
        l.fileKey = "acme-trail/" + key;
        l.bucket = "acme-trail";
        l.key = key;
        l.expectedSha256 = hash;
        l.digestKey = "the-digest";
        l.integrationId = "acme";
        return l;
    }

    private static LogFileSeen seen(String key, String sha256) {
        LedgerRow r = new LedgerRow();
        r.scheme = "s3";
        r.bucket = "acme-trail";
        r.key = key;
        r.kind = new KeyClassifier().classify(key).kind;
        r.integrationId = "acme";
        r.outcome = LedgerOutcome.INGESTED;
        r.sha256 = sha256;
        LogFileSeen s = LogFileSeen.of(r);
        assertThat(s).as("a log file's row").isNotNull();
        return s;
    }
}
