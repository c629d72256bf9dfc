package io.trailstream.kinesis.reader;

import java.util.concurrent.TimeUnit;

/**
 * The split reader's time: what "now" is and how it waits for the next shard to be due. The reader paces its
 * GetRecords calls by it, so a test drives the pacing with a clock of its own instead of sleeping; {@link
 * #SYSTEM} is the monotonic clock and a real wait.
 */
public interface PollingClock {

    /** Monotonic nanoseconds, as {@link System#nanoTime()}. */
    long nanoTime();

    /**
     * Waits on {@code monitor}, whose lock the caller holds, until it is notified or {@code nanos} passed
     * (a spurious return is allowed: the caller checks again).
     */
    void await(Object monitor, long nanos) throws InterruptedException;

    /** The system's monotonic clock; waits with {@link Object#wait(long)}, rounded up to a millisecond. */
    PollingClock SYSTEM = new PollingClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void await(Object monitor, long nanos) throws InterruptedException {
            monitor.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos + 999_999)));
        }
    };
}
