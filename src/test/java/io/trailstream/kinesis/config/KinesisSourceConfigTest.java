package io.trailstream.kinesis.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailstream.aws.CredentialsProviderType;
import io.trailstream.kinesis.KinesisSource;
import io.trailstream.kinesis.serialization.KinesisDeserializationSchema;
import io.trailstream.kinesis.serialization.KinesisPayload;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KinesisSourceConfigTest {

    private static final String ARN = "arn:aws:kinesis:eu-west-1:123456789012:stream/notifications";

    @Test
    void defaultsAndRegionFromTheArn() {
        KinesisSourceConfig config = config(Map.of("stream.arn", ARN));

        assertThat(config.streamArn()).isEqualTo(ARN);
        assertThat(config.streamName()).isEqualTo("notifications");
        assertThat(config.region()).contains("eu-west-1");
        assertThat(config.endpoint()).isEmpty();
        assertThat(config.credentialsProvider()).isEqualTo(CredentialsProviderType.DEFAULT);
        assertThat(config.pollingInterval()).isEqualTo(Duration.ofMillis(200));
        assertThat(config.maxRecordsPerCall()).isEqualTo(10_000);
        assertThat(config.discoveryInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.startPosition()).isEqualTo(KinesisStartPosition.TRIM_HORIZON);
        assertThat(config.startTimestamp()).isNull();
    }

    @Test
    void readsEveryOption() {
        KinesisSourceConfig config = config(Map.ofEntries(
                Map.entry("stream.name", "control"),
                Map.entry("aws.region", "us-east-1"),
                Map.entry("aws.endpoint", "http://127.0.0.1:4568"),
                Map.entry("aws.credentials.provider", "static"),
                Map.entry("aws.credentials.access-key-id", "AKIDEXAMPLE"),
                Map.entry("aws.credentials.secret-access-key", "s3cr3t-value"),
                Map.entry("source.polling.interval", "1 s"),
                Map.entry("source.polling.max-records", "500"),
                Map.entry("source.shard.discovery.interval", "30 s"),
                Map.entry("source.start.position", "at_timestamp"),
                Map.entry("source.start.timestamp", "2026-11-27T05:00:00Z"),
                Map.entry("source.retry.initial-backoff", "100 ms"),
                Map.entry("source.retry.max-backoff", "5 s"),
                Map.entry("source.retry.max-attempts", "4")));

        assertThat(config.streamArn()).isNull();
        assertThat(config.streamId()).isEqualTo("control");
        assertThat(config.region()).contains("us-east-1");
        assertThat(config.endpoint())
                .hasValueSatisfying(uri -> assertThat(uri.getPort()).isEqualTo(4568));
        assertThat(config.credentialsProvider()).isEqualTo(CredentialsProviderType.STATIC);
        assertThat(config.accessKeyId()).isEqualTo("AKIDEXAMPLE");
        assertThat(config.pollingInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.maxRecordsPerCall()).isEqualTo(500);
        assertThat(config.discoveryInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.startPosition()).isEqualTo(KinesisStartPosition.AT_TIMESTAMP);
        assertThat(config.startTimestamp()).isEqualTo(Instant.parse("2026-11-27T05:00:00Z"));
        assertThat(config.initialBackoff()).isEqualTo(Duration.ofMillis(100));
        assertThat(config.maxBackoff()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.maxAttempts()).isEqualTo(4);
        assertThat(config.toString()).doesNotContain("s3cr3t-value").doesNotContain("AKIDEXAMPLE");
    }

    @Test
    void acceptsEpochMillisAsStartTimestamp() {
        KinesisSourceConfig config = config(Map.of(
                "stream.arn", ARN, "source.start.position", "AT_TIMESTAMP", "source.start.timestamp", "1795000000000"));
        assertThat(config.startTimestamp()).isEqualTo(Instant.ofEpochMilli(1_795_000_000_000L));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = ';',
            value = {
                "stream.arn; arn:aws:s3:::bucket; expected arn:aws:kinesis",
                "stream.name; bad name!; 1 to 128 characters",
                "aws.region; EU-WEST-1; expected a region",
                "aws.region; us-east-1; differs from the region in 'stream.arn'",
                "aws.endpoint; ftp://localhost; http:// or https://",
                "aws.credentials.provider; sso; Allowed: default, static",
                "aws.credentials.provider; anonymous; Kinesis needs signed requests",
                "source.polling.interval; 100 ms; at least 200 ms",
                "source.polling.interval; soon; source.polling.interval",
                "source.polling.max-records; 10001; between 1 and 10000",
                "source.polling.max-records; 0; between 1 and 10000",
                "source.shard.discovery.interval; 500 ms; at least 1 s",
                "source.start.position; EARLIEST; Allowed: TRIM_HORIZON, LATEST, AT_TIMESTAMP",
                "source.start.timestamp; 2026-11-27T05:00:00Z; only applies when 'source.start.position' is AT_TIMESTAMP",
                "source.retry.max-attempts; 0; at least 1",
                "source.retry.max-backoff; 1 ms; must be at least 'source.retry.initial-backoff'"
            })
    void rejectsABadValueNamingKeyAndValue(String key, String value, String reason) {
        Map<String, String> options = new HashMap<>(Map.of("stream.arn", ARN));
        options.put(key, value);
        if (key.equals("stream.name")) {
            options.remove("stream.arn");
        }
        assertThatThrownBy(() -> config(options))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(key)
                .hasMessageContaining(value)
                .hasMessageContaining(reason);
    }

    @Test
    void requiresAStreamAndTheTimestampForAtTimestamp() {
        assertThatThrownBy(() -> config(Map.of()))
                .hasMessageContaining("'stream.name' is missing: set stream.arn or stream.name");
        assertThatThrownBy(() -> config(Map.of("stream.arn", ARN, "source.start.position", "AT_TIMESTAMP")))
                .hasMessageContaining("'source.start.timestamp' is missing");
        assertThatThrownBy(() -> config(Map.of(
                        "stream.arn",
                        ARN,
                        "source.start.position",
                        "AT_TIMESTAMP",
                        "source.start.timestamp",
                        "yesterday")))
                .hasMessageContaining("invalid value 'yesterday' for 'source.start.timestamp'");
    }

    @Test
    void staticCredentialsNeedBothKeysAndNeverShowTheSecret() {
        assertThatThrownBy(() -> config(Map.of(
                        "stream.arn",
                        ARN,
                        "aws.credentials.provider",
                        "static",
                        "aws.credentials.secret-access-key",
                        "s3cr3t-value")))
                .hasMessageContaining("'aws.credentials.access-key-id' is required")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t-value"));
        assertThatThrownBy(() -> config(Map.of(
                        "stream.arn",
                        ARN,
                        "aws.credentials.access-key-id",
                        "AKIDEXAMPLE",
                        "aws.credentials.secret-access-key",
                        "s3cr3t-value")))
                .hasMessageContaining("static keys are set but 'aws.credentials.provider' is 'default'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t-value"));
    }

    @Test
    void subsetStripsThePrefixForSeveralSourcesInOneConfiguration() {
        Configuration job = Configuration.fromMap(Map.of(
                "kinesis.notifications.stream.arn", ARN,
                "kinesis.control.stream.arn", "arn:aws:kinesis:eu-west-1:123456789012:stream/control",
                "kinesis.control.source.start.position", "LATEST",
                "unrelated.key", "x"));

        Configuration control = KinesisSourceOptions.subset(job, "kinesis.control.");

        assertThat(control.toMap()).containsOnlyKeys("stream.arn", "source.start.position");
        KinesisSource<?> source = KinesisSource.fromConfiguration(control, KinesisDeserializationSchema.payload());
        assertThat(source.config().streamName()).isEqualTo("control");
        assertThat(source.config().startPosition()).isEqualTo(KinesisStartPosition.LATEST);
        assertThat(KinesisSource.payloadsFromConfiguration(KinesisSourceOptions.subset(job, "kinesis.notifications."))
                        .config()
                        .streamName())
                .isEqualTo("notifications");
    }

    @Test
    void builderSettersOverrideTheConfigurationAndBuildValidates() {
        KinesisSource<?> source = KinesisSource.<KinesisPayload>builder()
                .config(Configuration.fromMap(Map.of("stream.name", "old", "aws.region", "eu-west-1")))
                .streamName("new")
                .set(KinesisSourceOptions.POLLING_MAX_RECORDS, 100)
                .deserializer(KinesisDeserializationSchema.payload())
                .build();
        assertThat(source.config().streamName()).isEqualTo("new");
        assertThat(source.config().maxRecordsPerCall()).isEqualTo(100);

        assertThatThrownBy(() -> KinesisSource.<KinesisPayload>builder()
                        .streamName("s")
                        .set(KinesisSourceOptions.POLLING_INTERVAL, Duration.ofMillis(50))
                        .deserializer(KinesisDeserializationSchema.payload())
                        .build())
                .hasMessageContaining("invalid value '50 ms' for 'source.polling.interval'");
        assertThatThrownBy(() ->
                        KinesisSource.<KinesisPayload>builder().streamName("s").build())
                .hasMessageContaining("deserializer is required");
    }

    @Test
    void everyOptionHasADescription() {
        for (ConfigOption<?> option : KinesisSourceOptions.all()) {
            assertThat(option.description().toString()).as(option.key()).isNotBlank();
        }
        assertThat(KinesisSourceOptions.all()).hasSize(15);
    }

    private static KinesisSourceConfig config(Map<String, String> options) {
        return KinesisSourceConfig.from(Configuration.fromMap(options));
    }
}
