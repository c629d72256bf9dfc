package io.trailstream.object.store;

import io.trailstream.aws.CredentialsProviderType;
import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * The job's settings for reading objects from S3, as typed Flink options: one place that names every
 * key, its default and what it does, so the CLI, the docs and the operators agree.
 */
public final class ObjectStoreOptions {

    public static final ConfigOption<String> REGION = ConfigOptions.key("s3.region")
            .stringType()
            .noDefaultValue()
            .withDescription("AWS region of the S3 client (e.g. us-east-1). Unset: the SDK's region chain "
                    + "(AWS_REGION, profile, instance metadata); us-east-1 when an endpoint is set. Buckets in other "
                    + "regions are still reached through S3's cross-region redirects.");

    public static final ConfigOption<String> STS_ENDPOINT = ConfigOptions.key("s3.sts.endpoint")
            .stringType()
            .noDefaultValue()
            .withDescription("Endpoint of STS, where the job assumes an integration's read role (its role_arn) "
                    + "before reading its objects, e.g. an emulator. Unset: AWS's regional STS endpoint of s3.region.");

    public static final ConfigOption<String> ENDPOINT = ConfigOptions.key("s3.endpoint")
            .stringType()
            .noDefaultValue()
            .withDescription("Endpoint override for S3-compatible stores and emulators, e.g. http://127.0.0.1:9090. "
                    + "Unset: the AWS endpoint of the region.");

    public static final ConfigOption<Boolean> PATH_STYLE_ACCESS = ConfigOptions.key("s3.path-style-access")
            .booleanType()
            .defaultValue(false)
            .withDescription("Address buckets as http://endpoint/bucket/key instead of http://bucket.endpoint/key. "
                    + "Needed by most emulators and S3-compatible stores.");

    public static final ConfigOption<CredentialsProviderType> CREDENTIALS_PROVIDER = ConfigOptions.key(
                    "s3.credentials.provider")
            .enumType(CredentialsProviderType.class)
            .defaultValue(CredentialsProviderType.DEFAULT)
            .withDescription("Where S3 credentials come from: 'default' (the AWS SDK default chain; use this in "
                    + "production), 'static' (the two keys below; tests and emulators only) or 'anonymous'.");

    public static final ConfigOption<String> ACCESS_KEY_ID = ConfigOptions.key("s3.credentials.access-key-id")
            .stringType()
            .noDefaultValue()
            .withDescription("Access key id for s3.credentials.provider=static. Tests and emulators only.");

    public static final ConfigOption<String> SECRET_ACCESS_KEY = ConfigOptions.key("s3.credentials.secret-access-key")
            .stringType()
            .noDefaultValue()
            .withDescription("Secret access key for s3.credentials.provider=static. Tests and emulators only; "
                    + "never logged.");

    public static final ConfigOption<Integer> MAX_CONNECTIONS = ConfigOptions.key("s3.max-connections")
            .intType()
            .defaultValue(64)
            .withDescription("Largest number of open HTTP connections of one S3 client (one per task manager slot "
                    + "that fetches objects).");

    public static final ConfigOption<Integer> RETRIES = ConfigOptions.key("s3.retries")
            .intType()
            .defaultValue(5)
            .withDescription(
                    "Retries of a throttled or transiently failed GetObject after the first attempt, "
                            + "with exponential backoff and jitter. 0 disables retries. Not found and access denied are never retried.");

    public static final ConfigOption<Duration> RETRY_BASE_DELAY = ConfigOptions.key("s3.retry.base-delay")
            .durationType()
            .defaultValue(Duration.ofMillis(200))
            .withDescription("Wait before the first retry; doubled for each further retry, up to s3.retry.max-delay.");

    public static final ConfigOption<Duration> RETRY_MAX_DELAY = ConfigOptions.key("s3.retry.max-delay")
            .durationType()
            .defaultValue(Duration.ofSeconds(20))
            .withDescription("Longest wait between two attempts.");

    private ObjectStoreOptions() {}
}
