package io.trailstream.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Tag;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * An EventBridge rule on the default bus of the bucket's region that matches {@code Object Created} for the
 * trail's log files (or, the digests rule, its digest files), with one target of ours ({@link
 * Names#TARGET_ID}): the job's Kinesis stream, put through the events role, partitioned by object key. Made
 * before the trail so that no first file is missed.
 */
final class RuleStep implements Step {
    private final boolean digests;

    private RuleStep(boolean digests) {
        this.digests = digests;
    }

    static RuleStep logs() {
        return new RuleStep(false);
    }

    static RuleStep digests() {
        return new RuleStep(true);
    }

    @Override
    public String name() {
        return digests ? "digests-rule" : "logs-rule";
    }

    private static Facts.Rule rule(StepContext c, boolean digests) {
        return digests ? c.facts().digestsRule() : c.facts().logsRule();
    }

    private JsonNode pattern(StepContext c) {
        return Policies.eventPattern(c.bucket(), digests);
    }

    private static Target target(StepContext c) {
        return Target.builder()
                .id(Names.TARGET_ID)
                .arn(c.request().notificationsStreamArn())
                .roleArn(c.names().roleArn(c.names().eventsRole()))
                .kinesisParameters(k -> k.partitionKeyPath("$.detail.object.key"))
                .build();
    }

    private static boolean sameTarget(Target have, Target want) {
        return have != null
                && Objects.equals(have.arn(), want.arn())
                && Objects.equals(have.roleArn(), want.roleArn())
                && have.kinesisParameters() != null
                && Objects.equals(
                        have.kinesisParameters().partitionKeyPath(),
                        want.kinesisParameters().partitionKeyPath());
    }

    @Override
    public PlannedStep plan(StepContext c) {
        Facts.Rule rule = rule(c, digests);
        String what = digests ? "digest files" : "log files";
        if (!rule.exists()) {
            return new PlannedStep(
                    name(),
                    StepAction.CREATE,
                    rule.arn(),
                    "rule matching Object Created for the " + what + " of s3://" + c.bucket() + ", target "
                            + c.request().notificationsStreamArn());
        }
        if (!rule.ours(c.request().integrationId())) {
            return new PlannedStep(
                    name(),
                    StepAction.CONFLICT,
                    rule.arn(),
                    "a rule of that name exists and is not" + " this integration's (no " + Names.TAG_INTEGRATION
                            + " tag)");
        }
        List<String> drift = new ArrayList<>();
        if (!PolicyJson.same(rule.pattern(), pattern(c))) drift.add("event pattern");
        if (!rule.enabled()) drift.add("state ENABLED");
        if (!sameTarget(rule.ourTarget(), target(c))) drift.add("target " + Names.TARGET_ID);
        return drift.isEmpty()
                ? new PlannedStep(name(), StepAction.NONE, rule.arn(), "matches the " + what + ", targets the stream")
                : new PlannedStep(name(), StepAction.UPDATE, rule.arn(), "set its " + String.join(", ", drift));
    }

    @Override
    public void apply(StepContext c, PlannedStep planned) {
        Facts.Rule rule = rule(c, digests);
        List<Tag> tags = new ArrayList<>();
        c.tags().forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        c.aws().eventBridge().putRule(r -> {
            r.name(rule.name())
                    .eventBusName("default")
                    .eventPattern(PolicyJson.write(pattern(c)))
                    .state(RuleState.ENABLED)
                    .description("trailstream: CloudTrail " + (digests ? "digest" : "log") + " files of s3://"
                            + c.bucket() + " to the job's stream");
            if (!rule.exists()) r.tags(tags);
        });
        var result = c.aws().eventBridge().putTargets(r -> r.rule(rule.name()).targets(target(c)));
        if (result.failedEntryCount() != null && result.failedEntryCount() > 0) {
            throw new IllegalStateException("PutTargets on " + rule.name() + " failed: " + result.failedEntries());
        }
    }

    @Override
    public List<UndoCommand> undo(StepContext c) {
        Facts.Rule rule = rule(c, digests);
        if (!rule.ours(c.request().integrationId())) return List.of();
        List<UndoCommand> out = new ArrayList<>();
        List<String> ids = rule.targets().stream().map(Target::id).toList();
        if (!ids.isEmpty()) {
            out.add(new UndoCommand(
                    c.cli("events remove-targets --rule " + rule.name() + " --ids " + String.join(" ", ids)),
                    () -> c.aws()
                            .eventBridge()
                            .removeTargets(r -> r.rule(rule.name()).ids(ids))));
        }
        out.add(new UndoCommand(
                c.cli("events delete-rule --name " + rule.name()),
                () -> c.aws().eventBridge().deleteRule(r -> r.name(rule.name()))));
        return out;
    }
}
