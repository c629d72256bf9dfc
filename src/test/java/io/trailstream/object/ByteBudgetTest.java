package io.trailstream.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The byte budget: holds at most its capacity, serves first come first, lets an oversized request run alone. */
class ByteBudgetTest {
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void requestsThatFitAreServedAtOnce() throws Exception {
        ByteBudget budget = new ByteBudget(100);
        assertThat(budget.acquire(60)).isEqualTo(60);
        assertThat(budget.acquire(40)).isEqualTo(40);
        assertThat(budget.held()).isEqualTo(100);
        budget.release(60);
        budget.release(40);
        assertThat(budget.held()).isZero();
        assertThat(budget.mostHeld()).isEqualTo(100);
    }

    @Test
    void aRequestThatDoesNotFitWaitsForARelease() throws Exception {
        ByteBudget budget = new ByteBudget(100);
        budget.acquire(80);
        Future<Long> waiting = threads.submit(() -> budget.acquire(30));
        awaitQueued(budget, 1);
        assertThat(waiting.isDone()).isFalse();
        budget.release(80);
        assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo(30);
        assertThat(budget.held()).isEqualTo(30);
    }

    @Test
    void aLaterSmallRequestDoesNotOvertakeAnEarlierLargeOne() throws Exception {
        ByteBudget budget = new ByteBudget(100);
        budget.acquire(50);
        Future<Long> large = threads.submit(() -> budget.acquire(90));
        awaitQueued(budget, 1);
        Future<Long> small = threads.submit(() -> budget.acquire(10));
        awaitQueued(budget, 2);
        assertThat(small.isDone()).as("10 bytes would fit, but 90 asked first").isFalse();
        budget.release(50);
        assertThat(large.get(10, TimeUnit.SECONDS)).isEqualTo(90);
        assertThat(small.get(10, TimeUnit.SECONDS)).isEqualTo(10);
        assertThat(budget.mostHeld()).isEqualTo(100);
    }

    @Test
    void aRequestLargerThanTheBudgetWaitsUntilNothingIsHeldAndTakesAll() throws Exception {
        ByteBudget budget = new ByteBudget(100);
        budget.acquire(1);
        Future<Long> huge = threads.submit(() -> budget.acquire(5000));
        awaitQueued(budget, 1);
        assertThat(huge.isDone()).isFalse();
        budget.release(1);
        assertThat(huge.get(10, TimeUnit.SECONDS)).isEqualTo(100);
        assertThat(budget.held()).isEqualTo(100);
    }

    @Test
    void anInterruptedWaitHoldsNothingAndLetsTheNextOneThrough() throws Exception {
        ByteBudget budget = new ByteBudget(100);
        budget.acquire(100);
        CompletableFuture<Thread> waiter = new CompletableFuture<>();
        Future<Long> interrupted = threads.submit(() -> {
            waiter.complete(Thread.currentThread());
            return budget.acquire(50);
        });
        awaitQueued(budget, 1);
        Future<Long> next = threads.submit(() -> budget.acquire(20));
        awaitQueued(budget, 2);
        waiter.get().interrupt();
        assertThatThrownBy(() -> interrupted.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(InterruptedException.class);
        budget.release(100);
        assertThat(next.get(10, TimeUnit.SECONDS)).isEqualTo(20);
        assertThat(budget.held()).isEqualTo(20);
    }

    @Test
    void releasingMoreThanIsHeldIsABug() {
        ByteBudget budget = new ByteBudget(100);
        assertThatThrownBy(() -> budget.release(1)).isInstanceOf(IllegalStateException.class);
    }

    /** Waits until {@code n} requests wait in the budget (a condition, not a time). */
    private static void awaitQueued(ByteBudget budget, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (budget.waiting() < n) {
            if (System.nanoTime() > deadline) throw new AssertionError("never " + n + " waiting");
            Thread.sleep(5);
        }
    }
}
