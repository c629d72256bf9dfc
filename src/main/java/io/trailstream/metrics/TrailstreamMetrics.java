package io.trailstream.metrics;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/**
 * Every metric trailstream's own operators report, named in one place (as Iceberg's sink keeps its writer's
 * metrics in {@code IcebergStreamWriterMetrics}), in one scheme that reads well as Prometheus series
 * (docs/metrics.md):
 *
 * <ul>
 *   <li>everything under the plain group {@value #SCOPE}, so every series starts {@code
 *       flink_taskmanager_job_task_operator_trailstream_};
 *   <li>what varies (integration, outcome, shard, ...) is a key/value group, {@code addGroup(key, value)}: Flink's
 *       Prometheus reporter makes the key part of the name and the value a label ({@code
 *       trailstream.integration.acme.outcome.ingested.objects_total} is {@code
 *       ..._trailstream_integration_outcome_objects_total{integration="acme",outcome="ingested"}});
 *   <li>metric names are lower snake case, say what is counted and, for counters, end in {@code _total};
 *   <li>a label's values partition the metric (summing over them means something); measures that do not add up
 *       (compressed and uncompressed bytes) are two metrics;
 *   <li>one metric name always carries the same label keys.
 * </ul>
 *
 * <p>Counters are made on first use and cached here, so operators count per integration or per outcome without a
 * map of their own; the {@code register*} methods make a set of series at zero ahead of their first event, so that
 * a restored subtask serves them (and a {@code increase()} sees the first one). One instance per operator, made in
 * {@code open()} (or {@code initializeState()}) from the operator's metric group; not thread-safe, as Flink's task
 * thread is the only caller. The Kinesis source's per-shard metrics follow the same scheme in {@code
 * kinesis.metrics}.
 */
public final class TrailstreamMetrics {
    /** The group every trailstream metric is under. */
    public static final String SCOPE = "trailstream";
    /** Per-integration label: {@code integration}; {@code none} for objects no integration claims. */
    public static final String INTEGRATION = "integration";

    public static final String NO_INTEGRATION = "none";
    /** The verdicts of a fetched object's records: kept, or dropped (outside the include-list). */
    public static final String KEPT = "kept";

    public static final String DROPPED = "dropped";
    /** Bytes as stored and as parsed. */
    public static final String COMPRESSED = "compressed";

    public static final String UNCOMPRESSED = "uncompressed";
    /** The reason label of a control message whose result has none. */
    public static final String NO_REASON = "none";

    static final String OBJECTS = "objects_total";
    static final String RECORDS = "records_total";
    static final String MESSAGES = "messages_total";

    /** The operator's {@value #SCOPE} group. */
    private final MetricGroup group;

    private final Map<String, Counter> counters = new HashMap<>();
    private final Set<String> registered = new HashSet<>();
    private final Set<String> gauges = new HashSet<>();

    /** @param operatorGroup the operator's metric group */
    public TrailstreamMetrics(MetricGroup operatorGroup) {
        this.group = operatorGroup.addGroup(SCOPE);
    }

    /**
     * Routing's decisions: {@code integration.<id>.decision.<decision>.objects_total} ({@code fetch} or a ledger
     * outcome: {@code skipped_suspended}, {@code duplicate}, {@code unrouted}, ...).
     */
    public Counter routedObjects(String integrationId, String decision) {
        return perIntegration(integrationId, "decision", decision, OBJECTS);
    }

    /** Registers at zero {@link #routedObjects} of an integration for each of {@code decisions}, once. */
    public void registerRoutedObjects(String integrationId, Iterable<String> decisions) {
        if (!registered.add("decision/" + label(integrationId))) return;
        for (String decision : decisions) routedObjects(integrationId, decision);
    }

    /**
     * What became of fetched objects: {@code integration.<id>.outcome.<ledger outcome>.objects_total}; among them
     * {@code outcome="fetch_failed"} and {@code outcome="access_denied"}, the objects its read role could not read
     * (alert on it: the customer's role or bucket changed).
     */
    public Counter fetchedObjects(String integrationId, String outcome) {
        return perIntegration(integrationId, "outcome", outcome, OBJECTS);
    }

    /**
     * Registers at zero, once per integration, what {@link #fetchedObjects} ({@code outcomes}), {@link #records}
     * ({@code kept}, {@code dropped}), {@link #mismatchedRecords}, {@link #oversizedRecords} and {@link #bytes} count for it.
     */
    public void registerFetched(String integrationId, Iterable<String> outcomes) {
        if (!registered.add("outcome/" + label(integrationId))) return;
        for (String outcome : outcomes) fetchedObjects(integrationId, outcome);
        records(integrationId, KEPT);
        records(integrationId, DROPPED);
        mismatchedRecords(integrationId);
        oversizedRecords(integrationId);
        bytes(integrationId, COMPRESSED);
        bytes(integrationId, UNCOMPRESSED);
    }

    /** Records of fetched objects by verdict: {@code integration.<id>.verdict.<kept|dropped>.records_total}. */
    public Counter records(String integrationId, String verdict) {
        return perIntegration(integrationId, "verdict", verdict, RECORDS);
    }

