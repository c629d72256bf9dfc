package io.trailstream.aws;

import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * Exponential backoff with jitter, the one every retry loop of trailstream uses (reading S3 objects, the
 * Kinesis source, the replay publisher): the ceiling doubles from the initial delay up to the maximum, as the
 * AWS SDK's own {@link BackoffStrategy#exponentialDelayWithoutJitter} computes it, and the delay is drawn from
 * the upper half below the ceiling ("equal jitter", the SDK's half jitter): callers throttled together do not
 * retry together, yet none retries at once into the same limit. The draw takes its random number as a
 * parameter where a caller (a test) wants it fixed; the SDK's jittered strategies own theirs.
 */
public final class Backoff implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Duration initial;
    private final Duration max;
    private transient BackoffStrategy ceilings;

    /** @throws IllegalArgumentException unless {@code 0 < initial <= max} */
    public Backoff(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("Backoff needs 0 < initial <= max, got " + initial + " and " + max);
        }
        this.initial = initial;
        this.max = max;
    }

    /** The ceiling after the {@code failures}-th consecutive failure (1-based): {@code min(max, initial·2^(failures-1))}. */
    public long ceilingMillis(int failures) {
        if (ceilings == null) ceilings = BackoffStrategy.exponentialDelayWithoutJitter(initial, max);
        // The SDK counts attempts: attempt 1 is the first call (no delay), attempt n+1 follows the n-th failure.
        return ceilings.computeDelay(Math.max(1, failures) + 1).toMillis();
    }

    /** A delay in {@code [ceiling / 2, ceiling)} after the {@code failures}-th consecutive failure. */
    public long delayMillis(int failures) {
        return delayMillis(failures, ThreadLocalRandom.current().nextDouble());
    }

    /**
     * The delay after the {@code failures}-th consecutive failure for the random number {@code random} in
     * {@code [0, 1)}: half the ceiling fixed plus that fraction of the other half.
     */
    public long delayMillis(int failures, double random) {
        long ceiling = ceilingMillis(failures);
        long half = ceiling / 2;
        return half + (long) (random * (ceiling - half));
    }

    @Override
    public String toString() {
        return "Backoff{" + initial.toMillis() + ".." + max.toMillis() + " ms}";
    }
}
