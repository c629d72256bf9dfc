package io.trailstream.onboarding;

import io.trailstream.aws.AwsClientSettings;
import io.trailstream.aws.AwsClients;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The AWS clients one onboarding command uses, all from the same {@link AwsClientSettings} (region, profile,
 * endpoint, as the AWS CLI applies them to every call) and observed by the same interceptors (the least-privilege
 * test records every action through them). Each is built through {@link AwsClients} on first use; closing
 * closes those made.
 */
public final class OnboardingClients implements AutoCloseable {
    private final AwsClientSettings settings;
    private final List<ExecutionInterceptor> interceptors;
    private final List<SdkClient> made = new ArrayList<>();
    private S3Client s3;
    private StsClient sts;
    private IamClient iam;
    private OrganizationsClient organizations;
    private CloudTrailClient cloudTrail;
    private EventBridgeClient eventBridge;
    private Ec2Client ec2;
    private KmsClient kms;

    public OnboardingClients(AwsClientSettings settings, List<ExecutionInterceptor> interceptors) {
        if (settings.region() == null) throw new IllegalArgumentException("onboarding needs a region: give --region");
        this.settings = settings;
        List<ExecutionInterceptor> all = new ArrayList<>(interceptors);
        all.add(new LastCall());
        this.interceptors = List.copyOf(all);
    }

    /** The region every regional call goes to (the trail's home region, the rules', the bucket's). */
    public String region() {
        return settings.region();
    }

    public synchronized S3Client s3() {
        return s3 != null ? s3 : (s3 = keep(() -> AwsClients.s3(settings, interceptors)));
    }

    public synchronized StsClient sts() {
        return sts != null ? sts : (sts = keep(() -> AwsClients.sts(settings, interceptors)));
    }

    public synchronized IamClient iam() {
        return iam != null ? iam : (iam = keep(() -> AwsClients.iam(settings, interceptors)));
    }

    public synchronized OrganizationsClient organizations() {
        return organizations != null
                ? organizations
                : (organizations = keep(() -> AwsClients.organizations(settings, interceptors)));
    }

    public synchronized CloudTrailClient cloudTrail() {
        return cloudTrail != null
                ? cloudTrail
                : (cloudTrail = keep(() -> AwsClients.cloudTrail(settings, interceptors)));
    }

    public synchronized EventBridgeClient eventBridge() {
        return eventBridge != null
                ? eventBridge
                : (eventBridge = keep(() -> AwsClients.eventBridge(settings, interceptors)));
    }

    public synchronized Ec2Client ec2() {
        return ec2 != null ? ec2 : (ec2 = keep(() -> AwsClients.ec2(settings, interceptors)));
    }

    public synchronized KmsClient kms() {
        return kms != null ? kms : (kms = keep(() -> AwsClients.kms(settings, interceptors)));
    }

    private <C extends SdkClient> C keep(Supplier<C> factory) {
        C client = factory.get();
        made.add(client);
        return client;
    }

    @Override
    public synchronized void close() {
        made.forEach(SdkClient::close);
        made.clear();
    }
}
