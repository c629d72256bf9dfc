package io.trailstream.cluster;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.FallbackKey;

/**
 * Every configuration key Flink 2.1 declares (keys and fallback keys of the {@code ConfigOption}s of its option
 * classes), so that a test can tell a typo in a shipped Flink configuration from an option: Flink itself ignores
 * unknown keys silently.
 */
final class FlinkOptionKeys {
    /** Option holders of the parts of Flink a trailstream cluster configures. */
    private static final String[] HOLDERS = {
        "org.apache.flink.configuration.CheckpointingOptions",
        "org.apache.flink.configuration.StateBackendOptions",
        "org.apache.flink.configuration.StateRecoveryOptions",
        "org.apache.flink.configuration.StateChangelogOptions",
        "org.apache.flink.configuration.RestartStrategyOptions",
        "org.apache.flink.configuration.PipelineOptions",
        "org.apache.flink.configuration.ExecutionOptions",
        "org.apache.flink.configuration.CoreOptions",
        "org.apache.flink.configuration.MetricOptions",
        "org.apache.flink.configuration.JobManagerOptions",
        "org.apache.flink.configuration.TaskManagerOptions",
        "org.apache.flink.configuration.HeartbeatManagerOptions",
        "org.apache.flink.configuration.HighAvailabilityOptions",
        "org.apache.flink.configuration.RestOptions",
        "org.apache.flink.configuration.WebOptions",
        "org.apache.flink.configuration.ClusterOptions",
        "org.apache.flink.configuration.BlobServerOptions",
        "org.apache.flink.configuration.SecurityOptions",
        "org.apache.flink.configuration.NettyShuffleEnvironmentOptions",
        "org.apache.flink.configuration.DeploymentOptions",
        "org.apache.flink.configuration.RpcOptions",
        "org.apache.flink.configuration.AkkaOptions",
        "org.apache.flink.state.rocksdb.RocksDBOptions",
        "org.apache.flink.state.rocksdb.RocksDBConfigurableOptions",
    };

    private FlinkOptionKeys() {}

    static Set<String> known() {
        Set<String> keys = new TreeSet<>();
        for (String holder : HOLDERS) {
            Class<?> type;
            try {
                type = Class.forName(holder);
            } catch (ClassNotFoundException e) {
                continue; // not in this Flink version
            }
            for (Field f : type.getFields()) {
                if (!Modifier.isStatic(f.getModifiers()) || !ConfigOption.class.isAssignableFrom(f.getType())) continue;
                try {
                    ConfigOption<?> option = (ConfigOption<?>) f.get(null);
                    keys.add(option.key());
                    for (FallbackKey k : option.fallbackKeys()) keys.add(k.getKey());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return keys;
    }

    /**
     * The keys of {@code keys} that are no option of Flink's and start with none of {@code prefixes} (options of
     * plugins and tools this classpath does not hold: {@code s3.}, {@code metrics.reporter.}, {@code kubernetes.}).
     */
    static List<String> unknown(Iterable<String> keys, String... prefixes) {
        Set<String> known = known();
        List<String> unknown = new ArrayList<>();
        outer:
        for (String key : keys) {
            if (known.contains(key)) continue;
            for (String p : prefixes) if (key.startsWith(p)) continue outer;
            unknown.add(key);
        }
        return unknown;
    }
}
