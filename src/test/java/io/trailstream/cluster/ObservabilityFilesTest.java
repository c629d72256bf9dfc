package io.trailstream.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.trailstream.testing.ObservabilityFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The dashboard and the alert rules are complete and well formed: every panel queries something, every alert has
 * an expression, a severity and a summary, and every expression names Flink series (which {@code
 * PrometheusSeriesTest} finds served for trailstream's own and {@code TaskManagerLossClusterIT} on a cluster).
 */
class ObservabilityFilesTest {
    private static final Path PROJECT = Path.of(System.getProperty("trailstream.project.dir", "."));

    @Test
    void everyPanelAndAlertQueriesFlinkSeries() throws Exception {
        JsonNode dashboard = new ObjectMapper()
                .readTree(PROJECT.resolve(ObservabilityFiles.DASHBOARD).toFile());
        assertThat(dashboard.path("panels")).isNotEmpty();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(panel.path("targets"))
                    .as("targets of panel %s", panel.path("title"))
                    .isNotEmpty();
        }
        JsonNode rules = new ObjectMapper(new YAMLFactory())
                .readTree(PROJECT.resolve(ObservabilityFiles.ALERTS).toFile())
                .path("groups")
                .get(0)
                .path("rules");
        for (JsonNode rule : rules) {
            assertThat(rule.path("alert").asText()).isNotEmpty();
            assertThat(rule.path("labels").path("severity").asText()).isIn("warning", "critical");
            assertThat(rule.path("annotations").path("summary").asText()).isNotEmpty();
        }
        assertThat(rules.findValuesAsText("alert"))
                .contains(
                        "TrailstreamKinesisLag",
                        "TrailstreamDeadLetters",
                        "TrailstreamFetchFailed",
                        "TrailstreamAccessDenied",
                        "TrailstreamCheckpointsFailing",
                        "TrailstreamNoIcebergCommit");
        for (String expr : ObservabilityFiles.expressions(PROJECT)) {
            assertThat(expr).as("expression").containsPattern("flink_(jobmanager|taskmanager)_");
        }
        assertThat(ObservabilityFiles.metricNames(PROJECT))
                .contains(
                        "flink_taskmanager_job_task_operator_trailstream_kinesis_stream_shard_millis_behind_latest",
                        "flink_taskmanager_job_task_operator_trailstream_notifications_dead_letters_total",
                        "flink_taskmanager_job_task_operator_trailstream_integration_outcome_objects_total",
                        "flink_jobmanager_job_numberOfFailedCheckpoints");
    }
}
