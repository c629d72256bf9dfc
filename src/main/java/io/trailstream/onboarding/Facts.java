package io.trailstream.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.s3.model.NotificationConfiguration;

/**
 * What discovery found in the account, read-only, before anything is planned: who is calling, the regions,
 * the Organization, and the state of every resource the request names. Steps plan from these facts alone;
 * apply discovers again, so each run compares against what is there now.
 */
public record Facts(
        String account,
        String callerArn,
        List<String> regions,
        Organization organization,
        boolean cloudTrailTrustedAccess,
        Trail trail,
        Bucket bucket,
        Rule logsRule,
        Rule digestsRule,
        Role eventsRole,
        Role readRole,
        Key key) {

    /** The account's Organization, or null for a standalone account. */
    public record Organization(String id, String managementAccountId) {}

    /** The trail the request names (or would create); {@code exists} false when there is none of that name. */
    public record Trail(
            String name,
            boolean exists,
            String arn,
            String homeRegion,
            String bucket,
            String prefix,
            boolean multiRegion,
            boolean organizationTrail,
            boolean logFileValidation,
            boolean logging,
            boolean managementReadWrite,
            String kmsKeyId,
            Map<String, String> tags) {
        public boolean ours(String integrationId) {
            return exists && integrationId.equals(tags.get(Names.TAG_INTEGRATION));
        }
    }

    /** The bucket logs go to: its policy, encryption, public access block, notification configuration, tags. */
    public record Bucket(
            String name,
            boolean exists,
            String region,
            JsonNode policy,
            String encryption,
            String encryptionKey,
            boolean publicAccessBlocked,
            boolean lifecycle,
            NotificationConfiguration notifications,
            Map<String, String> tags) {
        public boolean ours(String integrationId) {
            return exists && integrationId.equals(tags.get(Names.TAG_INTEGRATION));
        }

        /** Whether the notification configuration says S3 sends this bucket's events to EventBridge. */
        public boolean eventBridge() {
            return notifications != null && notifications.eventBridgeConfiguration() != null;
        }
    }

    /** An EventBridge rule on the default bus, with its targets and tags. */
    public record Rule(
            String name,
            boolean exists,
            String arn,
            JsonNode pattern,
            boolean enabled,
            List<Target> targets,
            Map<String, String> tags) {
        public boolean ours(String integrationId) {
            return exists && integrationId.equals(tags.get(Names.TAG_INTEGRATION));
        }

        public Target ourTarget() {
            return targets.stream()
                    .filter(t -> Names.TARGET_ID.equals(t.id()))
                    .findFirst()
                    .orElse(null);
        }
    }

    /** An IAM role with its trust policy, its inline {@code trailstream} policy and tags. */
    public record Role(
            String name, boolean exists, String arn, JsonNode trust, JsonNode policy, Map<String, String> tags) {
        public boolean ours(String integrationId) {
            return exists && integrationId.equals(tags.get(Names.TAG_INTEGRATION));
        }
    }

    /**
     * The KMS key: the one the request names, or ours found by its alias; null when neither is asked for.
     *
     * @param ours made by apply for this integration (tagged), so teardown schedules its deletion
     */
    public record Key(String arn, boolean exists, boolean ours, boolean allowsCloudTrail) {}
}
