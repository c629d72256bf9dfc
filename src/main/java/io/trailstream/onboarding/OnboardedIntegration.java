package io.trailstream.onboarding;

import java.util.List;

/**
 * What the job must know of a connected environment, published as {@code upsert_integration} after apply:
 * where the logs are, the Organization and include-list, and the role (with its external id) the job reads as.
 */
public record OnboardedIntegration(
        String integrationId,
        String tenantId,
        String bucket,
        String prefix,
        String organizationId,
        List<String> accounts,
        String roleArn,
        String externalId) {}
