package io.trailstream.aws;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter for Kinesis retries: the ceiling doubles from the initial delay
 * up to the maximum, and the delay is drawn from the upper half below the ceiling ("equal
 * jitter"), so readers that were throttled together do not retry together, yet none retries at
 * once into the same limit.
 */
public final class Backoff {

    private final long initialMillis;
    private final long maxMillis;

    public Backoff(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("Backoff needs 0 < initial <= max, got " + initial + " and " + max);
        }
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
    }

    /** The ceiling for the {@code attempt}-th consecutive failure (1-based). */
    public long ceilingMillis(int attempt) {
        int doublings = Math.max(0, Math.min(attempt - 1, 40));
        long ceiling = initialMillis << doublings;
        return ceiling <= 0 || ceiling > maxMillis ? maxMillis : ceiling;
    }

    /** A delay in [ceiling / 2, ceiling] for the {@code attempt}-th consecutive failure. */
    public long delayMillis(int attempt) {
        long ceiling = ceilingMillis(attempt);
        long half = ceiling / 2;
        return half + ThreadLocalRandom.current().nextLong(ceiling - half + 1);
    }
}
