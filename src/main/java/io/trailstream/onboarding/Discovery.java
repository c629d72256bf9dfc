package io.trailstream.onboarding;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cloudtrail.model.EventSelector;
import software.amazon.awssdk.services.cloudtrail.model.GetEventSelectorsResponse;
import software.amazon.awssdk.services.cloudtrail.model.GetTrailStatusResponse;
import software.amazon.awssdk.services.cloudtrail.model.ReadWriteType;
import software.amazon.awssdk.services.cloudtrail.model.Trail;
import software.amazon.awssdk.services.ec2.model.Region;
import software.amazon.awssdk.services.organizations.model.AwsOrganizationsNotInUseException;
import software.amazon.awssdk.services.organizations.model.Organization;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * Reads, and only reads, what the request concerns: caller identity, regions, the Organization (and whether
 * CloudTrail has trusted access to it), the trail with its status and selectors, the bucket ({@link
 * BucketDiscovery}), the rules and roles ({@link ResourceDiscovery}) and the KMS key. Every plan, apply,
 * verify and teardown starts here.
 */
public final class Discovery {
    private Discovery() {}

    public static Facts discover(OnboardingClients aws, OnboardingRequest request) {
        GetCallerIdentityResponse me = aws.sts().getCallerIdentity();
        Names names = new Names(request.integrationId(), me.account(), aws.region());
        List<String> regions = aws.ec2().describeRegions().regions().stream()
                .map(Region::regionName)
                .sorted()
                .toList();
        Facts.Organization org = organization(aws);
        boolean trusted = org != null
                && me.account().equals(org.managementAccountId())
                && aws.organizations().listAWSServiceAccessForOrganization().enabledServicePrincipals().stream()
                        .anyMatch(p -> "cloudtrail.amazonaws.com".equals(p.servicePrincipal()));
        Facts.Trail trail = trail(aws, request.trailName() != null ? request.trailName() : names.trail());
        String bucketName = request.bucketName() != null
                ? request.bucketName()
                : request.trailName() != null && trail.exists() ? trail.bucket() : names.bucket();
        ResourceDiscovery resources = new ResourceDiscovery(aws, names);
        return new Facts(
                me.account(),
                me.arn(),
                regions,
                org,
                trusted,
                trail,
                BucketDiscovery.bucket(aws, bucketName),
                resources.rule(names.logsRule()),
                resources.rule(names.digestsRule()),
                resources.role(names.eventsRole()),
                resources.role(names.readRole()),
                resources.key(request, trail));
    }

    private static Facts.Organization organization(OnboardingClients aws) {
        try {
            Organization o = aws.organizations().describeOrganization().organization();
            return new Facts.Organization(o.id(), o.masterAccountId());
        } catch (AwsOrganizationsNotInUseException standalone) {
            return null;
        }
    }

    static Facts.Trail trail(OnboardingClients aws, String name) {
        Trail t = aws.cloudTrail().describeTrails(r -> r.includeShadowTrails(true)).trailList().stream()
                .filter(x -> name.equals(x.name()) || name.equals(x.trailARN()))
                .findFirst()
                .orElse(null);
        if (t == null)
            return new Facts.Trail(
                    name, false, null, null, null, null, false, false, false, false, false, null, Map.of());
        GetTrailStatusResponse status = aws.cloudTrail().getTrailStatus(r -> r.name(t.trailARN()));
        GetEventSelectorsResponse selectors = aws.cloudTrail().getEventSelectors(r -> r.trailName(t.trailARN()));
        Map<String, String> tags =
                aws.cloudTrail().listTags(r -> r.resourceIdList(t.trailARN())).resourceTagList().stream()
                        .flatMap(rt -> rt.tagsList().stream())
                        .collect(Collectors.toMap(
                                tag -> tag.key(), tag -> tag.value() == null ? "" : tag.value(), (a, b) -> b));
        return new Facts.Trail(
                t.name(),
                true,
                t.trailARN(),
                t.homeRegion(),
                t.s3BucketName(),
                t.s3KeyPrefix(),
                Boolean.TRUE.equals(t.isMultiRegionTrail()),
                Boolean.TRUE.equals(t.isOrganizationTrail()),
                Boolean.TRUE.equals(t.logFileValidationEnabled()),
                Boolean.TRUE.equals(status.isLogging()),
                recordsManagementReadWrite(selectors),
                t.kmsKeyId(),
                tags);
    }

    /** Management events, read and write: a basic selector saying so, or an advanced one on the category alone. */
    static boolean recordsManagementReadWrite(GetEventSelectorsResponse s) {
        for (EventSelector e : s.eventSelectors()) {
            if (Boolean.TRUE.equals(e.includeManagementEvents()) && e.readWriteType() == ReadWriteType.ALL) return true;
        }
        return s.advancedEventSelectors().stream()
                .anyMatch(a -> a.fieldSelectors().size() == 1
                        && "eventCategory".equals(a.fieldSelectors().get(0).field())
                        && a.fieldSelectors().get(0).equalsValue().contains("Management"));
    }
}
