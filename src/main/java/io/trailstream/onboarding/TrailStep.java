package io.trailstream.onboarding;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.ReadWriteType;
import software.amazon.awssdk.services.cloudtrail.model.Tag;

/**
 * The trail: multi-Region, global service events, log file validation, the key, the Organization flag when
 * asked; then management events read and write ({@code PutEventSelectors}) and {@code StartLogging} (a trail
 * made through the API does not log until then). A reused trail ({@code --trail}) is never changed: one that is
 * not multi-Region, not logging, without validation or without management events is a conflict naming each.
 */
final class TrailStep implements Step {
    @Override
    public String name() {
        return "trail";
    }

    @Override
    public PlannedStep plan(StepContext c) {
        Facts.Trail t = c.facts().trail();
        String arn = c.trailArn();
        if (c.reusesTrail()) {
            if (!t.exists()) return planned(StepAction.CONFLICT, arn, "no trail named " + t.name());
            List<String> missing = reuseProblems(c, t);
            return missing.isEmpty()
                    ? planned(
                            StepAction.NONE,
                            arn,
                            "reused: multi-Region, logging, validation on, management events;" + " writes to s3://"
                                    + t.bucket() + "/" + Policies.keyBase(t.prefix()))
                    : planned(
                            StepAction.CONFLICT,
                            arn,
                            "trail " + t.name() + " cannot be reused as it is: " + String.join("; ", missing));
        }
        if (!t.exists()) {
            return planned(
                    StepAction.CREATE,
                    arn,
                    (c.organizationId() != null ? "Organization" : "multi-Region")
                            + " trail to s3://" + c.bucket() + "/" + Policies.keyBase(c.prefix()) + ", validation on,"
                            + " management events read+write, then StartLogging");
        }
        if (!t.ours(c.request().integrationId())) {
            return planned(
                    StepAction.CONFLICT,
                    arn,
                    "a trail of that name exists and is not this integration's:" + " pass --trail " + t.name()
                            + " to reuse it");
        }
        List<String> drift = drift(c, t);
        return drift.isEmpty()
                ? planned(StepAction.NONE, arn, "this integration's trail, logging")
                : planned(StepAction.UPDATE, arn, "set " + String.join(", ", drift));
    }

    private static List<String> reuseProblems(StepContext c, Facts.Trail t) {
        List<String> missing = new ArrayList<>();
        if (!c.region().equals(t.homeRegion()))
            missing.add("its home region is " + t.homeRegion() + ": run with" + " --region " + t.homeRegion());
        if (!t.multiRegion())
            missing.add(
                    "not multi-Region (aws cloudtrail update-trail --name " + t.name() + " --is-multi-region-trail)");
        if (!t.logging()) missing.add("not logging (aws cloudtrail start-logging --name " + t.name() + ")");
        if (!t.logFileValidation())
            missing.add("log file validation off (aws cloudtrail update-trail --name " + t.name()
                    + " --enable-log-file-validation)");
        if (!t.managementReadWrite()) missing.add("does not record management events, read and write");
        if (c.request().organization() && !t.organizationTrail()) missing.add("not an Organization trail");
        return missing;
    }

    private static List<String> drift(StepContext c, Facts.Trail t) {
        List<String> drift = new ArrayList<>();
        if (!t.multiRegion()) drift.add("multi-Region");
        if (!t.logFileValidation()) drift.add("log file validation");
        if (t.organizationTrail() != (c.organizationId() != null)) drift.add("Organization trail flag");
        if (!Objects.equals(t.bucket(), c.bucket()) || !Objects.equals(t.prefix(), c.prefix())) drift.add("bucket");
        if (!Objects.equals(t.kmsKeyId(), c.keyArn())) drift.add("KMS key");
        if (!t.managementReadWrite()) drift.add("management events read+write");
        if (!t.logging()) drift.add("logging (StartLogging)");
        return drift;
    }

    private PlannedStep planned(StepAction action, String resource, String reason) {
        return new PlannedStep(name(), action, resource, reason);
    }

    @Override
    public void apply(StepContext c, PlannedStep planned) {
        CloudTrailClient ct = c.aws().cloudTrail();
        Facts.Trail t = c.facts().trail();
        boolean org = c.organizationId() != null;
        if (!t.exists()) {
            List<Tag> tags = new ArrayList<>();
            c.tags().forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
            ct.createTrail(r -> r.name(t.name())
                    .s3BucketName(c.bucket())
                    .s3KeyPrefix(c.prefix())
                    .isMultiRegionTrail(true)
                    .includeGlobalServiceEvents(true)
                    .enableLogFileValidation(true)
                    .isOrganizationTrail(org)
                    .kmsKeyId(c.keyArn())
                    .tagsList(tags));
        } else if (!drift(c, t).stream().allMatch(d -> d.startsWith("management") || d.startsWith("logging"))) {
            ct.updateTrail(r -> r.name(t.name())
                    .s3BucketName(c.bucket())
                    .s3KeyPrefix(c.prefix())
                    .isMultiRegionTrail(true)
                    .includeGlobalServiceEvents(true)
                    .enableLogFileValidation(true)
                    .isOrganizationTrail(org)
                    .kmsKeyId(c.keyArn()));
        }
        if (!t.exists() || !t.managementReadWrite()) {
            ct.putEventSelectors(r -> r.trailName(t.name())
                    .eventSelectors(s -> s.readWriteType(ReadWriteType.ALL).includeManagementEvents(true)));
        }
        if (!t.exists() || !t.logging()) ct.startLogging(r -> r.name(t.name()));
    }

    @Override
    public List<UndoCommand> undo(StepContext c) {
        Facts.Trail t = c.facts().trail();
        if (c.reusesTrail() || !t.ours(c.request().integrationId())) return List.of();
        String name = t.name();
        return List.of(
                new UndoCommand(
                        c.cli("cloudtrail stop-logging --name " + name),
                        () -> c.aws().cloudTrail().stopLogging(r -> r.name(name))),
                new UndoCommand(
                        c.cli("cloudtrail delete-trail --name " + name),
                        () -> c.aws().cloudTrail().deleteTrail(r -> r.name(name))));
    }
}
