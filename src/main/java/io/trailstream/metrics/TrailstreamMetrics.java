package io.trailstream.metrics;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Every metric trailstream's own operators report, named in one place (as Iceberg's sink keeps its writer's
 * metrics in {@code IcebergStreamWriterMetrics}): each method says the group path and the metric it counts.
 * Counters are made on first use and cached here, so operators count per integration or per outcome without
 * a map of their own. One instance per operator, made in {@code open()} from the operator's metric group; not
 * thread-safe, as Flink's task thread is the only caller. The Kinesis source's per-shard metrics are the
 * source's own ({@code kinesis.metrics}).
 */
public final class TrailstreamMetrics {
    /** Per-integration group: {@code integration.<id>}; {@code none} for objects no integration claims. */
    public static final String INTEGRATION = "integration";

    public static final String NO_INTEGRATION = "none";
    /** Kept, dropped (outside the include-list) and mismatched (recipient account not the key's) records. */
    public static final String KEPT = "kept";

    public static final String DROPPED = "dropped";
    public static final String MISMATCHED = "mismatched";
    /** Bytes as stored and as parsed. */
    public static final String COMPRESSED = "compressed";

    public static final String UNCOMPRESSED = "uncompressed";

    private final MetricGroup group;
    private final Map<String, Counter> counters = new HashMap<>();
    private final java.util.Set<String> gauges = new java.util.HashSet<>();

    /** @param group the operator's metric group */
    public TrailstreamMetrics(MetricGroup group) {
        this.group = group;
    }

    /** Routing's decisions: {@code integration.<id>.decision.<decision>.objects} ({@code fetch} or a ledger outcome). */
    public Counter routedObjects(String integrationId, String decision) {
        return perIntegration(integrationId, "decision", decision, "objects");
    }

    /**
     * What became of fetched objects: {@code integration.<id>.outcome.<ledger outcome>.objects}; among them
     * {@code integration.<id>.outcome.access_denied.objects}, the objects its read role could not read (alert on it:
     * the customer's role or bucket changed).
     */
    public Counter fetchedObjects(String integrationId, String outcome) {
        return perIntegration(integrationId, "outcome", outcome, "objects");
    }

    /** Records of fetched objects: {@code integration.<id>.records.<kept|dropped|mismatched>.records}. */
    public Counter records(String integrationId, String which) {
        return perIntegration(integrationId, "records", which, "records");
    }

    /** Bytes of fetched objects: {@code integration.<id>.bytes.<compressed|uncompressed>.bytes}. */
    public Counter bytes(String integrationId, String which) {
        return perIntegration(integrationId, "bytes", which, "bytes");
    }

    /**
     * Integrity checks by result: {@code integration.<id>.integrity.<digest|log_file>.<status>.checks}, e.g.
     * {@code integration.acme.integrity.log_file.hash_mismatch.checks}.
     */
    public Counter integrityChecks(String integrationId, String kind, String status) {
        String integration = integrationId == null ? NO_INTEGRATION : integrationId;
        return counters.computeIfAbsent(
                integration + "/integrity/" + kind + "/" + status,
                k -> group.addGroup(INTEGRATION, integration)
                        .addGroup("integrity")
                        .addGroup(kind, status)
                        .counter("checks"));
    }

    /**
     * Changes of an integration's health: {@code integration.<id>.health.<status>.changes} counts how often a part
     * of it (an account and region, or the whole) turned {@code healthy}, {@code gap}, {@code access_denied} or
     * {@code silent}.
     */
    public Counter healthChanges(String integrationId, String status) {
        return perIntegration(integrationId, "health", status, "changes");
    }

    /**
     * The worst health of an integration now, as a number for alerting ({@code integration.<id>.health.level}:
     * 0 healthy, 1 silent, 2 gap, 3 access_denied); {@code level} is read when the gauge is sampled.
     */
    public void healthLevel(String integrationId, java.util.function.IntSupplier level) {
        String integration = integrationId == null ? NO_INTEGRATION : integrationId;
        if (gauges.add(integration)) {
            group.addGroup(INTEGRATION, integration)
                    .addGroup("health")
                    .gauge("level", (org.apache.flink.metrics.Gauge<Integer>) level::getAsInt);
        }
    }

    /** Records dropped as repeated eventIDs: {@code integration.<id>.records.duplicate_event.records}. */
    public Counter duplicateEvents(String integrationId) {
        return records(integrationId, "duplicate_event");
    }

    /**
     * EventIDs event dedupe put into its state: {@code integration.<id>.records.remembered_event.records}; with the
     * TTL this is how the state grows (entries live {@code dedupe.events.ttl}).
     */
    public Counter rememberedEvents(String integrationId) {
        return records(integrationId, "remembered_event");
    }

    /** The control applier's results: {@code control.outcome.<outcome>.reason.<code>.messages}. */
    public Counter controlMessages(String outcome, String reasonCode) {
        String reason = String.valueOf(reasonCode);
        return counters.computeIfAbsent(
                "control/" + outcome + "/" + reason,
                k -> group.addGroup("control")
                        .addGroup("outcome", outcome)
                        .addGroup("reason", reason)
                        .counter("messages"));
    }

    /** Objects the notification parser found: {@code notifications.objectsNotified}. */
    public Counter notifiedObjects() {
        return notifications("objectsNotified");
    }

    /** Notifications, or records of them, that announce nothing to fetch: {@code notifications.ignored}. */
    public Counter ignoredNotifications() {
        return notifications("ignored");
    }

    /** Notifications that could not be used: {@code notifications.deadLetters}. */
    public Counter deadLetterNotifications() {
        return notifications("deadLetters");
    }

    private Counter notifications(String metric) {
        return counters.computeIfAbsent(
                "notifications/" + metric, k -> group.addGroup("notifications").counter(metric));
    }

    private Counter perIntegration(String integrationId, String kind, String value, String metric) {
        String integration = integrationId == null ? NO_INTEGRATION : integrationId;
        return counters.computeIfAbsent(
                integration + '/' + kind + '/' + value,
                k -> group.addGroup(INTEGRATION, integration)
                        .addGroup(kind, value)
                        .counter(metric));
    }
}
