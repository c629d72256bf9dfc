package io.trailstream.onboarding;

import io.trailstream.aws.AwsClientSettings;
import java.util.List;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/** {@link OnboardingClients} for test code, with the settings kept for further clients. */
class OnboardingClientsView implements AutoCloseable {
    private final AwsClientSettings settings;
    private final OnboardingClients clients;

    OnboardingClientsView(AwsClientSettings settings) {
        this.settings = settings;
        this.clients = new OnboardingClients(settings, List.of());
    }

    AwsClientSettings settings() {
        return settings;
    }

    S3Client s3() {
        return clients.s3();
    }

    CloudTrailClient cloudTrail() {
        return clients.cloudTrail();
    }

    EventBridgeClient eventBridge() {
        return clients.eventBridge();
    }

    IamClient iam() {
        return clients.iam();
    }

    OrganizationsClient organizations() {
        return clients.organizations();
    }

    software.amazon.awssdk.services.kms.KmsClient kms() {
        return clients.kms();
    }

    StsClient sts() {
        return clients.sts();
    }

    @Override
    public void close() {
        clients.close();
    }
}
