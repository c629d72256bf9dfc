package io.trailstream.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.control.apply.ControlApplyFunction;
import io.trailstream.control.message.ControlMessageParser;
import io.trailstream.control.message.InitialIntegrations;
import io.trailstream.kinesis.metrics.KinesisShardMetrics;
import io.trailstream.ledger.LedgerOutcome;
import io.trailstream.metrics.TrailstreamMetrics;
import io.trailstream.notification.NotificationParseFunction;
import io.trailstream.object.ParseObjectFunction;
import io.trailstream.object.Sha256Implementation;
import io.trailstream.record.CloudTrailRecordParser;
import io.trailstream.routing.RouteOutcome;
import io.trailstream.testing.ObservabilityFiles;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.prometheus.PrometheusReporterFactory;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.runtime.clusterframework.types.ResourceID;
import org.apache.flink.runtime.executiongraph.ExecutionAttemptID;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.MetricRegistryConfiguration;
import org.apache.flink.runtime.metrics.MetricRegistryImpl;
import org.apache.flink.runtime.metrics.ReporterSetup;
import org.apache.flink.runtime.metrics.filter.ReporterFilter;
import org.apache.flink.runtime.metrics.groups.TaskManagerMetricGroup;
import org.apache.flink.runtime.metrics.groups.TaskMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard, the alert rules and docs/metrics.md name exactly the series trailstream serves: the operators open
 * (routing and the Kinesis reader through their metric classes) on real Flink operator metric groups whose registry
 * reports to Flink's real Prometheus reporter, and its {@code /metrics} page is read, as Prometheus would. Flink's
 * own series (checkpoints, Iceberg's committer) are checked against a running cluster by {@code
 * TaskManagerLossClusterIT}.
 */
class PrometheusSeriesTest {
    private static final Path PROJECT = Path.of(System.getProperty("trailstream.project.dir", "."));
    private static final String OPERATOR = "flink_taskmanager_job_task_operator_";
    private static final String TRAILSTREAM = OPERATOR + "trailstream_";
    private static final Pattern SELECTOR = Pattern.compile("(flink_[A-Za-z0-9_]+)(\\{([^}]*)})?");
    private static final Pattern MATCHER_LABEL = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*(=~|!~|!=|=)");
    private static final Pattern BY = Pattern.compile("\\bby\\s*\\(([^)]*)\\)");

