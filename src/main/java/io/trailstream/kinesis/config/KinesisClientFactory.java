package io.trailstream.kinesis.config;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;

/**
 * Builds the synchronous AWS SDK v2 {@link KinesisClient} the enumerator and the readers use.
 *
 * <p>The HTTP client is chosen explicitly, because the job's class path carries several SDK HTTP
 * clients and the SDK refuses to guess: the JDK's URLConnection one, which needs no further
 * libraries, speaks plain http to emulators as well as https, and suits a poller's few requests
 * per second (the Apache 4 client is deprecated in this SDK). The SDK's own retries are off: the
 * source retries with its own backoff, which knows the Kinesis limits and counts retries in its
 * metrics.
 */
public final class KinesisClientFactory {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private KinesisClientFactory() {}

    /** A new client; the caller closes it. */
    public static KinesisClient create(KinesisSourceConfig config) {
        KinesisClientBuilder builder = KinesisClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(SOCKET_TIMEOUT))
                .credentialsProvider(credentials(config))
                .overrideConfiguration(
                        o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(CALL_TIMEOUT));
        config.region().ifPresent(r -> builder.region(Region.of(r)));
        config.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(KinesisSourceConfig config) {
        switch (config.credentialsProvider()) {
            case STATIC:
                return StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(config.accessKeyId(), config.secretAccessKey()));
            case DEFAULT:
            default:
                return DefaultCredentialsProvider.builder().build();
        }
    }
}
