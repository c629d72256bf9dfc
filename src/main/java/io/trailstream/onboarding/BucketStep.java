package io.trailstream.onboarding;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * The bucket logs go to. A new one (tagged) gets public access blocked, default encryption (SSE-S3, or SSE-KMS
 * with the trail's key), a lifecycle rule for {@code AWSLogs/} and tags; a reused one is left as it is (only
 * our policy statements and the EventBridge flag are added, by the steps after). Deleted by teardown only with
 * {@code --delete-bucket}, and only when it is ours.
 */
final class BucketStep implements Step {
    @Override
    public String name() {
        return "bucket";
    }

    @Override
    public PlannedStep plan(StepContext c) {
        Facts.Bucket b = c.facts().bucket();
        String arn = "arn:aws:s3:::" + b.name();
        String id = c.request().integrationId();
        if (!b.exists()) {
            return planned(
                    StepAction.CREATE,
                    arn,
                    "new bucket: public access blocked, " + (c.usesKms() ? "SSE-KMS" : "SSE-S3")
                            + ", lifecycle for AWSLogs/, tags");
        }
        if (!c.region().equals(b.region())) {
            return planned(
                    StepAction.CONFLICT,
                    arn,
                    "the bucket is in " + b.region() + ", not " + c.region() + ": run with --region " + b.region()
                            + " (its rule must be on that region's default bus)");
        }
        if (!b.ours(id)) {
            if (c.request().bucketName() != null || c.reusesTrail()) {
                return planned(
                        StepAction.NONE, arn, "reused: only our policy statements and EventBridge flag are" + " added");
            }
            return planned(
                    StepAction.CONFLICT,
                    arn,
                    "a bucket of that name exists and is not this integration's:" + " pass --bucket " + b.name()
                            + " to reuse it");
        }
        List<String> missing = missing(c, b);
        return missing.isEmpty()
                ? planned(StepAction.NONE, arn, "this integration's bucket")
                : planned(StepAction.UPDATE, arn, "set " + String.join(", ", missing));
    }

    private static List<String> missing(StepContext c, Facts.Bucket b) {
        List<String> missing = new ArrayList<>();
        if (!b.publicAccessBlocked()) missing.add("public access block");
        String expected = c.usesKms() ? "aws:kms" : "AES256";
        if (!expected.equals(b.encryption())) missing.add("default encryption " + expected);
        if (!b.lifecycle()) missing.add("lifecycle rule");
        return missing;
    }

    private PlannedStep planned(StepAction action, String resource, String reason) {
        return new PlannedStep(name(), action, resource, reason);
    }

    @Override
    public void apply(StepContext c, PlannedStep planned) {
        S3Client s3 = c.aws().s3();
        String bucket = c.bucket();
        Facts.Bucket b = c.facts().bucket();
        if (!b.exists()) {
            s3.createBucket(r -> {
                r.bucket(bucket);
                if (!"us-east-1".equals(c.region())) {
                    r.createBucketConfiguration(
                            cfg -> cfg.locationConstraint(BucketLocationConstraint.fromValue(c.region())));
                }
            });
            List<Tag> tags = new ArrayList<>();
            c.tags().forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
            s3.putBucketTagging(r -> r.bucket(bucket).tagging(t -> t.tagSet(tags)));
        }
        if (!b.publicAccessBlocked()) {
            s3.putPublicAccessBlock(r -> r.bucket(bucket)
                    .publicAccessBlockConfiguration(p -> p.blockPublicAcls(true)
                            .ignorePublicAcls(true)
                            .blockPublicPolicy(true)
                            .restrictPublicBuckets(true)));
        }
        String key = c.keyArn();
        s3.putBucketEncryption(r -> r.bucket(bucket)
                .serverSideEncryptionConfiguration(cfg ->
                        cfg.rules(rule -> rule.bucketKeyEnabled(key != null).applyServerSideEncryptionByDefault(d -> {
                            d.sseAlgorithm(key == null ? ServerSideEncryption.AES256 : ServerSideEncryption.AWS_KMS);
                            if (key != null) d.kmsMasterKeyID(key);
                        }))));
        Integer days = c.request().retentionDays();
        String logs = Policies.keyBase(c.prefix()) + "AWSLogs/";
        s3.putBucketLifecycleConfiguration(r -> r.bucket(bucket)
                .lifecycleConfiguration(l -> l.rules(rule -> {
                    rule.id("trailstream-logs").status("Enabled").filter(f -> f.prefix(logs));
                    rule.abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(7));
                    if (days != null) rule.expiration(e -> e.days(days));
                })));
    }

    @Override
    public List<UndoCommand> undo(StepContext c) {
        Facts.Bucket b = c.facts().bucket();
        if (!b.ours(c.request().integrationId())) return List.of();
        if (!c.deleteBucket()) {
            return List.of(
                    UndoCommand.note("kept: bucket " + b.name() + " and its logs (--delete-bucket deletes" + " them)"));
        }
        return List.of(new UndoCommand(c.cli("s3 rb s3://" + b.name() + " --force"), () -> deleteBucket(c, b.name())));
    }

    private static void deleteBucket(StepContext c, String bucket) {
        S3Client s3 = c.aws().s3();
        for (var page : s3.listObjectsV2Paginator(r -> r.bucket(bucket))) {
            List<ObjectIdentifier> keys = page.contents().stream()
                    .map(o -> ObjectIdentifier.builder().key(o.key()).build())
                    .toList();
            if (!keys.isEmpty()) s3.deleteObjects(r -> r.bucket(bucket).delete(d -> d.objects(keys)));
        }
        s3.deleteBucket(r -> r.bucket(bucket));
    }
}
