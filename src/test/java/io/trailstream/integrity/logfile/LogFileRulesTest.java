package io.trailstream.integrity.logfile;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.integrity.CheckStatus;
import io.trailstream.integrity.IntegrityCheck;
import io.trailstream.integrity.ListedLogFile;
import io.trailstream.ledger.LedgerOutcome;
import io.trailstream.ledger.LedgerRow;
import io.trailstream.ledger.ReadFailure;
import io.trailstream.trail.ObjectKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Matching a digest's listing with what the job read, in both orders, and what happens when one half never comes. */
class LogFileRulesTest {
    private static final String KEY =
            "AWSLogs/111122223333/CloudTrail/eu-west-1/2026/11/26/111122223333_CloudTrail_eu-west-1_20261126T0905Z_abcdefghijklmnop.json.gz";
    private static final String HASH = "ab".repeat(32);
    private static final long MISSING_GRACE = 1000;
    private static final long UNLISTED_GRACE = 5000;

    private final LogFileRules rules = new LogFileRules(MISSING_GRACE, UNLISTED_GRACE);
    private final PendingLogFile p = new PendingLogFile();

    @Test
    void listedThenReadIsVerified() {
        assertThat(rules.listed(p, listing(HASH), 0)).isEmpty();
        assertThat(p.deadlineMillis).isEqualTo(MISSING_GRACE);
        IntegrityCheck c = single(rules.seen(p, read(HASH), 10));
        assertThat(c.status).isEqualTo(CheckStatus.VERIFIED);
        assertThat(c.bucket).isEqualTo("acme-trail");
        assertThat(c.key).isEqualTo(KEY);
        assertThat(c.digestKey).isEqualTo("digest-key");
        assertThat(c.expectedSha256).isEqualTo(HASH);
        assertThat(c.actualSha256).isEqualTo(HASH);
        assertThat(rules.expire(p, 1_000_000, true)).as("decided: nothing left").isEmpty();
    }

    @Test
    void readThenListedIsVerified() {
        assertThat(rules.seen(p, read(HASH), 0)).isEmpty();
        assertThat(p.deadlineMillis).isEqualTo(UNLISTED_GRACE);
        assertThat(single(rules.listed(p, listing(HASH), 10)).status).isEqualTo(CheckStatus.VERIFIED);
    }

    @Test
    void otherBytesOrDataAfterTheGzipStreamMismatch() {
        rules.listed(p, listing(HASH), 0);
        IntegrityCheck c = single(rules.seen(p, read("cd".repeat(32)), 1));
        assertThat(c.status).isEqualTo(CheckStatus.HASH_MISMATCH);
        assertThat(c.reason).isEqualTo("SHA-256 of the uncompressed bytes differs from what digest-key lists");

        PendingLogFile q = new PendingLogFile();
        LogFileSeen padded = read(HASH);
        padded.gzipTrailingBytes = 4;
        rules.listed(q, listing(HASH), 0);
        IntegrityCheck t = single(rules.seen(q, padded, 1));
        assertThat(t.status)
                .as("same content, but not the file CloudTrail wrote")
                .isEqualTo(CheckStatus.HASH_MISMATCH);
        assertThat(t.reason).isEqualTo("4 bytes after the end of its gzip stream");
    }

    @Test
    void aListedFileNeverSeenOrNotFoundIsMissing() {
        rules.listed(p, listing(HASH), 0);
        assertThat(rules.expire(p, MISSING_GRACE - 1, false)).isEmpty();
        IntegrityCheck c = single(rules.expire(p, MISSING_GRACE, false));
        assertThat(c.status).isEqualTo(CheckStatus.MISSING);
        assertThat(c.reason).isEqualTo("listed by digest-key, never notified");

        PendingLogFile q = new PendingLogFile();
        rules.listed(q, listing(HASH), 0);
        LogFileSeen gone = seen(LedgerOutcome.MISSING, null);
        gone.reason = "NoSuchKey";
        assertThat(single(rules.seen(q, gone, 1)).reason).isEqualTo("listed by digest-key, not found: NoSuchKey");
    }

