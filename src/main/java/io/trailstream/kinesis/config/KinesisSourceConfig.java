package io.trailstream.kinesis.config;

import static io.trailstream.kinesis.config.ConfigChecks.*;
import static io.trailstream.kinesis.config.KinesisSourceOptions.*;

import io.trailstream.aws.AwsClientSettings;
import io.trailstream.aws.CredentialsProviderType;
import io.trailstream.aws.JobCredentials;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.util.TimeUtils;

/**
 * The validated, immutable settings of one source, built from {@link KinesisSourceOptions} when the
 * job is built, so a bad value fails there (naming the key and the value) rather than on a
 * TaskManager. It travels with the source to the cluster; {@link #toString()} never shows
 * credentials.
 */
public final class KinesisSourceConfig implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Kinesis allows five GetRecords calls per second per shard. */
    public static final Duration MIN_POLLING_INTERVAL = Duration.ofMillis(200);

    public static final int MAX_RECORDS_LIMIT = 10_000;
    public static final Duration MIN_DISCOVERY_INTERVAL = Duration.ofSeconds(1);

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private static final Pattern ARN =
            Pattern.compile("arn:aws[a-z-]*:kinesis:([a-z0-9-]+):(\\d{12}):stream/([A-Za-z0-9_.-]{1,128})");
    private static final Pattern STREAM_NAME_PATTERN = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");

    private final String streamArn;
    private final String streamName;
    private final String region;
    private final URI endpoint;
    private final CredentialsProviderType credentialsProvider;
    private final String accessKeyId;
    private final String secretAccessKey;
    private final Duration pollingInterval;
    private final int maxRecordsPerCall;
    private final Duration discoveryInterval;
    private final KinesisStartPosition startPosition;
    private final Instant startTimestamp;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final int maxAttempts;

    private KinesisSourceConfig(Configuration conf) {
        String arn = trimToNull(get(conf, STREAM_ARN));
        String name = trimToNull(get(conf, STREAM_NAME));
        String arnRegion = null;
        if (arn != null) {
            Matcher m = ARN.matcher(arn);
            check(m.matches(), STREAM_ARN, arn, "expected arn:aws:kinesis:<region>:<12-digit account>:stream/<name>");
            arnRegion = m.group(1);
            check(
                    name == null || name.equals(m.group(3)),
                    STREAM_NAME,
                    name,
                    "does not match the stream of '" + STREAM_ARN.key() + "' (" + m.group(3) + ")");
            name = m.group(3);
        } else {
            check(name != null, STREAM_NAME, null, "set " + STREAM_ARN.key() + " or " + STREAM_NAME.key());
            check(
                    STREAM_NAME_PATTERN.matcher(name).matches(),
                    STREAM_NAME,
                    name,
                    "1 to 128 characters of a-z, A-Z, 0-9, '_', '.', '-'");
        }
        this.streamArn = arn;
        this.streamName = name;

        String reg = trimToNull(get(conf, AWS_REGION));
        if (reg != null) {
            check(REGION.matcher(reg).matches(), AWS_REGION, reg, "expected a region such as eu-west-1");
            check(
                    arnRegion == null || arnRegion.equals(reg),
                    AWS_REGION,
                    reg,
                    "differs from the region in '" + STREAM_ARN.key() + "' (" + arnRegion + ")");
        }
        this.region = reg != null ? reg : arnRegion;

        String ep = trimToNull(get(conf, AWS_ENDPOINT));
        this.endpoint = ep == null ? null : parseEndpoint(ep);

        this.credentialsProvider = get(conf, CREDENTIALS_PROVIDER);
        this.accessKeyId = trimToNull(get(conf, ACCESS_KEY_ID));
        this.secretAccessKey = trimToNull(get(conf, SECRET_ACCESS_KEY));
        check(
                credentialsProvider != CredentialsProviderType.ANONYMOUS,
                CREDENTIALS_PROVIDER,
                credentialsProvider.name().toLowerCase(java.util.Locale.ROOT),
                "Kinesis needs signed requests: use 'default' or 'static'");
        if (credentialsProvider == CredentialsProviderType.STATIC) {
            // Values stay out of messages: they are credentials.
            checkSet(accessKeyId != null, ACCESS_KEY_ID);
            checkSet(secretAccessKey != null, SECRET_ACCESS_KEY);
        } else if (accessKeyId != null || secretAccessKey != null) {
            throw new IllegalArgumentException("Kinesis source: static keys are set but '" + CREDENTIALS_PROVIDER.key()
                    + "' is 'default'; set it to 'static' (tests only) or remove the keys");
        }

        this.pollingInterval = get(conf, POLLING_INTERVAL);
        check(
                pollingInterval.compareTo(MIN_POLLING_INTERVAL) >= 0,
                POLLING_INTERVAL,
                pollingInterval,
                "must be at least 200 ms (Kinesis allows 5 reads per second per shard)");
        this.maxRecordsPerCall = get(conf, POLLING_MAX_RECORDS);
        check(
                maxRecordsPerCall >= 1 && maxRecordsPerCall <= MAX_RECORDS_LIMIT,
                POLLING_MAX_RECORDS,
                maxRecordsPerCall,
                "must be between 1 and 10000");
        this.discoveryInterval = get(conf, SHARD_DISCOVERY_INTERVAL);
        check(
                discoveryInterval.compareTo(MIN_DISCOVERY_INTERVAL) >= 0,
                SHARD_DISCOVERY_INTERVAL,
                discoveryInterval,
                "must be at least 1 s");

        this.startPosition = get(conf, START_POSITION);
        String ts = trimToNull(get(conf, START_TIMESTAMP));
        if (startPosition == KinesisStartPosition.AT_TIMESTAMP) {
            check(ts != null, START_TIMESTAMP, null, "required when '" + START_POSITION.key() + "' is AT_TIMESTAMP");
            this.startTimestamp = parseTimestamp(ts);
        } else {
            check(
                    ts == null,
                    START_TIMESTAMP,
                    ts,
                    "only applies when '" + START_POSITION.key() + "' is AT_TIMESTAMP, but it is " + startPosition);
            this.startTimestamp = null;
        }

        this.initialBackoff = get(conf, RETRY_INITIAL_BACKOFF);
        check(
                !initialBackoff.isNegative() && !initialBackoff.isZero(),
                RETRY_INITIAL_BACKOFF,
                initialBackoff,
                "must be positive");
        this.maxBackoff = get(conf, RETRY_MAX_BACKOFF);
        check(
                maxBackoff.compareTo(initialBackoff) >= 0,
                RETRY_MAX_BACKOFF,
                maxBackoff,
                "must be at least '" + RETRY_INITIAL_BACKOFF.key() + "' ("
                        + TimeUtils.formatWithHighestUnit(initialBackoff) + ")");
        this.maxAttempts = get(conf, RETRY_MAX_ATTEMPTS);
        check(maxAttempts >= 1, RETRY_MAX_ATTEMPTS, maxAttempts, "must be at least 1");
    }

    /**
     * Validates {@code conf} (keys of {@link KinesisSourceOptions}).
     *
     * @throws IllegalArgumentException naming the key and the bad value
     */
    public static KinesisSourceConfig from(Configuration conf) {
        return new KinesisSourceConfig(conf);
    }

    /** ARN if configured, else null: then requests name the stream by {@link #streamName()}. */
    public String streamArn() {
        return streamArn;
    }

    public String streamName() {
        return streamName;
    }

    /** The ARN or, without one, the name: how logs and metrics identify the stream. */
    public String streamId() {
        return streamArn != null ? streamArn : streamName;
    }

    public Optional<String> region() {
        return Optional.ofNullable(region);
    }

    public Optional<URI> endpoint() {
        return Optional.ofNullable(endpoint);
    }

    public CredentialsProviderType credentialsProvider() {
        return credentialsProvider;
    }

    String accessKeyId() {
        return accessKeyId;
    }

    /**
     * The settings of the synchronous {@code KinesisClient} the enumerator and the readers use. The HTTP client
     * is the JDK's URLConnection one: it needs no further libraries, speaks plain http to emulators as well as
     * https, and suits a poller's few requests per second (the Apache 4 client is deprecated in this SDK). The
     * SDK's own retries are off: the source retries with its own {@code Backoff}, which knows the Kinesis
     * limits and counts retries in its metrics.
     */
    public AwsClientSettings clientSettings() {
        return AwsClientSettings.builder()
                .region(region)
                .endpoint(endpoint)
                .credentials(JobCredentials.of(credentialsProvider, accessKeyId, secretAccessKey))
                .httpClient(AwsClientSettings.HttpClient.URL_CONNECTION)
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(SOCKET_TIMEOUT)
                .apiCallTimeout(CALL_TIMEOUT)
                .sdkRetries(false)
                .build();
    }

    public Duration pollingInterval() {
        return pollingInterval;
    }

    public int maxRecordsPerCall() {
        return maxRecordsPerCall;
    }

    public Duration discoveryInterval() {
        return discoveryInterval;
    }

    public KinesisStartPosition startPosition() {
        return startPosition;
    }

    /** Set exactly when {@link #startPosition()} is AT_TIMESTAMP. */
    public Instant startTimestamp() {
        return startTimestamp;
    }

    public Duration initialBackoff() {
        return initialBackoff;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    @Override
    public String toString() {
        return "KinesisSourceConfig{stream=" + streamId()
                + ", region=" + (region == null ? "<sdk default>" : region)
                + ", endpoint=" + (endpoint == null ? "<aws>" : endpoint)
                + ", credentials=" + credentialsProvider.name().toLowerCase()
                + ", pollingInterval=" + pollingInterval
                + ", maxRecordsPerCall=" + maxRecordsPerCall
                + ", discoveryInterval=" + discoveryInterval
                + ", startPosition=" + startPosition
                + (startTimestamp == null ? "" : " " + startTimestamp)
                + ", backoff=" + initialBackoff + ".." + maxBackoff
                + ", maxAttempts=" + maxAttempts + '}';
    }
}
