package io.trailstream.integrity.chain;

import io.trailstream.integrity.digest.VerifiedDigest;
import io.trailstream.integrity.health.HealthSignal;
import io.trailstream.integrity.health.HealthSignalKind;
import java.time.Duration;
import java.time.Instant;

/**
 * CloudTrail writes a digest per account, region and trail every hour, also when nothing happened: the hourly
 * digest after a chain's newest one is due an hour after that one arrived, plus a configurable delay; when it is
 * not there by then, the chain has a gap. Backfill digests come when late files do, so they are never due. Pure:
 * the caller keeps the {@link ChainWatch} and sets the timers.
 */
public final class ChainCadence {
    static final Duration HOUR = Duration.ofHours(1);
    private final long delayMillis;

    /** @param delay how late the next hourly digest may be before it is a gap */
    public ChainCadence(Duration delay) {
        this.delayMillis = delay.toMillis();
    }

    /**
     * Notes the arrival of {@code d} in {@code w} (made when null) and returns the watch; a digest older than the
     * newest changes nothing.
     */
    public ChainWatch arrived(ChainWatch w, VerifiedDigest d, long now) {
        ChainWatch watch = w;
        if (watch == null) {
            watch = new ChainWatch();
            watch.integrationId = d.integrationId;
            watch.accountId = d.accountId;
            watch.region = d.region;
            watch.trailName = d.trailName;
            watch.backfill = d.backfill;
        }
        if (d.endTimeMillis > watch.newestEndMillis) {
            watch.newestEndMillis = d.endTimeMillis;
            watch.newestKey = d.key;
            watch.newestArrivedMillis = now;
            watch.overdueReported = false;
        }
        return watch;
    }

    /** When the next hourly digest is due, or -1 for a backfill chain (never due). */
    public long dueAt(ChainWatch w) {
        return w.backfill ? -1 : w.newestArrivedMillis + HOUR.toMillis() + delayMillis;
    }

    /** The gap signal when the next digest is overdue at {@code now} and was not reported yet, else null. */
    public HealthSignal overdue(ChainWatch w, long now) {
        long due = dueAt(w);
        if (due < 0 || now < due || w.overdueReported) return null;
        w.overdueReported = true;
        return HealthSignal.of(
                w.integrationId,
                w.accountId,
                w.region,
                HealthSignalKind.DIGEST_OVERDUE,
                "no digest of trail " + w.trailName + " after " + Instant.ofEpochMilli(w.newestEndMillis) + " ("
                        + w.newestKey + "), due by " + Instant.ofEpochMilli(due),
                now);
    }
}
