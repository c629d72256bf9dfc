package io.trailstream.aws;

import io.trailstream.object.store.RetryPolicy;
import io.trailstream.object.store.S3ObjectStore;
import io.trailstream.object.store.S3Settings;
import java.net.URI;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds the S3 client of a task from {@link S3Settings}: Apache HTTP client with the configured pool,
 * the chosen credentials, and the SDK's own retries switched off, because {@link S3ObjectStore} retries
 * with its {@link RetryPolicy} (retries would otherwise multiply).
 */
public final class AwsClients {
    private static final Region EMULATOR_REGION = Region.US_EAST_1;

    private AwsClients() {}

    /** A new client; the caller closes it. {@code interceptors} observe every request (metrics, tests). */
    public static S3Client build(S3Settings settings, List<ExecutionInterceptor> interceptors) {
        ClientOverrideConfiguration.Builder override =
                ClientOverrideConfiguration.builder().retryStrategy(AwsRetryStrategy.doNotRetry());
        interceptors.forEach(override::addExecutionInterceptor);

        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(settings.maxConnections()))
                .credentialsProvider(credentials(settings))
                .forcePathStyle(settings.pathStyleAccess())
                .crossRegionAccessEnabled(settings.endpoint() == null)
                .overrideConfiguration(override.build());
        if (settings.region() != null) {
            builder.region(Region.of(settings.region()));
        } else if (settings.endpoint() != null) {
            builder.region(EMULATOR_REGION);
        }
        if (settings.endpoint() != null) {
            builder.endpointOverride(URI.create(settings.endpoint()));
        }
        return builder.build();
    }

    static AwsCredentialsProvider credentials(S3Settings settings) {
        switch (settings.credentialsProvider()) {
            case STATIC:
                return StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey()));
            case ANONYMOUS:
                return AnonymousCredentialsProvider.create();
            case DEFAULT:
            default:
                return DefaultCredentialsProvider.builder().build();
        }
    }
}
