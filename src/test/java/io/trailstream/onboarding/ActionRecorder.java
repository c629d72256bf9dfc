package io.trailstream.onboarding;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records the IAM action of every call the clients make (service and operation from the SDK's execution
 * attributes, named as IAM names them: S3's operations map to its own action names), for the least-privilege
 * test. Thread-safe.
 */
final class ActionRecorder implements ExecutionInterceptor {
    private static final Map<String, String> SERVICE_PREFIX = Map.of(
            "s3", "s3",
            "sts", "sts",
            "iam", "iam",
            "organizations", "organizations",
            "cloudtrail", "cloudtrail",
            "eventbridge", "events",
            "ec2", "ec2",
            "kms", "kms");

    /** S3 operations whose IAM action has another name (the rest are the operation's own name). */
    private static final Map<String, String> S3_ACTIONS = Map.ofEntries(
            Map.entry("HeadBucket", "ListBucket"),
            Map.entry("ListObjectsV2", "ListBucket"),
            Map.entry("ListBuckets", "ListAllMyBuckets"),
            Map.entry("DeleteObjects", "DeleteObject"),
            Map.entry("GetBucketEncryption", "GetEncryptionConfiguration"),
            Map.entry("PutBucketEncryption", "PutEncryptionConfiguration"),
            Map.entry("GetPublicAccessBlock", "GetBucketPublicAccessBlock"),
            Map.entry("PutPublicAccessBlock", "PutBucketPublicAccessBlock"),
            Map.entry("GetBucketLifecycleConfiguration", "GetLifecycleConfiguration"),
            Map.entry("PutBucketLifecycleConfiguration", "PutLifecycleConfiguration"),
            Map.entry("GetBucketNotificationConfiguration", "GetBucketNotification"),
            Map.entry("PutBucketNotificationConfiguration", "PutBucketNotification"));

    private final Set<String> actions = new TreeSet<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        String prefix = SERVICE_PREFIX.get(service.toLowerCase(java.util.Locale.ROOT));
        if (prefix == null) throw new IllegalStateException("no IAM prefix known for service " + service);
        String action = prefix.equals("s3") ? S3_ACTIONS.getOrDefault(operation, operation) : operation;
        synchronized (actions) {
            actions.add(prefix + ":" + action);
        }
    }

    Set<String> actions() {
        synchronized (actions) {
            return new TreeSet<>(actions);
        }
    }
}
