package io.trailstream.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/** The job's environment passes records between chained operators without copies, unless told otherwise. */
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
}
