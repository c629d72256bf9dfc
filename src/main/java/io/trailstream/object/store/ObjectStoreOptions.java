package io.trailstream.object.store;

import io.trailstream.aws.CredentialsProviderType;
import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * The job's settings for reading objects from S3, as typed Flink options under {@code fetch.s3.}: one place that
 * names every key, its default and what it does, so the CLI, the docs and the operators agree.
 */
public final class ObjectStoreOptions {
    /**
     * Where the keys live: the S3 client the fetch reads objects with, beside {@code fetch.concurrency}. Not
     * {@code s3.}: Flink's S3 file systems ({@code flink-s3-fs-hadoop}, {@code -presto}) read every {@code s3.*} key
     * of a cluster's configuration (and pass them on to Hadoop as {@code fs.s3a.*}), so a key of ours there would
     * configure the checkpoint store too, and one of theirs ours.
     */
    public static final String PREFIX = "fetch.s3.";

    /**
     * The keys' former names: still read (Flink's deprecated keys: the new key wins when both are set), with a
     * warning naming the new key ({@code job.DeprecatedKeys}).
     */
    public static final String DEPRECATED_PREFIX = "s3.";

    public static final ConfigOption<String> REGION = ConfigOptions.key(PREFIX + "region")
            .stringType()
            .noDefaultValue()
            .withDescription("AWS region of the S3 client (e.g. us-east-1). Unset: the SDK's region chain "
                    + "(AWS_REGION, profile, instance metadata); us-east-1 when an endpoint is set. Buckets in other "
                    + "regions are still reached through S3's cross-region redirects.")
            .withDeprecatedKeys(DEPRECATED_PREFIX + "region");

    public static final ConfigOption<String> STS_ENDPOINT = ConfigOptions.key(PREFIX + "sts.endpoint")
            .stringType()
            .noDefaultValue()
            .withDescription(
                    "Endpoint of STS, where the job assumes an integration's read role (its role_arn) "
                            + "before reading its objects, e.g. an emulator. Unset: AWS's regional STS endpoint of fetch.s3.region.")
            .withDeprecatedKeys(DEPRECATED_PREFIX + "sts.endpoint");

    public static final ConfigOption<String> ENDPOINT = ConfigOptions.key(PREFIX + "endpoint")
            .stringType()
            .noDefaultValue()
            .withDescription("Endpoint override for S3-compatible stores and emulators, e.g. http://127.0.0.1:9090. "
                    + "Unset: the AWS endpoint of the region.")
            .withDeprecatedKeys(DEPRECATED_PREFIX + "endpoint");

    public static final ConfigOption<Boolean> PATH_STYLE_ACCESS = ConfigOptions.key(PREFIX + "path-style-access")
            .booleanType()
            .defaultValue(false)
            .withDescription("Address buckets as http://endpoint/bucket/key instead of http://bucket.endpoint/key. "
                    + "Needed by most emulators and S3-compatible stores.")
            .withDeprecatedKeys(DEPRECATED_PREFIX + "path-style-access");

    public static final ConfigOption<CredentialsProviderType> CREDENTIALS_PROVIDER = ConfigOptions.key(
                    PREFIX + "credentials.provider")
            .enumType(CredentialsProviderType.class)
            .defaultValue(CredentialsProviderType.DEFAULT)
            .withDescription("Where S3 credentials come from: 'default' (the AWS SDK default chain; use this in "
                    + "production), 'static' (the two keys below; tests and emulators only) or 'anonymous'.")
            .withDeprecatedKeys(DEPRECATED_PREFIX + "credentials.provider");

    public static final ConfigOption<String> ACCESS_KEY_ID = ConfigOptions.key(PREFIX + "credentials.access-key-id")
            .stringType()
            .noDefaultValue()
            .withDescription("Access key id for fetch.s3.credentials.provider=static. Tests and emulators only.")
            .withDeprecatedKeys(DEPRECATED_PREFIX + "credentials.access-key-id");

    public static final ConfigOption<String> SECRET_ACCESS_KEY = ConfigOptions.key(
                    PREFIX + "credentials.secret-access-key")
            .stringType()
            .noDefaultValue()
            .withDescription("Secret access key for fetch.s3.credentials.provider=static. Tests and emulators only; "
                    + "never logged.")
            .withDeprecatedKeys(DEPRECATED_PREFIX + "credentials.secret-access-key");

    public static final ConfigOption<Integer> MAX_CONNECTIONS = ConfigOptions.key(PREFIX + "max-connections")
            .intType()
            .defaultValue(64)
            .withDescription("Largest number of open HTTP connections of one S3 client (one per task manager slot "
                    + "that fetches objects).")
            .withDeprecatedKeys(DEPRECATED_PREFIX + "max-connections");

    public static final ConfigOption<Integer> RETRIES = ConfigOptions.key(PREFIX + "retries")
            .intType()
            .defaultValue(5)
            .withDescription(
                    "Retries of a throttled or transiently failed GetObject after the first attempt, "
                            + "with exponential backoff and jitter. 0 disables retries. Not found and access denied are never retried.")
            .withDeprecatedKeys(DEPRECATED_PREFIX + "retries");

    public static final ConfigOption<Duration> RETRY_BASE_DELAY = ConfigOptions.key(PREFIX + "retry.base-delay")
            .durationType()
            .defaultValue(Duration.ofMillis(200))
            .withDescription(
                    "Wait before the first retry; doubled for each further retry, up to fetch.s3.retry.max-delay.")
            .withDeprecatedKeys(DEPRECATED_PREFIX + "retry.base-delay");

    public static final ConfigOption<Duration> RETRY_MAX_DELAY = ConfigOptions.key(PREFIX + "retry.max-delay")
            .durationType()
            .defaultValue(Duration.ofSeconds(20))
            .withDescription("Longest wait between two attempts.")
            .withDeprecatedKeys(DEPRECATED_PREFIX + "retry.max-delay");

    private ObjectStoreOptions() {}
}
