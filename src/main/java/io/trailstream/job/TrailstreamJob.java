package io.trailstream.job;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Creates the execution environment from the job configuration and runs the topology on it. */
public final class TrailstreamJob {
    private TrailstreamJob() {}

    /**
     * The environment for {@code conf}: the cluster's when submitted, an in-process MiniCluster otherwise.
     * Object reuse is on unless the configuration says otherwise: every operator of the topology emits a new
     * object per record and keeps none it was given, so chained operators may pass records on without Flink
     * deep-copying each one (for the parser's rows, a copy of every string, {@code raw} included: about a tenth
     * of the task threads' time).
     */
    public static StreamExecutionEnvironment environment(Configuration conf) {
        Configuration flink = new Configuration(conf);
        if (!flink.contains(PipelineOptions.OBJECT_REUSE)) flink.set(PipelineOptions.OBJECT_REUSE, true);
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
