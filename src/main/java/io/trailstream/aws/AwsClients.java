package io.trailstream.aws;

import java.util.List;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The one place AWS SDK clients are built, from {@link AwsClientSettings}: the S3 client that reads objects,
 * the Kinesis client of the source, the STS client that assumes integrations' read roles, the command line's
 * publishers, the CloudTrail client digest verification reads public keys with, and the control-plane clients
 * of onboarding (IAM, Organizations, CloudTrail, EventBridge, EC2, KMS). Every client gets the settings' region, endpoint override, credentials (as the job's own identity),
 * HTTP client and retry choice, as the AWS CLI applies {@code --region}, {@code --profile} and
 * {@code --endpoint-url} to every call.
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
        return kinesis(settings, List.of());
    }

    /** A new Kinesis client observed by {@code interceptors}; the caller closes it. */
    public static KinesisClient kinesis(AwsClientSettings settings, List<ExecutionInterceptor> interceptors) {
        return build(KinesisClient.builder(), settings, interceptors);
    }

    /** A new STS client (regional endpoint of the settings' region); the caller closes it. */
    public static StsClient sts(AwsClientSettings settings, List<ExecutionInterceptor> interceptors) {
        return build(StsClient.builder(), settings, interceptors);
    }

    /** A new IAM client: IAM is global, so it signs for {@code aws-global} unless an endpoint is set. */
    public static IamClient iam(AwsClientSettings settings, List<ExecutionInterceptor> interceptors) {
        return build(IamClient.builder(), global(settings), interceptors);
    }

    /** A new Organizations client: global, like IAM. */
    public static OrganizationsClient organizations(
            AwsClientSettings settings, List<ExecutionInterceptor> interceptors) {
        return build(OrganizationsClient.builder(), global(settings), interceptors);
    }

    /** A new CloudTrail client (digest verification reads the public keys with it); the caller closes it. */
    public static CloudTrailClient cloudTrail(AwsClientSettings settings) {
        return cloudTrail(settings, List.of());
    }

    public static CloudTrailClient cloudTrail(AwsClientSettings settings, List<ExecutionInterceptor> interceptors) {
        return build(CloudTrailClient.builder(), settings, interceptors);
    }

    public static EventBridgeClient eventBridge(AwsClientSettings settings, List<ExecutionInterceptor> interceptors) {
        return build(EventBridgeClient.builder(), settings, interceptors);
    }

    public static Ec2Client ec2(AwsClientSettings settings, List<ExecutionInterceptor> interceptors) {
        return build(Ec2Client.builder(), settings, interceptors);
    }

    public static KmsClient kms(AwsClientSettings settings, List<ExecutionInterceptor> interceptors) {
        return build(KmsClient.builder(), settings, interceptors);
    }

    /**
     * A new client of any service from its SDK builder, configured like every other; the caller closes it (tests
     * use it for services trailstream itself does not call, such as SQS).
     */
    public static <C extends SdkClient, B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>> C build(
            B builder, AwsClientSettings settings, List<ExecutionInterceptor> interceptors) {
        configure(builder, settings, interceptors);
        if (settings.region() == null && settings.endpoint() != null) builder.region(EMULATOR_REGION);
        return builder.build();
    }

    private static AwsClientSettings global(AwsClientSettings settings) {
        return settings.endpoint() == null
                ? settings.toBuilder().region(Region.AWS_GLOBAL.id()).build()
                : settings;
    }

    private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> void configure(
            B builder, AwsClientSettings settings, List<ExecutionInterceptor> interceptors) {
        ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder();
        if (!settings.sdkRetries()) override.retryStrategy(AwsRetryStrategy.doNotRetry());
        if (settings.apiCallTimeout() != null) override.apiCallTimeout(settings.apiCallTimeout());
        interceptors.forEach(override::addExecutionInterceptor);
        builder.httpClientBuilder(httpClient(settings))
                .credentialsProvider(settings.credentials().credentials(settings.role()))
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
