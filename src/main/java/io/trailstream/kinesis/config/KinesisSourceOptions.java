package io.trailstream.kinesis.config;

import io.trailstream.aws.CredentialsProviderType;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;

/**
 * The options of one Kinesis source. Keys are relative, so a job can run several sources from one
 * configuration by giving each its own prefix, e.g. {@code kinesis.notifications.stream.arn} and
 * {@code kinesis.control.stream.arn}, and passing {@link #subset(Configuration, String)} of it to
 * {@code KinesisSource.fromConfiguration}.
 */
public final class KinesisSourceOptions {

    public static final ConfigOption<String> STREAM_ARN = ConfigOptions.key("stream.arn")
            .stringType()
            .noDefaultValue()
            .withDescription("ARN of the Kinesis data stream, e.g."
                    + " arn:aws:kinesis:us-east-1:123456789012:stream/notifications."
                    + " Either this or stream.name is required.");

    public static final ConfigOption<String> STREAM_NAME = ConfigOptions.key("stream.name")
            .stringType()
            .noDefaultValue()
            .withDescription("Name of the Kinesis data stream in the account of the credentials."
                    + " Either this or stream.arn is required.");

    public static final ConfigOption<String> AWS_REGION = ConfigOptions.key("aws.region")
            .stringType()
            .noDefaultValue()
            .withDescription("AWS region of the stream, e.g. eu-west-1. Defaults to the region in"
                    + " stream.arn, else to the AWS SDK's default region chain.");

    public static final ConfigOption<String> AWS_ENDPOINT = ConfigOptions.key("aws.endpoint")
            .stringType()
            .noDefaultValue()
            .withDescription("Endpoint override (http or https URL), e.g. a VPC endpoint or a local"
                    + " emulator. Unset: the regional AWS endpoint.");

    public static final ConfigOption<CredentialsProviderType> CREDENTIALS_PROVIDER = ConfigOptions.key(
                    "aws.credentials.provider")
            .enumType(CredentialsProviderType.class)
            .defaultValue(CredentialsProviderType.DEFAULT)
            .withDescription("'default': the AWS SDK default credentials chain (roles, environment,"
                    + " profiles). 'static': the access key id and secret access"
                    + " key below; for tests against an emulator only.");

    public static final ConfigOption<String> ACCESS_KEY_ID = ConfigOptions.key("aws.credentials.access-key-id")
            .stringType()
            .noDefaultValue()
            .withDescription("Access key id for aws.credentials.provider=static.");

    public static final ConfigOption<String> SECRET_ACCESS_KEY = ConfigOptions.key("aws.credentials.secret-access-key")
            .stringType()
            .noDefaultValue()
            .withDescription("Secret access key for aws.credentials.provider=static. Never logged.");

    public static final ConfigOption<Duration> POLLING_INTERVAL = ConfigOptions.key("source.polling.interval")
            .durationType()
            .defaultValue(Duration.ofMillis(200))
            .withDescription("Minimum time between two GetRecords calls on one shard. Kinesis allows"
                    + " 5 reads per second per shard, shared by all consumers, so"
                    + " values below 200 ms are rejected.");

    public static final ConfigOption<Integer> POLLING_MAX_RECORDS = ConfigOptions.key("source.polling.max-records")
            .intType()
            .defaultValue(10_000)
            .withDescription("Maximum records per GetRecords call, 1 to 10000 (the Kinesis limit;"
                    + " a call also returns at most 10 MiB).");

    public static final ConfigOption<Duration> SHARD_DISCOVERY_INTERVAL = ConfigOptions.key(
                    "source.shard.discovery.interval")
            .durationType()
            .defaultValue(Duration.ofSeconds(10))
            .withDescription("How often the enumerator lists the stream's shards to find new ones"
                    + " after a reshard (at least 1 s). A shard that ends also"
                    + " triggers a listing at once.");

    public static final ConfigOption<KinesisStartPosition> START_POSITION = ConfigOptions.key("source.start.position")
            .enumType(KinesisStartPosition.class)
            .defaultValue(KinesisStartPosition.TRIM_HORIZON)
            .withDescription("Where a job without a checkpoint starts: TRIM_HORIZON (oldest retained"
                    + " record), LATEST (new records only) or AT_TIMESTAMP (see"
                    + " source.start.timestamp). Positions restored from a"
                    + " checkpoint or savepoint win over this.");

    public static final ConfigOption<String> START_TIMESTAMP = ConfigOptions.key("source.start.timestamp")
            .stringType()
            .noDefaultValue()
            .withDescription("Start time for source.start.position=AT_TIMESTAMP: an ISO-8601 instant"
                    + " (2026-11-27T05:00:00Z) or epoch milliseconds.");

    public static final ConfigOption<Duration> RETRY_INITIAL_BACKOFF = ConfigOptions.key("source.retry.initial-backoff")
            .durationType()
            .defaultValue(Duration.ofMillis(300))
            .withDescription("Backoff after a throttled or failed Kinesis call; the ceiling doubles"
                    + " on each further failure and each delay is drawn between half"
                    + " the ceiling and the ceiling (jitter).");

    public static final ConfigOption<Duration> RETRY_MAX_BACKOFF = ConfigOptions.key("source.retry.max-backoff")
            .durationType()
            .defaultValue(Duration.ofSeconds(10))
            .withDescription("Upper bound of the backoff between retries.");

    public static final ConfigOption<Integer> RETRY_MAX_ATTEMPTS = ConfigOptions.key("source.retry.max-attempts")
            .intType()
            .defaultValue(10)
            .withDescription("Consecutive transient failures (network errors, 5xx) of a shard's"
                    + " reads, or of shard listings, before the job fails."
                    + " Throttling is retried without limit.");

    private KinesisSourceOptions() {}

    /** Every option, e.g. to document or to check a configuration for unknown keys. */
    public static List<ConfigOption<?>> all() {
        return List.of(
                STREAM_ARN,
                STREAM_NAME,
                AWS_REGION,
                AWS_ENDPOINT,
                CREDENTIALS_PROVIDER,
                ACCESS_KEY_ID,
                SECRET_ACCESS_KEY,
                POLLING_INTERVAL,
                POLLING_MAX_RECORDS,
                SHARD_DISCOVERY_INTERVAL,
                START_POSITION,
                START_TIMESTAMP,
                RETRY_INITIAL_BACKOFF,
                RETRY_MAX_BACKOFF,
                RETRY_MAX_ATTEMPTS);
    }

    /**
     * The entries of {@code config} whose keys start with {@code prefix}, with the prefix removed:
     * {@code subset(conf, "kinesis.control.")} turns {@code kinesis.control.stream.arn} into {@code
     * stream.arn}.
     */
    public static Configuration subset(Configuration config, String prefix) {
        Map<String, String> entries = new HashMap<>();
        config.toMap().forEach((key, value) -> {
            if (key.startsWith(prefix) && key.length() > prefix.length()) {
                entries.put(key.substring(prefix.length()), value);
            }
        });
        return Configuration.fromMap(entries);
    }
}
