package io.trailstream.job;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Creates the execution environment from the job configuration and runs the topology on it. */
public final class TrailstreamJob {
    private TrailstreamJob() {}

    /** The environment for {@code conf}: the cluster's when submitted, an in-process MiniCluster otherwise. */
    public static StreamExecutionEnvironment environment(Configuration conf) {
        Configuration flink = new Configuration(conf);
        if (!flink.contains(CheckpointingOptions.CHECKPOINTING_INTERVAL)) {
            flink.set(
                    CheckpointingOptions.CHECKPOINTING_INTERVAL,
                    conf.get(TrailstreamOptions.CHECKPOINT_INTERVAL_DEFAULT));
        }
        // Iceberg's committers have max parallelism 1; chained behind a writer at parallelism 1 they would take the
        // writer's, and a savepoint taken at another parallelism could not be restored ("Max parallelism mismatch").
        if (!flink.contains(PipelineOptions.OPERATOR_CHAINING_CHAIN_OPERATORS_WITH_DIFFERENT_MAX_PARALLELISM)) {
            flink.set(PipelineOptions.OPERATOR_CHAINING_CHAIN_OPERATORS_WITH_DIFFERENT_MAX_PARALLELISM, false);
        }
        return StreamExecutionEnvironment.getExecutionEnvironment(flink);
    }

    /** Builds and runs the job; blocks until a bounded job finishes. */
    public static JobExecutionResult execute(JobConfig jobConfig, String jobName) throws Exception {
        StreamExecutionEnvironment env = environment(jobConfig.configuration());
        new TrailstreamTopology(jobConfig).build(env);
        return env.execute(jobName);
    }
}
