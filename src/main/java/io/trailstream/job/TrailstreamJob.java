package io.trailstream.job;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Creates the execution environment from the job configuration and runs the topology on it. */
public final class TrailstreamJob {
    private TrailstreamJob() {}

    /**
     * The environment for {@code conf}: the cluster's when submitted, an in-process MiniCluster otherwise. The job's
     * defaults apply only where neither the job config nor the cluster's configuration (which a submitted job's
     * environment already holds, with the job config on top) sets the option:
     *
     * <ul>
     *   <li>checkpoints every {@code trailstream.default-checkpoint-interval} (Iceberg commits on checkpoints: without
     *       them nothing lands);
     *   <li>object reuse: every operator of the topology emits a new object per record and keeps none it was given,
     *       so chained operators may pass records on without Flink deep-copying each one (for the parser's rows, a
     *       copy of every string, {@code raw} included: about a tenth of the task threads' time);
     *   <li>no chaining of operators with different max parallelism: Iceberg's committers have max parallelism 1;
     *       chained behind a writer at parallelism 1 they would take the writer's, and a savepoint taken at another
     *       parallelism could not be restored ("Max parallelism mismatch").
     * </ul>
     */
    public static StreamExecutionEnvironment environment(Configuration conf) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        ReadableConfig seen = env.getConfiguration();
        Configuration defaults = new Configuration();
        setIfAbsent(
                seen,
                defaults,
                CheckpointingOptions.CHECKPOINTING_INTERVAL,
                conf.get(TrailstreamOptions.CHECKPOINT_INTERVAL_DEFAULT));
        setIfAbsent(seen, defaults, PipelineOptions.OBJECT_REUSE, true);
        setIfAbsent(
                seen,
                defaults,
                PipelineOptions.OPERATOR_CHAINING_CHAIN_OPERATORS_WITH_DIFFERENT_MAX_PARALLELISM,
                false);
        if (!defaults.keySet().isEmpty()) env.configure(defaults);
        return env;
    }

    private static <T> void setIfAbsent(ReadableConfig seen, Configuration defaults, ConfigOption<T> option, T value) {
        if (seen.getOptional(option).isEmpty()) defaults.set(option, value);
    }

    /** Builds and runs the job; blocks until a bounded job finishes. */
    public static JobExecutionResult execute(JobConfig jobConfig, String jobName) throws Exception {
        StreamExecutionEnvironment env = environment(jobConfig.configuration());
        new TrailstreamTopology(jobConfig).build(env);
        return env.execute(jobName);
    }
}
