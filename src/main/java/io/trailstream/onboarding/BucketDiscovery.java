package io.trailstream.onboarding;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NotificationConfiguration;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionByDefault;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * Reads a bucket's state for planning: whether it exists, its region, policy, default encryption, public access
 * block, lifecycle, notification configuration and tags. A configuration the bucket does not have (no policy,
 * no tags) reads as absent, not as an error.
 */
final class BucketDiscovery {
    private BucketDiscovery() {}

    static Facts.Bucket bucket(OnboardingClients aws, String name) {
        S3Client s3 = aws.s3();
        // GetBucketLocation, not HeadBucket, tells whether it exists: its permission is the one a reader needs
        // anyway, and moto asks for a "s3:HeadBucket" action that IAM does not have.
        String location;
        try {
            location = s3.getBucketLocation(r -> r.bucket(name)).locationConstraintAsString();
        } catch (NoSuchBucketException missing) {
            return absent(name);
        } catch (AwsServiceException e) {
            if (e.statusCode() == 404) return absent(name);
            throw e;
        }
        String region = location == null || location.isEmpty() || "null".equals(location) ? "us-east-1" : location;
        String policy = absentIf(() -> s3.getBucketPolicy(r -> r.bucket(name)).policy(), "NoSuchBucketPolicy");
        ServerSideEncryptionByDefault sse = absentIf(
                () -> s3.getBucketEncryption(r -> r.bucket(name))
                        .serverSideEncryptionConfiguration()
                        .rules()
                        .get(0)
                        .applyServerSideEncryptionByDefault(),
                "ServerSideEncryptionConfigurationNotFoundError");
        PublicAccessBlockConfiguration block = absentIf(
                () -> s3.getPublicAccessBlock(r -> r.bucket(name)).publicAccessBlockConfiguration(),
                "NoSuchPublicAccessBlockConfiguration");
        Boolean lifecycle = absentIf(
                () -> s3.getBucketLifecycleConfiguration(r -> r.bucket(name)).rules().stream()
                        .anyMatch(rule -> rule.id() != null && rule.id().startsWith("trailstream-")),
                "NoSuchLifecycleConfiguration");
        NotificationConfiguration notifications = toConfiguration(s3, name);
        Map<String, String> tags = new HashMap<>();
        var tagSet = absentIf(() -> s3.getBucketTagging(r -> r.bucket(name)).tagSet(), "NoSuchTagSet");
        if (tagSet != null) for (Tag t : tagSet) tags.put(t.key(), t.value());
        return new Facts.Bucket(
                name,
                true,
                region,
                policy == null ? null : PolicyJson.parse(policy),
                sse == null ? null : sse.sseAlgorithmAsString(),
                sse == null ? null : sse.kmsMasterKeyID(),
                block != null
                        && Boolean.TRUE.equals(block.blockPublicAcls())
                        && Boolean.TRUE.equals(block.ignorePublicAcls())
                        && Boolean.TRUE.equals(block.blockPublicPolicy())
                        && Boolean.TRUE.equals(block.restrictPublicBuckets()),
                Boolean.TRUE.equals(lifecycle),
                notifications,
                tags);
    }

    /** The configuration as a value to write back: what GetBucketNotificationConfiguration returns. */
    private static NotificationConfiguration toConfiguration(S3Client s3, String name) {
        var r = s3.getBucketNotificationConfiguration(b -> b.bucket(name));
        return NotificationConfiguration.builder()
                .topicConfigurations(r.topicConfigurations())
                .queueConfigurations(r.queueConfigurations())
                .lambdaFunctionConfigurations(r.lambdaFunctionConfigurations())
                .eventBridgeConfiguration(r.eventBridgeConfiguration())
                .build();
    }

    private static Facts.Bucket absent(String name) {
        return new Facts.Bucket(name, false, null, null, null, null, false, false, null, Map.of());
    }

    private static <T> T absentIf(java.util.function.Supplier<T> call, String errorCode) {
        try {
            return call.get();
        } catch (AwsServiceException e) {
            if (e.awsErrorDetails() != null
                    && errorCode.equals(e.awsErrorDetails().errorCode())) return null;
            throw e;
        }
    }
}
