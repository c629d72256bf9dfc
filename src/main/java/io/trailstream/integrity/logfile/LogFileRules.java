package io.trailstream.integrity.logfile;

import io.trailstream.integrity.CheckKind;
import io.trailstream.integrity.CheckStatus;
import io.trailstream.integrity.IntegrityCheck;
import io.trailstream.integrity.ListedLogFile;
import io.trailstream.ledger.LedgerOutcome;
import io.trailstream.trail.ObjectKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Matches what a signed digest lists of a log file with what the job read, in whichever order they come:
 * {@code verified} when the SHA-256 of the uncompressed bytes is the listed one and nothing follows the gzip
 * stream, {@code hash_mismatch} otherwise; {@code missing} when a listed file is not found, or not seen before the
 * missing grace ends; {@code unlisted} when a log file read is in no signed digest before the unlisted grace ends
 * (Insights files are matched when a digest lists them, never reported unlisted);
 * {@code skipped} when the job did not fetch a listed file by design. A failed read waits like an unseen file
 * (a backfill may read it). Pure: the caller keeps the {@link PendingLogFile} and sets a timer at its deadline.
 */
public final class LogFileRules {
    private final long missingGraceMillis;
    private final long unlistedGraceMillis;

    public LogFileRules(long missingGraceMillis, long unlistedGraceMillis) {
        this.missingGraceMillis = missingGraceMillis;
        this.unlistedGraceMillis = unlistedGraceMillis;
    }

    /** A signed digest lists the file. */
    public List<IntegrityCheck> listed(PendingLogFile p, ListedLogFile l, long now) {
        p.listed = l;
        if (p.seen != null && isFinal(p.seen)) return decide(p, now);
        if (!p.decided) p.deadlineMillis = now + missingGraceMillis;
        return List.of();
    }

    /** The job made something of the file (its ledger row). */
    public List<IntegrityCheck> seen(PendingLogFile p, LogFileSeen s, long now) {
        if (!isFinal(s)) {
            // A failed read says nothing of the bytes: keep any earlier facts, let the listing wait.
            if (p.seen == null) p.seen = s;
            if (!p.decided && p.listed == null) p.deadlineMillis = now + unlistedGraceMillis;
            return List.of();
        }
        p.seen = s;
        if (p.listed != null) return decide(p, now);
        if (!p.decided) p.deadlineMillis = now + unlistedGraceMillis;
        return List.of();
    }

    /** The deadline passed (or a bounded input ended): gives up on the missing half. */
    public List<IntegrityCheck> expire(PendingLogFile p, long now, boolean inputEnded) {
        if (p.decided || (!inputEnded && now < p.deadlineMillis)) return List.of();
        p.decided = true;
        List<IntegrityCheck> out = new ArrayList<>();
        if (p.listed != null) {
            String why = p.seen == null
                    ? "listed by " + p.listed.digestKey + ", never notified"
                    : "listed by " + p.listed.digestKey + ", could not be read: " + p.seen.outcome + " ("
                            + p.seen.reason + ")";
            out.add(row(p.listed, p.seen, CheckStatus.MISSING, why, now));
        } else if (p.seen != null && p.seen.wasRead() && p.seen.kind == ObjectKind.LOG) {
            out.add(row(null, p.seen, CheckStatus.UNLISTED, "read (" + p.seen.outcome + "), in no signed digest", now));
        }
        return out;
    }

    /** Whether {@code s} settles the file: read, found missing, or skipped by design. */
    private static boolean isFinal(LogFileSeen s) {
        return s.wasRead() || s.wasSkipped() || s.outcome == LedgerOutcome.MISSING;
    }

    private static List<IntegrityCheck> decide(PendingLogFile p, long now) {
        p.decided = true;
        ListedLogFile l = p.listed;
        LogFileSeen s = p.seen;
        CheckStatus status;
        String why;
        if (s.wasSkipped()) {
            status = CheckStatus.SKIPPED;
            why = "listed by " + l.digestKey + ", not fetched: " + s.outcome + " (" + s.reason + ")";
        } else if (s.outcome == LedgerOutcome.MISSING) {
            status = CheckStatus.MISSING;
            why = "listed by " + l.digestKey + ", not found: " + s.reason;
        } else if (s.gzipTrailingBytes > 0) {
            status = CheckStatus.HASH_MISMATCH;
            why = s.gzipTrailingBytes + " bytes after the end of its gzip stream";
        } else if (s.sha256 == null) {
            status = CheckStatus.HASH_MISMATCH;
            why = "could not be read to its end: " + s.outcome + " (" + s.reason + ")";
        } else if (s.sha256.equals(l.expectedSha256)) {
            status = CheckStatus.VERIFIED;
            why = "SHA-256 of the uncompressed bytes as listed by " + l.digestKey;
        } else {
            status = CheckStatus.HASH_MISMATCH;
            why = "SHA-256 of the uncompressed bytes differs from what " + l.digestKey + " lists";
        }
        return List.of(row(l, s, status, why, now));
    }

    static IntegrityCheck row(ListedLogFile l, LogFileSeen s, CheckStatus status, String reason, long now) {
        IntegrityCheck c = IntegrityCheck.of(CheckKind.LOG_FILE, status, reason, now);
        if (l != null) {
            c.integrationId = l.integrationId;
            c.bucket = l.bucket;
            c.key = l.key;
            c.digestBucket = l.digestBucket;
            c.digestKey = l.digestKey;
            c.organizationId = l.organizationId;
            c.accountId = l.accountId;
            c.region = l.region;
            c.trailName = l.trailName;
            c.backfill = l.backfill;
            c.digestEndTimeMillis = l.digestEndTimeMillis;
            c.expectedSha256 = l.expectedSha256;
        }
        if (s != null) {
            if (c.integrationId == null) c.integrationId = s.integrationId;
            c.bucket = s.bucket;
            c.key = s.key;
            if (c.organizationId == null) c.organizationId = s.organizationId;
            if (c.accountId == null) c.accountId = s.accountId;
            if (c.region == null) c.region = s.region;
            c.actualSha256 = s.sha256;
        }
        return c;
    }
}
