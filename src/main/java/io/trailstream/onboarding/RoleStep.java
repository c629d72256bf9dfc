package io.trailstream.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * An IAM role of the integration with its trust policy and its inline {@code trailstream} policy: the role
 * EventBridge assumes to put notifications on the job's stream, and the read role the job assumes. Made and
 * tagged by apply, brought back to the documents when they drifted, deleted by teardown when it is ours.
 */
final class RoleStep implements Step {
    private final String step;
    private final Function<StepContext, Facts.Role> facts;
    private final Function<StepContext, JsonNode> trust;
    private final Function<StepContext, JsonNode> policy;
    private final String purpose;

    private RoleStep(
            String step,
            Function<StepContext, Facts.Role> facts,
            Function<StepContext, JsonNode> trust,
            Function<StepContext, JsonNode> policy,
            String purpose) {
        this.step = step;
        this.facts = facts;
        this.trust = trust;
        this.policy = policy;
        this.purpose = purpose;
    }

    static RoleStep events() {
        return new RoleStep(
                "events-role",
                c -> c.facts().eventsRole(),
                c -> Policies.eventsTrust(c.facts().account()),
                c -> Policies.eventsPolicy(c.request().notificationsStreamArn()),
                "EventBridge puts notifications on " + "the job's stream");
    }

    static RoleStep read() {
        return new RoleStep(
                "read-role",
                c -> c.facts().readRole(),
                c -> Policies.readTrust(c.request().lakePrincipal(), c.request().externalId()),
                c -> Policies.readPolicy(c.bucket(), c.prefix(), c.keyArn()),
                "the job reads the trail's objects");
    }

    @Override
    public String name() {
        return step;
    }

    @Override
    public PlannedStep plan(StepContext c) {
        Facts.Role role = facts.apply(c);
        if (!role.exists()) {
            return new PlannedStep(step, StepAction.CREATE, role.arn(), "new role: " + purpose);
        }
        if (!role.ours(c.request().integrationId())) {
            return new PlannedStep(
                    step,
                    StepAction.CONFLICT,
                    role.arn(),
                    "a role of that name exists and is not" + " this integration's (no " + Names.TAG_INTEGRATION
                            + " tag)");
        }
        List<String> drift = new ArrayList<>();
        if (!PolicyJson.same(role.trust(), trust.apply(c))) drift.add("trust policy");
        if (!PolicyJson.same(role.policy(), policy.apply(c))) drift.add("permissions policy");
        return drift.isEmpty()
                ? new PlannedStep(step, StepAction.NONE, role.arn(), "this integration's role: " + purpose)
                : new PlannedStep(step, StepAction.UPDATE, role.arn(), "set its " + String.join(" and ", drift));
    }

    @Override
    public void apply(StepContext c, PlannedStep planned) {
        Facts.Role role = facts.apply(c);
        String trustDoc = PolicyJson.write(trust.apply(c));
        if (!role.exists()) {
            List<Tag> tags = new ArrayList<>();
            c.tags().forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
            c.aws()
                    .iam()
                    .createRole(r -> r.roleName(role.name())
                            .assumeRolePolicyDocument(trustDoc)
                            .description("trailstream: " + purpose)
                            .tags(tags));
        } else if (!PolicyJson.same(role.trust(), trust.apply(c))) {
            c.aws().iam().updateAssumeRolePolicy(r -> r.roleName(role.name()).policyDocument(trustDoc));
        }
        String policyDoc = PolicyJson.write(policy.apply(c));
        c.aws()
                .iam()
                .putRolePolicy(r -> r.roleName(role.name())
                        .policyName(c.names().rolePolicy())
                        .policyDocument(policyDoc));
    }

    @Override
    public List<UndoCommand> undo(StepContext c) {
        Facts.Role role = facts.apply(c);
        if (!role.ours(c.request().integrationId())) return List.of();
        String name = role.name();
        String policyName = c.names().rolePolicy();
        List<UndoCommand> out = new ArrayList<>();
        if (role.policy() != null) {
            out.add(new UndoCommand(
                    "aws iam delete-role-policy --role-name " + name + " --policy-name " + policyName,
                    () -> c.aws().iam().deleteRolePolicy(r -> r.roleName(name).policyName(policyName))));
        }
        out.add(new UndoCommand(
                "aws iam delete-role --role-name " + name, () -> c.aws().iam().deleteRole(r -> r.roleName(name))));
        return out;
    }
}
