package io.trailstream.object.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final String URI = "s3://b/k";

    private static ObjectFetchException failure(ObjectFetchException.Reason reason, int attempt) {
        return new ObjectFetchException(reason, URI, "HTTP 503 SlowDown", attempt, null);
    }

    @Test
    void backoffGrowsExponentiallyUpToTheCapWithJitter() {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofSeconds(1));

        assertThat(policy.backoffMillis(1, 0.0)).isEqualTo(50);
        assertThat(policy.backoffMillis(1, 0.999)).isEqualTo(99);
        assertThat(policy.backoffMillis(2, 0.0)).isEqualTo(100);
        assertThat(policy.backoffMillis(3, 0.0)).isEqualTo(200);
        assertThat(policy.backoffMillis(4, 0.5)).isEqualTo(600);
        assertThat(policy.backoffMillis(5, 0.0)).as("capped").isEqualTo(500);
        assertThat(policy.backoffMillis(60, 0.999)).as("no overflow").isBetween(500L, 1000L);
    }

    @Test
    void retryableFailuresAreRetriedUntilSuccess() throws Exception {
        RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1));
        List<Long> waits = new ArrayList<>();
        List<Integer> attempts = new ArrayList<>();

        String result = policy.run(
                "GetObject " + URI,
                attempt -> {
                    attempts.add(attempt);
                    if (attempt < 3) throw failure(ObjectFetchException.Reason.THROTTLED, attempt);
                    return "ok";
                },
                waits::add);

        assertThat(result).isEqualTo("ok");
        assertThat(attempts).containsExactly(1, 2, 3);
        assertThat(waits).hasSize(2);
        assertThat(waits.get(0)).isBetween(50L, 100L);
        assertThat(waits.get(1)).isBetween(100L, 200L);
    }

    @Test
    void givesUpAfterTheLastAttemptKeepingTheReason() {
        RetryPolicy policy = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(2));
        List<Long> waits = new ArrayList<>();

        assertThatThrownBy(() -> policy.run(
                        "GetObject",
                        attempt -> {
                            throw failure(ObjectFetchException.Reason.TRANSIENT, attempt);
                        },
                        waits::add))
                .isInstanceOf(ObjectFetchException.class)
                .hasMessage("TRANSIENT s3://b/k: gave up: HTTP 503 SlowDown (after 3 attempts)")
                .satisfies(
                        e -> assertThat(((ObjectFetchException) e).attempts()).isEqualTo(3));
        assertThat(waits).hasSize(2);
    }

    @Test
    void permanentFailuresAreNotRetried() {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(1), Duration.ofMillis(2));
        List<Integer> attempts = new ArrayList<>();

        assertThatThrownBy(() -> policy.run(
                        "GetObject",
                        attempt -> {
                            attempts.add(attempt);
                            throw new ObjectMissingException(URI, "NoSuchKey", null);
                        },
                        millis -> {}))
                .isInstanceOf(ObjectMissingException.class);
        assertThat(attempts).containsExactly(1);
    }

    @Test
    void zeroRetriesMeansOneAttempt() {
        RetryPolicy policy = new RetryPolicy(0, Duration.ofMillis(1), Duration.ofMillis(2));
        List<Integer> attempts = new ArrayList<>();

        assertThatThrownBy(() -> policy.run(
                        "GetObject",
                        attempt -> {
                            attempts.add(attempt);
                            throw failure(ObjectFetchException.Reason.THROTTLED, attempt);
                        },
                        millis -> {}))
                .isInstanceOf(ObjectFetchException.class);
        assertThat(attempts).containsExactly(1);
        assertThat(policy.maxAttempts()).isEqualTo(1);
    }

    @Test
    void interruptionDuringTheWaitStopsRetrying() {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(1), Duration.ofMillis(2));

        assertThatThrownBy(() -> policy.run(
                        "GetObject",
                        attempt -> {
                            throw failure(ObjectFetchException.Reason.THROTTLED, attempt);
                        },
                        millis -> {
                            throw new InterruptedException();
                        }))
                .isInstanceOf(InterruptedIOException.class);
        assertThat(Thread.interrupted())
                .as("interrupt flag restored (and cleared here)")
                .isTrue();
    }

    @Test
    void negativeRetriesAreRejected() {
        assertThatThrownBy(() -> new RetryPolicy(-1, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
