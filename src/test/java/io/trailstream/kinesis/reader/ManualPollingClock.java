package io.trailstream.kinesis.reader;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A {@link PollingClock} the test drives: time stands still until the reader waits, and a wait passes at once
 * by advancing the time by the whole wait (unless the clock is set to block). Every wait is logged, and a hook
 * can act at each one (put new records, as if they arrived while the reader waited), so a test asserts pacing
 * exactly and never sleeps.
 */
final class ManualPollingClock implements PollingClock {
    private long now = 1_000_000_000L;
    private final List<Long> waits = new ArrayList<>();
    private Runnable onWait = () -> {};
    private CountDownLatch blocking;

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public void await(Object monitor, long nanos) throws InterruptedException {
        CountDownLatch waiting;
        Runnable hook;
        synchronized (this) {
            waits.add(nanos);
            waiting = blocking;
            hook = onWait;
        }
        if (waiting != null) {
            // A real wait on the reader's monitor: only a notify (wakeUp) ends it.
            waiting.countDown();
            monitor.wait();
            return;
        }
        hook.run();
        synchronized (this) {
            now += nanos;
        }
    }

    /** Runs {@code hook} at every wait, before the time advances. */
    synchronized void onEachWait(Runnable hook) {
        this.onWait = hook;
    }

    /** From now on a wait blocks until notified; the latch opens when the reader is waiting. */
    synchronized CountDownLatch blockWaits() {
        blocking = new CountDownLatch(1);
        return blocking;
    }

    synchronized List<Long> waits() {
        return List.copyOf(waits);
    }
}
