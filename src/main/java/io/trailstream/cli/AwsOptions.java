package io.trailstream.cli;

import io.trailstream.aws.AwsClientSettings;
import io.trailstream.aws.JobCredentials;
import io.trailstream.aws.ProfileCredentials;
import io.trailstream.onboarding.OnboardingRequest;
import java.net.URI;
import java.util.List;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * The options of every {@code trailstream aws} command: where to call AWS ({@code --region}, {@code --profile},
 * {@code --endpoint-url}, applied to every client as the AWS CLI does) and what to connect (the request).
 */
public class AwsOptions {
    @Option(names = "--integration", required = true, paramLabel = "ID", description = "The integration id.")
    String integration;

    @Option(names = "--tenant", paramLabel = "TENANT_ID", description = "The tenant it belongs to.")
    String tenant;

    @Option(names = "--organization", description = "An Organization trail, from the management account.")
    boolean organization;

    @Option(
            names = "--accounts",
            split = ",",
            paramLabel = "ACCOUNT",
            description = "Organization: collect only these.")
    List<String> accounts;

    @Option(names = "--trail", paramLabel = "NAME", description = "Reuse this existing trail (never changed).")
    String trail;

    @Option(names = "--bucket", paramLabel = "NAME", description = "Reuse this bucket (or create it by this name).")
    String bucket;

    @Option(names = "--prefix", paramLabel = "PREFIX", description = "Key prefix of a new trail.")
    String prefix;

    @Option(names = "--kms-key", paramLabel = "ARN", description = "Encrypt with this existing KMS key.")
    String kmsKey;

    @Option(names = "--kms", paramLabel = "create", description = "'create': make a KMS key for the trail.")
    String kms;

    @Option(names = "--retention-days", paramLabel = "DAYS", description = "New bucket: expire logs after DAYS.")
    Integer retentionDays;

    @Option(names = "--notifications-stream", paramLabel = "ARN", description = "The job's notification stream.")
    String notificationsStream;

    @Option(names = "--lake-account", paramLabel = "ID", description = "The account that assumes the read role.")
    String lakeAccount;

    @Option(names = "--external-id", paramLabel = "ID", description = "External id the read role's trust asks for.")
    String externalId;

    @Option(
            names = "--lake-principal",
            paramLabel = "ARN",
            description = "Trust only this role (the job's) of the lake account, not the whole account.")
    String lakePrincipal;

    @Option(
            names = "--region",
            paramLabel = "REGION",
            description = "AWS region (default: the profile's, $AWS_REGION).")
    String region;

    @Option(names = "--profile", paramLabel = "NAME", description = "Credentials and region of this AWS CLI profile.")
    String profile;

    @Option(names = "--endpoint-url", paramLabel = "URL", description = "Call this endpoint for every service.")
    URI endpointUrl;

    /** @throws IllegalArgumentException naming the option at fault */
    OnboardingRequest request() {
        if (kms != null && !"create".equals(kms)) throw new IllegalArgumentException("--kms: only 'create' is known");
        return new OnboardingRequest(
                integration,
                tenant,
                organization,
                accounts,
                trail,
                bucket,
                prefix,
                kmsKey,
                kms != null,
                notificationsStream,
                lakeAccount,
                externalId,
                retentionDays,
                lakePrincipal);
    }

    /** The client settings: region from --region, the profile, or the SDK's chain; credentials of the profile. */
    AwsClientSettings settings() {
        String r = region;
        if (r == null && profile != null) {
            try {
                r = new AwsProfileRegionProvider(null, profile).getRegion().id();
            } catch (SdkClientException none) {
                r = null;
            }
        }
        if (r == null) {
            try {
                r = new DefaultAwsRegionProviderChain().getRegion().id();
            } catch (SdkClientException none) {
                throw new IllegalArgumentException("no AWS region: give --region REGION (or set AWS_REGION)");
            }
        }
        if (endpointUrl != null && (endpointUrl.getHost() == null || endpointUrl.getScheme() == null)) {
            throw new IllegalArgumentException("--endpoint-url: '" + endpointUrl + "' is not an http(s) URL");
        }
        return AwsClientSettings.builder()
                .region(r)
                .endpoint(endpointUrl)
                .pathStyleAccess(endpointUrl != null)
                .credentials(profile == null ? JobCredentials.defaultChain() : new ProfileCredentials(profile))
                .build();
    }
}
