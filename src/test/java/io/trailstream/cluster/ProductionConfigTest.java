package io.trailstream.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code conf/flink-config.yaml} as Flink 2.1 loads it: the production settings the README promises are there
 * and typed right, and no key is a typo Flink would ignore. The local cluster's generated configuration too.
 */
class ProductionConfigTest {
    private static final Path PROJECT = Path.of(System.getProperty("trailstream.project.dir", "."));

    @Test
    void theProductionConfigurationHoldsWhatAClusterNeeds(@TempDir Path dir) throws Exception {
        Files.copy(PROJECT.resolve("conf/flink-config.yaml"), dir.resolve("config.yaml"));
        Configuration conf = GlobalConfiguration.loadConfiguration(dir.toString());

        assertThat(conf.get(CheckpointingOptions.CHECKPOINTING_INTERVAL)).isEqualTo(Duration.ofMinutes(1));
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTING_TIMEOUT)).isEqualTo(Duration.ofMinutes(10));
        assertThat(conf.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
        assertThat(conf.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).startsWith("s3://");
        assertThat(conf.get(CheckpointingOptions.SAVEPOINT_DIRECTORY)).startsWith("s3://");
        assertThat(conf.get(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS)).isGreaterThanOrEqualTo(2);
        assertThat(conf.get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION))
                .isEqualTo(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY)).isEqualTo("exponential-delay");
        assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF))
                .isGreaterThan(conf.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF));
        assertThat(conf.get(PipelineOptions.MAX_PARALLELISM)).isEqualTo(128);
        assertThat(conf.get(PipelineOptions.OPERATOR_CHAINING_CHAIN_OPERATORS_WITH_DIFFERENT_MAX_PARALLELISM))
                .isFalse();
        assertThat(conf.getString("metrics.reporter.prom.factory.class", null))
                .isEqualTo("org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        assertThat(conf.toMap().keySet())
                .as("s3.* keys: for Flink's s3-fs-hadoop plugin only, never credentials")
                .noneMatch(k -> k.startsWith("s3.") && (k.contains("secret") || k.contains("access-key")));
        assertThat(FlinkOptionKeys.unknown(conf.toMap().keySet(), "s3.", "metrics.reporter.prom."))
                .as("keys Flink 2.1 does not know (typos Flink would ignore)")
                .isEmpty();
        java.util.Set<String> ours = new java.util.TreeSet<>();
        io.trailstream.job.OptionRegistry.HOLDERS.forEach(h -> ours.addAll(h.keys()));
        assertThat(ours).contains("fetch.s3.region", "s3.region");
        assertThat(conf.toMap().keySet())
                .as("trailstream's options (and their former s3.* names, which the S3 file system would read as its"
                        + " own) belong in the job config, not the cluster's")
                .doesNotContainAnyElementsOf(ours);
    }

    @Test
    void theLocalClusterConfigurationIsOneFlinkLoads(@TempDir Path dir) {
        ClusterLayout layout = new ClusterLayout(dir);
        layout.create();
        Configuration conf = ClusterConfigFile.writeIfAbsent(layout, new ClusterSettings(dir).highAvailability(true));

        assertThat(conf.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
        assertThat(conf.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY))
                .isEqualTo(layout.checkpointsDir().toUri().toString());
        assertThat(conf.get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION))
                .isEqualTo(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        assertThat(conf.getString("high-availability.type", null)).isEqualTo("zookeeper");
        assertThat(FlinkOptionKeys.unknown(conf.toMap().keySet(), "metrics.reporter.prom."))
                .as("keys Flink 2.1 does not know")
                .isEmpty();
        assertThat(layout.log4jFile()).exists();
        Configuration again = ClusterConfigFile.writeIfAbsent(layout, new ClusterSettings(dir));
        assertThat(again.toMap())
                .as("a restarted cluster keeps its ports and options")
                .isEqualTo(conf.toMap());
    }
}
