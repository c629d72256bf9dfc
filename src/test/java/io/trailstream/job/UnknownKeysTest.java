package io.trailstream.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.testing.LogCapture;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.AlgorithmOptions;
import org.apache.flink.configuration.BatchExecutionOptions;
import org.apache.flink.configuration.BlobServerOptions;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.CleanupOptions;
import org.apache.flink.configuration.ClusterOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.EventOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.ExternalResourceOptions;
import org.apache.flink.configuration.FallbackKey;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.HighAvailabilityOptions;
import org.apache.flink.configuration.HistoryServerOptions;
import org.apache.flink.configuration.JMXServerOptions;
import org.apache.flink.configuration.JobEventStoreOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.NettyShuffleEnvironmentOptions;
import org.apache.flink.configuration.OptimizerOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.QueryableStateOptions;
import org.apache.flink.configuration.ResourceManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.RpcOptions;
import org.apache.flink.configuration.SecurityOptions;
import org.apache.flink.configuration.SinkOptions;
import org.apache.flink.configuration.SlowTaskDetectorOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateChangelogOptions;
import org.apache.flink.configuration.StateLatencyTrackOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.StateSizeTrackOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.TraceOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.table.api.config.ExecutionConfigOptions;
import org.apache.flink.table.api.config.OptimizerConfigOptions;
import org.apache.flink.table.api.config.TableConfigOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which keys the job config refuses, and which nearest key it names. */
class UnknownKeysTest {
    private final UnknownKeys check = UnknownKeys.registered();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "fetch.concurency, fetch.concurrency",
        "dedupe.tll, dedupe.ttl",
        "fetch.thread, fetch.threads",
        "notifications.sorce, notifications.source",
        "control.max-message-byte, control.max-message-bytes",
        "unrouted.grace, unrouted.grace-period",
        "routing.hold-until-input-end, routing.hold-until-inputs-end",
        "trailstream.default-checkpoint-intervall, trailstream.default-checkpoint-interval",
        "catalog.warehose, catalog.warehouse",
        "catalog.propery.io-impl, catalog.property.io-impl",
        "notifications.kinesis.source.polling.intervall, notifications.kinesis.source.polling.interval",
        "control.kinesis.stream.arm, control.kinesis.stream.arn",
        "notifications.kinesis.aws.regoin, notifications.kinesis.aws.region",
        "fetch.s3.retrys, fetch.s3.retries",
        "fetch.s3.credentials.acess-key-id, fetch.s3.credentials.access-key-id"
    })
    void aTypoIsRefusedNamingTheNearestKnownKey(String typo, String nearest) {
        assertThat(check.find(List.of(typo))).containsExactly(new UnknownKeys.Unknown(typo, nearest));
        assertThat(check.find(List.of(typo)).get(0).message())
                .isEqualTo("unknown option '" + typo + "' (did you mean '" + nearest + "'?)");
    }

    @Test
    void everyRegisteredKeyPassesUnderEachOfItsPrefixes() {
        List<String> keys = new ArrayList<>();
        OptionRegistry.HOLDERS.forEach(h -> keys.addAll(h.keys()));
        assertThat(keys)
                .contains("fetch.concurrency", "catalog.uri", "fetch.s3.retries", "s3.retries")
                .contains("notifications.kinesis.stream.arn", "control.kinesis.stream.arn");
        assertThat(check.find(keys)).isEmpty();
    }

    @Test
    void theFormerS3KeysPassAsDeprecatedAndOtherS3KeysAreFlinks() {
        assertThat(check.find(List.of("s3.region", "s3.retries", "s3.retrys", "s3.access-key")))
                .as("s3.* is Flink's namespace: nothing there is refused")
                .isEmpty();
        try (LogCapture log = LogCapture.of(UnknownKeys.class)) {
            check.find(List.of("s3.retrys", "s3.access-key"));
            assertThat(log.lines())
                    .as("a key close to a former one is warned about, naming its new name")
                    .containsExactly("WARN 's3.retrys' is not a trailstream option (did you mean 'fetch.s3.retries'?);"
                            + " passed on: Flink reads s3.* keys too");
        }
        assertThat(check.deprecatedAmong(List.of("s3.region", "fetch.s3.retries", "s3.access-key", "s3.sts.endpoint")))
                .containsExactly(
                        org.assertj.core.api.Assertions.entry("s3.region", "fetch.s3.region"),
                        org.assertj.core.api.Assertions.entry("s3.sts.endpoint", "fetch.s3.sts.endpoint"));
    }

    @Test
    void theKinesisPrefixesAreCheckedAgainstTheSourcesOptions() {
        assertThat(check.find(List.of("control.kinesis.fetch.concurrency")))
                .as("a job option under a Kinesis prefix is not a Kinesis option")
                .extracting(UnknownKeys.Unknown::nearest)
                .allMatch(n -> n.startsWith("control.kinesis."));
        assertThat(check.find(List.of("notifications.kinesis.stream.arn", "notifications.kinesis.polling.interval")))
                .extracting(UnknownKeys.Unknown::key)
                .containsExactly("notifications.kinesis.polling.interval");
    }

    @Test
    void catalogPropertiesPassAsTheyAreButNeedAName() {
        assertThat(check.find(List.of(
                        "catalog.property.io-impl",
                        "catalog.property.s3.endpoint",
                        "catalog.property.header.X-Iceberg-Access-Delegation")))
                .isEmpty();
        assertThat(check.find(List.of("catalog.property.")))
                .extracting(UnknownKeys.Unknown::key)
                .containsExactly("catalog.property.");
    }

    @Test
    void theNamespacesCheckedAreExactlyTrailstreamsOwn() {
        assertThat(check.ownedNamespaces())
                .containsExactlyInAnyOrder(
                        "notifications.",
                        "fetch.",
                        "dedupe.",
                        "control.",
                        "unrouted.",
                        "routing.",
                        "trailstream.",
                        "catalog.",
                        "integrity.",
                        "health.",
                        "write.",
                        "maintenance.",
                        "records.");
    }

    @Test
    void flinksOwnKeysAllPass() throws Exception {
        List<String> flink = new ArrayList<>();
        for (Class<?> holder : List.of(
                AlgorithmOptions.class,
                BatchExecutionOptions.class,
                BlobServerOptions.class,
                CheckpointingOptions.class,
                CleanupOptions.class,
                ClusterOptions.class,
                CoreOptions.class,
                DeploymentOptions.class,
                EventOptions.class,
                ExecutionOptions.class,
                ExternalResourceOptions.class,
                HeartbeatManagerOptions.class,
                HighAvailabilityOptions.class,
                HistoryServerOptions.class,
                JMXServerOptions.class,
                JobEventStoreOptions.class,
                JobManagerOptions.class,
                MetricOptions.class,
                NettyShuffleEnvironmentOptions.class,
                OptimizerOptions.class,
                PipelineOptions.class,
                QueryableStateOptions.class,
                ResourceManagerOptions.class,
                RestOptions.class,
                RestartStrategyOptions.class,
                RpcOptions.class,
                SecurityOptions.class,
                SinkOptions.class,
                SlowTaskDetectorOptions.class,
                StateBackendOptions.class,
                StateChangelogOptions.class,
                StateLatencyTrackOptions.class,
                StateRecoveryOptions.class,
                StateSizeTrackOptions.class,
                TaskManagerOptions.class,
                TraceOptions.class,
                WebOptions.class,
                RocksDBOptions.class,
                RocksDBConfigurableOptions.class,
                ExecutionConfigOptions.class,
                OptimizerConfigOptions.class,
                TableConfigOptions.class)) {
            for (Field f : holder.getFields()) {
                if (!Modifier.isStatic(f.getModifiers()) || !ConfigOption.class.isAssignableFrom(f.getType())) continue;
                ConfigOption<?> option = (ConfigOption<?>) f.get(null);
                flink.add(option.key());
                for (FallbackKey k : option.fallbackKeys()) flink.add(k.getKey());
            }
        }
        // Flink's S3 filesystems (plugins, not on this class path) read these, and pass every s3.* key to Hadoop.
        flink.addAll(List.of(
                "s3.access-key",
                "s3.secret-key",
                "s3.endpoint",
                "s3.path.style.access",
                "s3.entropy.key",
                "s3.upload.min.part.size",
                "s3.connection.maximum"));
        assertThat(flink).hasSizeGreaterThan(500);
        assertThat(check.find(flink)).isEmpty();
    }

    @Test
    void aNewHolderIsCheckedOnceRegistered() {
        List<OptionHolder> holders = new ArrayList<>(OptionRegistry.HOLDERS);
        assertThat(UnknownKeys.of(holders).find(List.of("lineage.digest-checks")))
                .isEmpty();

        holders.add(OptionHolder.of(LineageLikeOptions.class));

        UnknownKeys withIt = UnknownKeys.of(holders);
        assertThat(withIt.find(List.of("lineage.digest-check")))
                .containsExactly(new UnknownKeys.Unknown("lineage.digest-check", "lineage.digest-checks"));
        assertThat(withIt.find(List.of("lineage.digest-checks"))).isEmpty();
    }

    @Test
    void editDistance() {
        assertThat(UnknownKeys.distance("dedupe.tll", "dedupe.ttl")).isEqualTo(1);
        assertThat(UnknownKeys.distance("fetch.concurency", "fetch.concurrency"))
                .isEqualTo(1);
        assertThat(UnknownKeys.distance("", "abc")).isEqualTo(3);
        assertThat(UnknownKeys.distance("kitten", "sitting")).isEqualTo(3);
    }

    /** What another package's holder looks like. */
    public static final class LineageLikeOptions {
        public static final ConfigOption<Boolean> DIGEST_CHECKS = ConfigOptions.key("lineage.digest-checks")
                .booleanType()
                .defaultValue(true)
                .withDescription("Validate digests.");

        private LineageLikeOptions() {}
    }
}
