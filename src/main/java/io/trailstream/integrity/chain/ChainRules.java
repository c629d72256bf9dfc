package io.trailstream.integrity.chain;

import io.trailstream.integrity.CheckKind;
import io.trailstream.integrity.CheckStatus;
import io.trailstream.integrity.IntegrityCheck;
import io.trailstream.integrity.digest.VerifiedDigest;
import io.trailstream.integrity.health.HealthSignal;
import io.trailstream.integrity.health.HealthSignalKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The chain rules of one chain (bucket, prefix, Organization, account, region, trail, backfill or not), on the
 * digests it keeps by key. A digest that names no predecessor starts a chain (a restart is a gap when the chain had
 * digests); one that does is {@code valid} when its {@code previousDigestHashValue} is the SHA-256 of the
 * predecessor's uncompressed bytes and its {@code previousDigestSignature} the predecessor's signature, else
 * {@code chain_broken}. Digests arrive in any order: one whose predecessor is not there yet waits for it until a
 * deadline (or the end of a bounded input); then, if the chain was watched before the predecessor's time, the
 * predecessor is {@code missing}, otherwise it precedes what the job read and the link is left unchecked. A
 * predecessor that comes late still checks its successor. Pure: state is the caller's, time is an argument.
 */
public final class ChainRules {
    private final long graceMillis;

    /** @param graceMillis how long a digest waits for its predecessor */
    public ChainRules(long graceMillis) {
        this.graceMillis = graceMillis;
    }

    /** Records the arrival of {@code d} and decides what can be decided. */
    public ChainOutput arrive(VerifiedDigest d, ChainLinks links, long now) throws Exception {
        ChainOutput out = new ChainOutput();
        ChainLink link = new ChainLink(d);
        links.put(d.key, link);
        if (!d.passed()) {
            link.decided = true;
            out.checks.add(row(d, d.failure, d.reason, now));
        } else if (d.startsChain) {
            decideStart(link, links, now, out);
        } else {
            ChainLink previous = links.get(d.previousKey);
            if (previous != null) {
                decideLink(link, previous, now, out);
            } else {
                link.waitUntilMillis = now + graceMillis;
            }
            links.put(d.key, link);
        }
        checkSuccessors(d, links, now, out);
        return out;
    }

    /**
     * Decides the digests that waited for their predecessor past their deadline, or all that wait when
     * {@code inputEnded} (a bounded run's input is read: nothing more will come).
     */
    public ChainOutput expire(ChainLinks links, long now, boolean inputEnded) throws Exception {
        ChainOutput out = new ChainOutput();
        List<ChainLink> waiting = new ArrayList<>();
        for (ChainLink l : links.all()) {
            if (!l.decided && (inputEnded || l.waitUntilMillis <= now)) waiting.add(l);
        }
        for (ChainLink l : waiting) {
            VerifiedDigest d = l.digest;
            boolean watched = false;
            for (ChainLink other : links.all()) {
                if (other.digest.endTimeMillis < d.startTimeMillis) watched = true;
            }
            l.decided = true;
            l.linkUnchecked = true;
            if (watched) {
                out.checks.add(missing(d, now));
                out.signals.add(signal(
                        d,
                        HealthSignalKind.DIGEST_MISSING,
                        "digest " + d.previousKey + " is missing: " + d.key + " names it as its predecessor",
                        now));
                out.checks.add(row(
                        d,
                        CheckStatus.VALID,
                        d.reason + "; its predecessor " + d.previousKey + " is missing: link not checked",
                        now));
            } else {
                out.checks.add(row(
                        d,
                        CheckStatus.VALID,
                        d.reason + "; its predecessor " + d.previousKey
                                + " precedes what this job has read: link not checked",
                        now));
            }
            links.put(d.key, l);
        }
        return out;
    }

    private void decideStart(ChainLink link, ChainLinks links, long now, ChainOutput out) throws Exception {
        VerifiedDigest d = link.digest;
        VerifiedDigest before = null;
        for (ChainLink other : links.all()) {
            VerifiedDigest o = other.digest;
            if (o != d
                    && o.endTimeMillis <= d.startTimeMillis
                    && (before == null || o.endTimeMillis > before.endTimeMillis)) {
                before = o;
            }
        }
        link.decided = true;
        out.checks.add(row(d, CheckStatus.VALID, d.reason + "; it starts a chain", now));
        if (before != null) {
            out.signals.add(signal(
                    d,
                    HealthSignalKind.CHAIN_RESTARTED,
                    "the digest chain restarted at " + Instant.ofEpochMilli(d.startTimeMillis) + " (" + d.key
                            + " names no predecessor); the digest before it ended at "
                            + Instant.ofEpochMilli(before.endTimeMillis)
                            + ": logging or validation was off, files delivered meanwhile are in no digest",
                    now));
        }
        links.put(d.key, link);
    }