    /**
     * Records whose recipient account is not the one of their object's key: {@code
     * integration.<id>.mismatched_records_total}; a metric of its own, as these are also kept or dropped.
     */
    public Counter mismatchedRecords(String integrationId) {
        return ofIntegration(integrationId, "mismatched_records_total");
    }

    /**
     * Records skipped unread because they were larger than {@code records.max-size}: {@code
     * integration.<id>.oversized_records_total} (their objects' ledger rows name them; neither kept nor dropped).
     */
    public Counter oversizedRecords(String integrationId) {
        return ofIntegration(integrationId, "oversized_records_total");
    }

    /**
     * Bytes of fetched objects: {@code integration.<id>.compressed_bytes_total} as stored, {@code
     * integration.<id>.uncompressed_bytes_total} as parsed ({@code which}: {@link #COMPRESSED} or {@link
     * #UNCOMPRESSED}; two metrics, as they do not add up).
     */
    public Counter bytes(String integrationId, String which) {
        return ofIntegration(integrationId, which + "_bytes_total");
    }

    /**
     * /**
     * Integrity checks by result: {@code integration.<id>.kind.<digest|log_file>.status.<status>.integrity_checks_total},
     * e.g. {@code status="hash_mismatch"}: alert on increases of the tampering statuses.
     */
    public Counter integrityChecks(String integrationId, String kind, String status) {
        String integration = label(integrationId);
        return counters.computeIfAbsent(
                integration + "/integrity/" + kind + "/" + status,
                k -> group.addGroup(INTEGRATION, integration)
                        .addGroup("kind", kind)
                        .addGroup("status", status)
                        .counter("integrity_checks_total"));
    }

    /**
     * Changes of an integration's health: {@code integration.<id>.status.<status>.health_changes_total} counts how
     * often a part of it (an account and region, or the whole) turned {@code healthy}, {@code gap}, {@code
     * access_denied} or {@code silent}.
     */
    public Counter healthChanges(String integrationId, String status) {
        return perIntegration(integrationId, "status", status, "health_changes_total");
    }

    /**
     * The worst health of an integration now, as a number for alerting ({@code integration.<id>.health_level}: 0
     * healthy, 1 silent, 2 gap, 3 access_denied); {@code level} is read when the gauge is sampled.
     */
    public void healthLevel(String integrationId, IntSupplier level) {
        String integration = label(integrationId);
        if (gauges.add(integration)) {
            group.addGroup(INTEGRATION, integration).gauge("health_level", (Gauge<Integer>) level::getAsInt);
        }
    }

    /** Records dropped as repeated eventIDs: {@code integration.<id>.duplicate_event_records_total}. */
    public Counter duplicateEvents(String integrationId) {
        return ofIntegration(integrationId, "duplicate_event_records_total");
    }

    /**
     * EventIDs event dedupe put into its state: {@code integration.<id>.remembered_event_ids_total}; with the TTL
     * this is how the state grows (entries live {@code dedupe.events.ttl}).
     */
    public Counter rememberedEvents(String integrationId) {
        return ofIntegration(integrationId, "remembered_event_ids_total");
    }

    /**
     * The control applier's results: {@code control.outcome.<outcome>.reason.<code>.messages_total} ({@code
     * reason="none"} for a result without a code).
     */
    public Counter controlMessages(String outcome, String reasonCode) {
        String reason = reasonCode == null ? NO_REASON : reasonCode;
        return counters.computeIfAbsent(
                "control/" + outcome + "/" + reason,
                k -> group.addGroup("control")
                        .addGroup("outcome", outcome)
                        .addGroup("reason", reason)
                        .counter(MESSAGES));
    }

    /** Registers at zero {@link #controlMessages} for each outcome and the reason codes it comes with. */
    public void registerControlMessages(Map<String, ? extends Iterable<String>> reasonsByOutcome) {
        reasonsByOutcome.forEach((outcome, reasons) -> reasons.forEach(r -> controlMessages(outcome, r)));
    }

    /** Objects the notification parser found: {@code notifications.objects_total}. */
    public Counter notifiedObjects() {
        return notifications("objects_total");
    }

    /** Notifications, or records of them, that announce nothing to fetch: {@code notifications.ignored_total}. */
    public Counter ignoredNotifications() {
        return notifications("ignored_total");
    }

    /** Notifications that could not be used: {@code notifications.dead_letters_total}. */
    public Counter deadLetterNotifications() {
        return notifications("dead_letters_total");
    }

    private Counter notifications(String metric) {
        return counters.computeIfAbsent(
                "notifications/" + metric, k -> group.addGroup("notifications").counter(metric));
    }

    private Counter perIntegration(String integrationId, String kind, String value, String metric) {
        String integration = label(integrationId);
        return counters.computeIfAbsent(
                integration + '/' + kind + '/' + value,
                k -> group.addGroup(INTEGRATION, integration)
                        .addGroup(kind, value)
                        .counter(metric));
    }

    private Counter ofIntegration(String integrationId, String metric) {
        String integration = label(integrationId);
        return counters.computeIfAbsent(
                integration + '/' + metric,
                k -> group.addGroup(INTEGRATION, integration).counter(metric));
    }

    private static String label(String integrationId) {
        return integrationId == null ? NO_INTEGRATION : integrationId;
    }
}