    @Test
    void aFailedReadWaitsForAReplay() {
        rules.listed(p, listing(HASH), 0);
        LogFileSeen failed = seen(LedgerOutcome.FETCH_FAILED, null);
        failed.readFailure = ReadFailure.ACCESS_DENIED;
        failed.reason = "ACCESS_DENIED";
        assertThat(rules.seen(p, failed, 1)).isEmpty();
        assertThat(single(rules.seen(p, read(HASH), 2)).status)
                .as("the backfill read it")
                .isEqualTo(CheckStatus.VERIFIED);

        PendingLogFile q = new PendingLogFile();
        rules.listed(q, listing(HASH), 0);
        rules.seen(q, failed, 1);
        assertThat(single(rules.expire(q, MISSING_GRACE, false)).reason)
                .isEqualTo("listed by digest-key, could not be read: fetch_failed (ACCESS_DENIED)");
    }

    @Test
    void aReadFileInNoDigestIsUnlisted() {
        rules.seen(p, read(HASH), 0);
        assertThat(rules.expire(p, UNLISTED_GRACE - 1, false)).isEmpty();
        IntegrityCheck c = single(rules.expire(p, UNLISTED_GRACE, false));
        assertThat(c.status).isEqualTo(CheckStatus.UNLISTED);
        assertThat(c.digestKey).isNull();
        // A backfill digest lists it later: the file is checked after all.
        assertThat(single(rules.listed(p, listing(HASH), UNLISTED_GRACE + 1)).status)
                .isEqualTo(CheckStatus.VERIFIED);
    }

    @Test
    void anInsightsFileIsCheckedWhenListedAndNeverUnlisted() {
        LedgerRow insight = row(LedgerOutcome.INGESTED);
        insight.kind = ObjectKind.INSIGHT;
        insight.sha256 = HASH;
        rules.seen(p, LogFileSeen.of(insight), 0);
        assertThat(rules.expire(p, UNLISTED_GRACE, true)).isEmpty();
        PendingLogFile q = new PendingLogFile();
        rules.seen(q, LogFileSeen.of(insight), 0);
        assertThat(single(rules.listed(q, listing(HASH), 1)).status).isEqualTo(CheckStatus.VERIFIED);
    }

    @Test
    void aListedFileTheJobSkippedIsNotChecked() {
        rules.listed(p, listing(HASH), 0);
        LogFileSeen skipped = seen(LedgerOutcome.SKIPPED_SUSPENDED, null);
        skipped.reason = "integration acme is suspended";
        IntegrityCheck c = single(rules.seen(p, skipped, 1));
        assertThat(c.status).isEqualTo(CheckStatus.SKIPPED);
        assertThat(c.reason).contains("not fetched: skipped_suspended (integration acme is suspended)");
        PendingLogFile q = new PendingLogFile();
        rules.seen(q, skipped, 0);
        assertThat(rules.expire(q, 1_000_000, true))
                .as("not read, not listed: nothing to say")
                .isEmpty();
    }

    @Test
    void ledgerRowsOfOtherKindsAndRepeatsSayNothing() {
        LedgerRow digest = new LedgerRow();
        digest.kind = ObjectKind.DIGEST;
        digest.outcome = LedgerOutcome.RECORDED;
        assertThat(LogFileSeen.of(digest)).isNull();
        LedgerRow duplicate = row(LedgerOutcome.DUPLICATE);
        assertThat(LogFileSeen.of(duplicate)).isNull();
        LedgerRow local = row(LedgerOutcome.INGESTED);
        local.scheme = "file";
        local.bucket = "/tmp/x/acme-trail";
        assertThat(LogFileSeen.of(local).fileKey).isEqualTo("acme-trail/" + KEY);
    }

    private static IntegrityCheck single(List<IntegrityCheck> rows) {
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    private static ListedLogFile listing(String hash) {
        ListedLogFile l = new ListedLogFile();
        l.fileKey = "acme-trail/" + KEY;
        l.bucket = "acme-trail";
        l.key = KEY;
        l.expectedSha256 = hash;
        l.digestKey = "digest-key";
        l.digestBucket = "acme-trail";
        l.integrationId = "acme";
        return l;
    }

    private static LogFileSeen read(String sha256) {
        return seen(LedgerOutcome.INGESTED, sha256);
    }

    private static LogFileSeen seen(LedgerOutcome outcome, String sha256) {
        LedgerRow r = row(outcome);
        r.sha256 = sha256;
        return LogFileSeen.of(r);
    }

    private static LedgerRow row(LedgerOutcome outcome) {
        LedgerRow r = new LedgerRow();
        r.scheme = "s3";
        r.bucket = "acme-trail";
        r.key = KEY;
        r.kind = ObjectKind.LOG;
        r.integrationId = "acme";
        r.outcome = outcome;
        r.reason = "3 records";
        return r;
    }
}
