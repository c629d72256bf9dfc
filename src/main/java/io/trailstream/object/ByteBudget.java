package io.trailstream.object;

import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A number of bytes that threads take parts of and give back, first come first served: a request waits until
 * every earlier one was served and its bytes fit. A request for more than the whole budget waits until nothing is
 * held and then takes all of it, so one oversized request runs alone instead of never. Thread-safe.
 */
final class ByteBudget {
    private final long capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Object> waiting = new ArrayDeque<>();
    private long held;
    private long mostHeld;

    ByteBudget(long capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        this.capacity = capacity;
    }

    /**
     * Waits until {@code bytes} (at most the whole budget) can be held, then holds them.
     *
     * @return the bytes now held for the caller, to be given back with {@link #release}
     */
    long acquire(long bytes) throws InterruptedException {
        long take = Math.min(Math.max(bytes, 0), capacity);
        Object ticket = new Object();
        lock.lockInterruptibly();
        try {
            waiting.addLast(ticket);
            try {
                while (waiting.peekFirst() != ticket || held + take > capacity) changed.await();
                held += take;
                mostHeld = Math.max(mostHeld, held);
                return take;
            } finally {
                waiting.remove(ticket);
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Gives back bytes that {@link #acquire} returned. */
    void release(long bytes) {
        if (bytes <= 0) return;
        lock.lock();
        try {
            if (bytes > held) throw new IllegalStateException("releasing " + bytes + " bytes, " + held + " held");
            held -= bytes;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    long capacity() {
        return capacity;
    }

    long held() {
        lock.lock();
        try {
            return held;
        } finally {
            lock.unlock();
        }
    }

    /** Requests waiting now. */
    int waiting() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    /** The most bytes held at once so far. */
    long mostHeld() {
        lock.lock();
        try {
            return mostHeld;
        } finally {
            lock.unlock();
        }
    }
}
