package io.trailstream.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(300), Duration.ofSeconds(10));

    @Test
    void ceilingDoublesUpToTheMaximum() {
        assertThat(backoff.ceilingMillis(1)).isEqualTo(300);
        assertThat(backoff.ceilingMillis(2)).isEqualTo(600);
        assertThat(backoff.ceilingMillis(5)).isEqualTo(4800);
        assertThat(backoff.ceilingMillis(6)).isEqualTo(9600);
        assertThat(backoff.ceilingMillis(7)).isEqualTo(10_000);
        assertThat(backoff.ceilingMillis(1_000_000)).isEqualTo(10_000);
    }

    @Test
    void delaysAreJitteredWithinTheUpperHalf() {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < 2000; i++) {
            long delay = backoff.delayMillis(3);
            assertThat(delay).isBetween(600L, 1200L);
            min = Math.min(min, delay);
            max = Math.max(max, delay);
        }
        assertThat(max - min).as("jitter spreads the delays").isGreaterThan(300);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
