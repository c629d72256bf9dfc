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
        metrics.mismatchedRecords("acme").inc(0);
        metrics.bytes("acme", TrailstreamMetrics.COMPRESSED).inc(100);
        metrics.bytes("acme", TrailstreamMetrics.UNCOMPRESSED).inc(600);

        assertThat(count("integration", "acme", "decision", "fetch", "objects_total"))
                .isEqualTo(1);
        assertThat(count("integration", "none", "decision", "unrouted", "objects_total"))
                .isEqualTo(2);
        assertThat(count("integration", "acme", "outcome", "ingested", "objects_total"))
                .isEqualTo(1);
        assertThat(count("integration", "acme", "verdict", "kept", "records_total"))
                .isEqualTo(7);
        assertThat(count("integration", "acme", "verdict", "dropped", "records_total"))
                .isEqualTo(1);
        assertThat(count("integration", "acme", "mismatched_records_total")).isEqualTo(0);
        assertThat(count("integration", "acme", "compressed_bytes_total")).isEqualTo(100);
        assertThat(count("integration", "acme", "uncompressed_bytes_total")).isEqualTo(600);
    }

    @Test
    void controlAndNotificationCountersHaveTheDocumentedNames() {
        metrics.controlMessages("rejected", "unknown_kind").inc();
        metrics.controlMessages("applied", null).inc();
        metrics.notifiedObjects().inc(3);
        metrics.ignoredNotifications().inc();
        metrics.deadLetterNotifications().inc(2);

        assertThat(count("control", "outcome", "rejected", "reason", "unknown_kind", "messages_total"))
                .isEqualTo(1);
        assertThat(count("control", "outcome", "applied", "reason", "none", "messages_total"))
                .isEqualTo(1);
        assertThat(count("notifications", "objects_total")).isEqualTo(3);
        assertThat(count("notifications", "ignored_total")).isEqualTo(1);
        assertThat(count("notifications", "dead_letters_total")).isEqualTo(2);
    }

    @Test
    void registeringMakesEachSeriesAtZeroOnce() {
        metrics.registerFetched("acme", java.util.List.of("ingested", "fetch_failed"));
        metrics.fetchedObjects("acme", "ingested").inc();
        metrics.registerFetched("acme", java.util.List.of("ingested", "fetch_failed"));
        metrics.registerRoutedObjects(null, java.util.List.of("unrouted"));
        metrics.registerControlMessages(java.util.Map.of("rejected", java.util.List.of("unknown_kind")));

        assertThat(count("integration", "acme", "outcome", "ingested", "objects_total"))
                .isEqualTo(1);
        assertThat(count("integration", "acme", "outcome", "fetch_failed", "objects_total"))
                .isZero();
        assertThat(count("integration", "acme", "verdict", "kept", "records_total"))
                .isZero();
        assertThat(count("integration", "acme", "mismatched_records_total")).isZero();
        assertThat(count("integration", "acme", "uncompressed_bytes_total")).isZero();
        assertThat(count("integration", "none", "decision", "unrouted", "objects_total"))
                .isZero();
        assertThat(count("control", "outcome", "rejected", "reason", "unknown_kind", "messages_total"))
                .isZero();
    }

    @Test
    void aCounterIsMadeOnceAndCached() {
        Counter first = metrics.routedObjects("acme", "fetch");
        assertThat(metrics.routedObjects("acme", "fetch")).isSameAs(first);
        assertThat(metrics.routedObjects("acme", "skipped_account")).isNotSameAs(first);
    }

    private long count(String... path) {
        String[] scoped = new String[path.length + 1];
        scoped[0] = TrailstreamMetrics.SCOPE;
        System.arraycopy(path, 0, scoped, 1, path.length);
        return listener.getCounter(scoped)
                .orElseThrow(() -> new AssertionError(String.join(".", path)))
                .getCount();
    }
}