    private static final Pattern EXACT_MATCHER = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*\"([^\"$]*)\"");

    private MetricRegistryImpl registry;
    private int port;
    /** The trailstream lines of the last scrape. */
    private List<String> lines = List.of();

    @BeforeEach
    void startRegistry() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        MetricConfig config = new MetricConfig();
        config.setProperty("port", String.valueOf(port));
        MetricReporter reporter = new PrometheusReporterFactory().createMetricReporter(config);
        registry = new MetricRegistryImpl(
                MetricRegistryConfiguration.fromConfiguration(new Configuration(), Long.MAX_VALUE),
                List.of(new ReporterSetup("prom", config, reporter, ReporterFilter.getNoOpFilter(), Map.of())));
    }

    @AfterEach
    void stopRegistry() throws Exception {
        registry.closeAsync().get();
    }

    @Test
    void theDashboardAlertsAndDocsNameTheSeriesTrailstreamServes() throws Exception {
        Map<String, Set<String>> served = trailstreamSeries();
        System.out.printf("PrometheusSeriesTest: trailstream serves %d metrics: %s%n", served.size(), served.keySet());
        assertThat(served)
                .containsKeys(
                        TRAILSTREAM + "integration_outcome_objects_total",
                        TRAILSTREAM + "kinesis_stream_shard_millis_behind_latest",
                        TRAILSTREAM + "notifications_dead_letters_total");
        assertThat(served.get(TRAILSTREAM + "integration_outcome_objects_total"))
                .contains("integration", "outcome", "job_name", "operator_name", "subtask_index");

        for (String expr : ObservabilityFiles.expressions(PROJECT)) {
            Matcher m = SELECTOR.matcher(expr);
            while (m.find()) {
                String name = m.group(1);
                if (!name.startsWith(OPERATOR) || name.startsWith(OPERATOR + "Iceberg")) continue;
                assertThat(served.keySet()).as("series of %s", expr).contains(name);
                Set<String> labels = new TreeSet<>(labelsOf(m.group(3), MATCHER_LABEL));
                Matcher by = BY.matcher(expr);
                while (by.find()) for (String l : by.group(1).split(",")) labels.add(l.trim());
                assertThat(served.get(name))
                        .as("labels of %s in %s", name, expr)
                        .containsAll(labels);
                // A value matched exactly is served at zero before its first event: increase() sees that one.
                Matcher exact = EXACT_MATCHER.matcher(m.group(3) == null ? "" : m.group(3));
                while (exact.find()) {
                    String pair = exact.group(1) + "=\"" + exact.group(2) + "\"";
                    assertThat(lines)
                            .as("a series %s{%s} before any event (%s)", name, pair, expr)
                            .anyMatch(l -> l.startsWith(name + "{") && l.contains(pair));
                }
            }
        }

        String docs = Files.readString(PROJECT.resolve("docs/metrics.md"));
        Set<String> documented = new TreeSet<>();
        Matcher d = Pattern.compile(TRAILSTREAM + "[a-z0-9_]+").matcher(docs);
        while (d.find()) documented.add(d.group());
        assertThat(documented).as("series docs/metrics.md names").isEqualTo(served.keySet());
    }

    /** Opens what registers trailstream's metrics and scrapes the reporter: series name to its label keys. */
    private Map<String, Set<String>> trailstreamSeries() throws Exception {
        TaskManagerMetricGroup taskManager =
                TaskManagerMetricGroup.createTaskManagerMetricGroup(registry, "localhost", ResourceID.generate());
        JobID job = new JobID();
        try (var notifications = new OneInputStreamOperatorTestHarness<>(
                        new ProcessOperator<>(new NotificationParseFunction()), environment(taskManager, job));
                var parse = new OneInputStreamOperatorTestHarness<>(
                        new ProcessOperator<>(new ParseObjectFunction(
                                CloudTrailRecordParser.DEFAULT_MAX_RECORD_BYTES,
                                List.of("acme"),
                                Sha256Implementation.AUTO)),
                        environment(taskManager, job));
                var control = new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new ControlApplyFunction(
                                InitialIntegrations.none(),
                                ControlMessageParser.DEFAULT_MAX_BYTES,
                                ControlMessageParser.DEFAULT_MAX_FUTURE_SKEW_MILLIS)),
                        e -> ControlApplyFunction.KEY,
                        Types.STRING,
                        environment(taskManager, job))) {
            // Named as in the topology: the reporter needs an operator_name label value.
            notifications.getStreamConfig().setOperatorName("parse notifications");
            parse.getStreamConfig().setOperatorName("gunzip, parse, filter");
            control.getStreamConfig().setOperatorName("apply control messages");
            notifications.open();
            parse.open();
            control.open();
            var router = task(taskManager, job).getOrAddOperator(new OperatorID(), "route objects");
            TrailstreamMetrics routing = new TrailstreamMetrics(router);
            routing.registerRoutedObjects("acme", RouteOutcome.countedDecisions());
            routing.registerRoutedObjects(null, List.of(LedgerOutcome.UNROUTED.ledgerName()));
            var source = task(taskManager, job).getOrAddOperator(new OperatorID(), "Source: notifications");
            new KinesisShardMetrics(source, "trail-notifications", "shardId-000000000000");
            return scrape();
        }
    }

    private static MockEnvironment environment(TaskManagerMetricGroup taskManager, JobID job) {
        return new MockEnvironmentBuilder()
                .setMetricGroup(task(taskManager, job))
                .build();
    }

    private static TaskMetricGroup task(TaskManagerMetricGroup taskManager, JobID job) {
        return taskManager.addJob(job, "trailstream").addTask(ExecutionAttemptID.randomId(), "task");
    }

    private Map<String, Set<String>> scrape() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        Map<String, Set<String>> series = new TreeMap<>();
        lines = r.body().lines().filter(l -> l.startsWith(TRAILSTREAM)).toList();
        for (String line : lines) {
            Matcher m = SELECTOR.matcher(line);
            assertThat(m.lookingAt()).as(line).isTrue();
            series.computeIfAbsent(m.group(1), k -> new TreeSet<>())
                    .addAll(labelsOf(m.group(3), Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=\"")));
        }
        return series;
    }

    private static Set<String> labelsOf(String selector, Pattern label) {
        Set<String> out = new TreeSet<>();
        if (selector == null) return out;
        Matcher m = label.matcher(selector);
        while (m.find()) out.add(m.group(1));
        return out;
    }
}