    /** Decides {@code link}'s digest against its predecessor {@code previous}. */
    private void decideLink(ChainLink link, ChainLink previous, long now, ChainOutput out) {
        VerifiedDigest d = link.digest;
        VerifiedDigest p = previous.digest;
        link.decided = true;
        link.linkUnchecked = false;
        String broken = broken(d, p);
        if (broken != null) {
            IntegrityCheck c = row(d, CheckStatus.CHAIN_BROKEN, broken, now);
            c.expectedSha256 = d.previousSha256;
            out.checks.add(c);
            return;
        }
        out.checks.add(row(d, CheckStatus.VALID, d.reason + "; linked to " + p.key, now));
        if (d.startTimeMillis > p.endTimeMillis) {
            out.signals.add(signal(
                    d,
                    HealthSignalKind.CHAIN_RESTARTED,
                    "no digest covers " + Instant.ofEpochMilli(p.endTimeMillis) + " to "
                            + Instant.ofEpochMilli(d.startTimeMillis),
                    now));
        } else {
            out.signals.add(signal(d, HealthSignalKind.DIGEST_LINKED, "digest " + d.key + " linked", now));
        }
    }

    /** Why {@code d}'s previous-digest fields do not match {@code p}, or null when they do. */
    static String broken(VerifiedDigest d, VerifiedDigest p) {
        if (!Objects.equals(d.previousBucket, p.bucket)) {
            return "previousDigestS3Bucket is " + d.previousBucket + ", but " + p.key + " is in " + p.bucket;
        }
        if (p.sha256 == null) return "its predecessor " + p.key + " could not be read";
        if (!p.sha256.equals(d.previousSha256)) {
            return "previousDigestHashValue " + d.previousSha256 + " is not the SHA-256 of " + p.key + ", " + p.sha256;
        }
        if (p.signatureSha256 == null) return "its predecessor " + p.key + " carries no signature";
        if (!p.signatureSha256.equals(d.previousSignatureSha256)) {
            return "previousDigestSignature is not the signature of " + p.key;
        }
        return null;
    }

    /** Successors of {@code d} that waited for it, or were decided without it, are decided against it now. */
    private void checkSuccessors(VerifiedDigest d, ChainLinks links, long now, ChainOutput out) throws Exception {
        List<ChainLink> successors = new ArrayList<>();
        for (ChainLink l : links.all()) {
            VerifiedDigest s = l.digest;
            if (s != d && s.passed() && !s.startsChain && d.key.equals(s.previousKey)) successors.add(l);
        }
        ChainLink self = links.get(d.key);
        for (ChainLink s : successors) {
            if (s.decided && !s.linkUnchecked) continue;
            decideLink(s, self, now, out);
            links.put(s.digest.key, s);
        }
    }

    private static IntegrityCheck missing(VerifiedDigest successor, long now) {
        IntegrityCheck c = IntegrityCheck.of(
                CheckKind.DIGEST,
                CheckStatus.MISSING,
                "named as predecessor by " + successor.key + ", never seen",
                now);
        c.integrationId = successor.integrationId;
        c.bucket = successor.previousBucket;
        c.key = successor.previousKey;
        c.digestBucket = successor.previousBucket;
        c.digestKey = successor.previousKey;
        c.organizationId = successor.organizationId;
        c.accountId = successor.accountId;
        c.region = successor.region;
        c.trailName = successor.trailName;
        c.backfill = successor.backfill;
        c.digestEndTimeMillis = successor.startTimeMillis;
        c.expectedSha256 = successor.previousSha256;
        return c;
    }

    /** The {@code integrity} row of digest {@code d}. */
    static IntegrityCheck row(VerifiedDigest d, CheckStatus status, String reason, long now) {
        IntegrityCheck c = IntegrityCheck.of(CheckKind.DIGEST, status, reason, now);
        c.integrationId = d.integrationId;
        c.bucket = d.bucket;
        c.key = d.key;
        c.digestBucket = d.bucket;
        c.digestKey = d.key;
        c.organizationId = d.organizationId;
        c.accountId = d.accountId;
        c.region = d.region;
        c.trailName = d.trailName;
        c.backfill = d.backfill;
        c.digestEndTimeMillis = d.endTimeMillis;
        c.actualSha256 = d.sha256;
        return c;
    }

    static HealthSignal signal(VerifiedDigest d, HealthSignalKind kind, String reason, long now) {
        return HealthSignal.of(d.integrationId, d.accountId, d.region, kind, reason, now);
    }
}
