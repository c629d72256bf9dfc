package io.trailstream.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.testutils.MetricListener;
import org.junit.jupiter.api.Test;

/** The metric names docs/metrics.md lists are the ones the operators register, and each counter is made once. */
class TrailstreamMetricsTest {
    private final MetricListener listener = new MetricListener();
    private final TrailstreamMetrics metrics = new TrailstreamMetrics(listener.getMetricGroup());

    @Test
    void perIntegrationCountersHaveTheDocumentedNames() {
        metrics.routedObjects("acme", "fetch").inc();
        metrics.routedObjects(null, "unrouted").inc(2);
        metrics.fetchedObjects("acme", "ingested").inc();
        metrics.records("acme", TrailstreamMetrics.KEPT).inc(7);
        metrics.records("acme", TrailstreamMetrics.DROPPED).inc(1);
        metrics.records("acme", TrailstreamMetrics.MISMATCHED).inc(0);
        metrics.bytes("acme", TrailstreamMetrics.COMPRESSED).inc(100);
        metrics.bytes("acme", TrailstreamMetrics.UNCOMPRESSED).inc(600);

        assertThat(count("integration", "acme", "decision", "fetch", "objects")).isEqualTo(1);
        assertThat(count("integration", "none", "decision", "unrouted", "objects"))
                .isEqualTo(2);
        assertThat(count("integration", "acme", "outcome", "ingested", "objects"))
                .isEqualTo(1);
        assertThat(count("integration", "acme", "records", "kept", "records")).isEqualTo(7);
        assertThat(count("integration", "acme", "records", "dropped", "records"))
                .isEqualTo(1);
        assertThat(count("integration", "acme", "records", "mismatched", "records"))
                .isEqualTo(0);
        assertThat(count("integration", "acme", "bytes", "compressed", "bytes")).isEqualTo(100);
        assertThat(count("integration", "acme", "bytes", "uncompressed", "bytes"))
                .isEqualTo(600);
    }

    @Test
    void controlAndNotificationCountersHaveTheDocumentedNames() {
        metrics.controlMessages("rejected", "unknown_kind").inc();
        metrics.controlMessages("applied", null).inc();
        metrics.notifiedObjects().inc(3);
        metrics.ignoredNotifications().inc();
        metrics.deadLetterNotifications().inc(2);

        assertThat(count("control", "outcome", "rejected", "reason", "unknown_kind", "messages"))
                .isEqualTo(1);
        assertThat(count("control", "outcome", "applied", "reason", "null", "messages"))
                .isEqualTo(1);
        assertThat(count("notifications", "objectsNotified")).isEqualTo(3);
        assertThat(count("notifications", "ignored")).isEqualTo(1);
        assertThat(count("notifications", "deadLetters")).isEqualTo(2);
    }

    @Test
    void aCounterIsMadeOnceAndCached() {
        Counter first = metrics.routedObjects("acme", "fetch");
        assertThat(metrics.routedObjects("acme", "fetch")).isSameAs(first);
        assertThat(metrics.routedObjects("acme", "skipped_account")).isNotSameAs(first);
    }

    private long count(String... path) {
        return listener.getCounter(path)
                .orElseThrow(() -> new AssertionError(String.join(".", path)))
                .getCount();
    }
}
