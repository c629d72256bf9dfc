package io.trailstream.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.flink.client.deployment.executors.LocalExecutor;
import org.apache.flink.client.program.StreamContextEnvironment;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.DefaultExecutorServiceLoader;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/**
 * The job's environment: records passed between chained operators without copies, checkpoints every 30 s, Iceberg's
 * committers never chained behind a writer, each unless the job config or the cluster's configuration says
 * otherwise. A job submitted to a cluster (REST, {@code flink run}, application mode) runs its main with the
 * cluster's configuration as context, which is what {@link StreamContextEnvironment#setAsContext} sets up here.
 */
class TrailstreamJobEnvironmentTest {

    @Test
    void objectReuseIsOnByDefault() {
        StreamExecutionEnvironment env = TrailstreamJob.environment(new Configuration());
        assertThat(env.getConfig().isObjectReuseEnabled()).isTrue();
    }

    @Test
    void anExplicitSettingWins() {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.OBJECT_REUSE, false);
        StreamExecutionEnvironment env = TrailstreamJob.environment(conf);
        assertThat(env.getConfig().isObjectReuseEnabled()).isFalse();
    }

    @Test
    void withoutAnIntervalAnywhereTheJobCheckpointsEvery30Seconds() {
        assertThat(TrailstreamJob.environment(new Configuration()).getCheckpointInterval())
                .isEqualTo(Duration.ofSeconds(30).toMillis());
        assertThat(onCluster(new Configuration(), new Configuration()).getCheckpointInterval())
                .isEqualTo(Duration.ofSeconds(30).toMillis());
    }

    @Test
    void theClustersCheckpointIntervalWinsOverTheJobsDefault() {
        Configuration cluster = new Configuration();
        cluster.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMinutes(2));
        Configuration job = new Configuration();
        job.set(TrailstreamOptions.CHECKPOINT_INTERVAL_DEFAULT, Duration.ofSeconds(10));

        assertThat(onCluster(cluster, job).getCheckpointInterval())
                .isEqualTo(Duration.ofMinutes(2).toMillis());
    }

    @Test
    void anIntervalInTheJobConfigWinsOverTheClusters() {
        Configuration cluster = new Configuration();
        cluster.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMinutes(2));
        Configuration job = new Configuration();
        job.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(5));

        assertThat(onCluster(cluster, job).getCheckpointInterval())
                .isEqualTo(Duration.ofSeconds(5).toMillis());
    }

    @Test
    void theClustersObjectReuseAndChainingSettingsWinOverTheJobsDefaults() {
        Configuration cluster = new Configuration();
        cluster.set(PipelineOptions.OBJECT_REUSE, false);
        cluster.set(PipelineOptions.OPERATOR_CHAINING_CHAIN_OPERATORS_WITH_DIFFERENT_MAX_PARALLELISM, true);

        StreamExecutionEnvironment env = onCluster(cluster, new Configuration());

        assertThat(env.getConfig().isObjectReuseEnabled()).isFalse();
        assertThat(env.getConfiguration()
                        .get(PipelineOptions.OPERATOR_CHAINING_CHAIN_OPERATORS_WITH_DIFFERENT_MAX_PARALLELISM))
                .isTrue();
        assertThat(onCluster(new Configuration(), new Configuration())
                        .getConfiguration()
                        .get(PipelineOptions.OPERATOR_CHAINING_CHAIN_OPERATORS_WITH_DIFFERENT_MAX_PARALLELISM))
                .as("the job's default, when the cluster says nothing")
                .isFalse();
    }

    /** The job's environment as its main sees it when a cluster with {@code cluster} as configuration runs it. */
    private static StreamExecutionEnvironment onCluster(Configuration cluster, Configuration job) {
        Configuration clusterConf = new Configuration(cluster);
        clusterConf.set(DeploymentOptions.TARGET, LocalExecutor.NAME);
        StreamContextEnvironment.setAsContext(
                new DefaultExecutorServiceLoader(), clusterConf, TrailstreamJob.class.getClassLoader(), false, false);
        try {
            StreamExecutionEnvironment env = TrailstreamJob.environment(job);
            assertThat(env).isInstanceOf(StreamContextEnvironment.class);
            return env;
        } finally {
            StreamContextEnvironment.unsetAsContext();
        }
    }
}
