package io.trailstream.aws;

import java.util.List;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The one place AWS SDK clients are built, from {@link AwsClientSettings}: the S3 client that reads objects,
 * the Kinesis client of the source, the CloudTrail client digest verification reads keys with, and the command
 * line's publishers. Every client gets the settings'
 * region, endpoint override, credentials (as the job's own identity), HTTP client and retry choice.
 *
 * <p>Per-integration credentials plug in through {@link AwsClientSettings#credentials()}: a source that
 * assumes an integration's {@link ReadRole} gives the S3 client of that role; one client per role and
 * region is the store's to cache.
 */
public final class AwsClients {
    /** An S3 client needs a region to sign; emulators take any, so one is chosen when only an endpoint is set. */
    private static final Region EMULATOR_REGION = Region.US_EAST_1;

    private AwsClients() {}

    /**
     * A new S3 client; the caller closes it. {@code interceptors} observe every request (metrics, tests).
     * Buckets in other regions are reached through S3's cross-region redirects, unless an endpoint is set.
     */
    public static S3Client s3(AwsClientSettings settings, List<ExecutionInterceptor> interceptors) {
        var builder = S3Client.builder()
                .forcePathStyle(settings.pathStyleAccess())
                .crossRegionAccessEnabled(settings.endpoint() == null);
        configure(builder, settings, interceptors);
        if (settings.region() == null && settings.endpoint() != null) builder.region(EMULATOR_REGION);
        return builder.build();
    }

    /** A new Kinesis client; the caller closes it. */
    public static KinesisClient kinesis(AwsClientSettings settings) {
        var builder = KinesisClient.builder();
        configure(builder, settings, List.of());
        return builder.build();
    }

    /** A new CloudTrail client (digest verification reads the public keys with it); the caller closes it. */
    public static CloudTrailClient cloudTrail(AwsClientSettings settings) {
        var builder = CloudTrailClient.builder();
        configure(builder, settings, List.of());
        return builder.build();
    }

    private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> void configure(
            B builder, AwsClientSettings settings, List<ExecutionInterceptor> interceptors) {
        ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder();
        if (!settings.sdkRetries()) override.retryStrategy(AwsRetryStrategy.doNotRetry());
        if (settings.apiCallTimeout() != null) override.apiCallTimeout(settings.apiCallTimeout());
        interceptors.forEach(override::addExecutionInterceptor);
        builder.httpClientBuilder(httpClient(settings))
                .credentialsProvider(settings.credentials().credentials(null))
                .overrideConfiguration(override.build());
        if (settings.region() != null) builder.region(Region.of(settings.region()));
        if (settings.endpoint() != null) builder.endpointOverride(settings.endpoint());
    }

    /** A builder, not a client: the service client then owns the HTTP client and closes it with itself. */
    private static SdkHttpClient.Builder<?> httpClient(AwsClientSettings settings) {
        switch (settings.httpClient()) {
            case APACHE: {
                ApacheHttpClient.Builder b = ApacheHttpClient.builder();
                if (settings.maxConnections() > 0) b.maxConnections(settings.maxConnections());
                if (settings.connectionTimeout() != null) b.connectionTimeout(settings.connectionTimeout());
                if (settings.socketTimeout() != null) b.socketTimeout(settings.socketTimeout());
                return b;
            }
            case URL_CONNECTION:
            default: {
                UrlConnectionHttpClient.Builder b = UrlConnectionHttpClient.builder();
                if (settings.connectionTimeout() != null) b.connectionTimeout(settings.connectionTimeout());
                if (settings.socketTimeout() != null) b.socketTimeout(settings.socketTimeout());
                return b;
            }
        }
    }
}
