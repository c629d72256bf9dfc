package io.trailstream.onboarding;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kms.model.Tag;

/**
 * The KMS key logs are encrypted with: made (with the policy CloudTrail needs, tagged, aliased {@code
 * alias/trailstream-ID}) for {@code --kms create}, or checked for {@code --kms-key ARN}; none for SSE-S3. The
 * key policy comes first: the trail's ARN is known before the trail exists.
 */
final class KmsKeyStep implements Step {
    @Override
    public String name() {
        return "kms-key";
    }

    @Override
    public PlannedStep plan(StepContext c) {
        Facts.Key key = c.facts().key();
        OnboardingRequest r = c.request();
        if (key == null) return null;
        String resource = key.arn() != null ? key.arn() : c.names().kmsAlias();
        if (r.createKmsKey()) {
            if (key.exists() && key.ours()) return planned(StepAction.NONE, resource, "this integration's key");
            return planned(
                    StepAction.CREATE,
                    resource,
                    "new key: CloudTrail may encrypt (kms:GenerateDataKey*)" + " for " + c.trailArn()
                            + " and describe it; the read role decrypts");
        }
        if (!key.exists()) return planned(StepAction.CONFLICT, resource, "no such KMS key (or pending deletion)");
        if (!key.allowsCloudTrail() && !c.reusesTrail()) {
            return planned(
                    StepAction.CONFLICT,
                    resource,
                    "its key policy does not let cloudtrail.amazonaws.com use"
                            + " it: add a statement allowing kms:GenerateDataKey* and kms:DescribeKey (docs/onboarding.md)");
        }
        return planned(StepAction.NONE, resource, "reused key");
    }

    private PlannedStep planned(StepAction action, String resource, String reason) {
        return new PlannedStep(name(), action, resource, reason);
    }

    @Override
    public void apply(StepContext c, PlannedStep planned) {
        List<Tag> tags = new ArrayList<>();
        c.tags().forEach((k, v) -> tags.add(Tag.builder().tagKey(k).tagValue(v).build()));
        var key = c.aws()
                .kms()
                .createKey(r -> r.description("trailstream: CloudTrail logs of integration "
                                + c.request().integrationId())
                        .policy(PolicyJson.write(Policies.kmsKeyPolicy(c.facts().account(), c.trailArn())))
                        .tags(tags))
                .keyMetadata();
        c.aws().kms().createAlias(r -> r.aliasName(c.names().kmsAlias()).targetKeyId(key.keyId()));
        c.keyCreated(key.arn());
    }

    @Override
    public List<UndoCommand> undo(StepContext c) {
        Facts.Key key = c.facts().key();
        if (key == null || !key.exists() || !key.ours()) return List.of();
        String alias = c.names().kmsAlias();
        String keyId = key.arn().substring(key.arn().lastIndexOf('/') + 1);
        return List.of(
                new UndoCommand(
                        c.cli("kms delete-alias --alias-name " + alias),
                        () -> c.aws().kms().deleteAlias(r -> r.aliasName(alias))),
                new UndoCommand(
                        c.cli("kms schedule-key-deletion --key-id " + keyId + " --pending-window-in-days 7"),
                        () -> c.aws()
                                .kms()
                                .scheduleKeyDeletion(r -> r.keyId(keyId).pendingWindowInDays(7))));
    }
}
