package io.trailstream.object.store;

import io.trailstream.aws.Backoff;
import java.io.InterruptedIOException;
import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How often and how patiently a store retries a throttled or transient failure: bounded attempts, waits
 * from the project's {@link Backoff} (exponential, capped, with jitter so that parallel subtasks do not retry
 * in step).
 */
public final class RetryPolicy implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RetryPolicy.class);

    /** Waits between attempts; a parameter so that tests can record the waits instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        Sleeper THREAD = Thread::sleep;

        void sleep(long millis) throws InterruptedException;
    }

    /** One attempt, which throws an already classified failure. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run(int attempt) throws ObjectFetchException;
    }

    private final int maxAttempts;
    private final long baseDelayMillis;
    private final long maxDelayMillis;
    /** Null when the base delay is zero: retries follow at once. */
    private final Backoff backoff;

    /**
     * @param retries attempts after the first one (0: no retry)
     * @param baseDelay the wait before the first retry, doubled for each further one
     * @param maxDelay the longest wait
     */
    public RetryPolicy(int retries, Duration baseDelay, Duration maxDelay) {
        if (retries < 0) throw new IllegalArgumentException("retries < 0");
        this.maxAttempts = retries + 1;
        this.baseDelayMillis = Math.max(0, baseDelay.toMillis());
        this.maxDelayMillis = Math.max(baseDelayMillis, maxDelay.toMillis());
        this.backoff = baseDelayMillis == 0
                ? null
                : new Backoff(Duration.ofMillis(baseDelayMillis), Duration.ofMillis(maxDelayMillis));
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * The wait after failed attempt {@code attempt} (1-based): half of {@code min(max, base·2^(attempt-1))}
     * fixed plus up to the other half at random ("equal jitter": never zero, never in step).
     */
    public long backoffMillis(int attempt, double random) {
        return backoff == null ? 0 : backoff.delayMillis(attempt, random);
    }

    /** Runs {@code attempt} until it succeeds, fails for good, or attempts run out. */
    public <T> T run(String what, Attempt<T> attempt, Sleeper sleeper)
            throws ObjectFetchException, InterruptedIOException {
        for (int n = 1; ; n++) {
            try {
                return attempt.run(n);
            } catch (ObjectFetchException e) {
                if (!e.reason().retryable()) throw e;
                if (n >= maxAttempts) {
                    throw new ObjectFetchException(e.reason(), e.uri(), "gave up: " + e.detail(), n, e.getCause());
                }
                long wait = backoffMillis(n, ThreadLocalRandom.current().nextDouble());
                LOG.warn("{} attempt {}/{} failed, retrying in {} ms: {}", what, n, maxAttempts, wait, e.getMessage());
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    InterruptedIOException interrupted =
                            new InterruptedIOException("interrupted while retrying " + what);
                    interrupted.initCause(e);
                    throw interrupted;
                }
            }
        }
    }

    @Override
    public String toString() {
        return "RetryPolicy{attempts=" + maxAttempts + ", base=" + baseDelayMillis + "ms, max=" + maxDelayMillis
                + "ms}";
    }
}
