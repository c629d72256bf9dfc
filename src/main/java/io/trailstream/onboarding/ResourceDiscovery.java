package io.trailstream.onboarding;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/** Reads the EventBridge rules, IAM roles and KMS key of one integration, by the names {@link Names} gives. */
final class ResourceDiscovery {
    private final OnboardingClients aws;
    private final Names names;

    ResourceDiscovery(OnboardingClients aws, Names names) {
        this.aws = aws;
        this.names = names;
    }

    Facts.Rule rule(String name) {
        DescribeRuleResponse rule;
        try {
            rule = aws.eventBridge().describeRule(r -> r.name(name));
        } catch (ResourceNotFoundException missing) {
            return new Facts.Rule(name, false, names.ruleArn(name), null, false, List.of(), Map.of());
        }
        var targets = aws.eventBridge().listTargetsByRule(r -> r.rule(name)).targets();
        Map<String, String> tags = new HashMap<>();
        aws.eventBridge()
                .listTagsForResource(r -> r.resourceARN(rule.arn()))
                .tags()
                .forEach(t -> tags.put(t.key(), t.value()));
        return new Facts.Rule(
                name,
                true,
                rule.arn(),
                PolicyJson.parse(rule.eventPattern()),
                rule.state() == RuleState.ENABLED,
                targets,
                tags);
    }

    Facts.Role role(String name) {
        software.amazon.awssdk.services.iam.model.Role role;
        try {
            role = aws.iam().getRole(r -> r.roleName(name)).role();
        } catch (NoSuchEntityException missing) {
            return new Facts.Role(name, false, names.roleArn(name), null, null, Map.of());
        }
        String policy;
        try {
            policy = aws.iam()
                    .getRolePolicy(r -> r.roleName(name).policyName(names.rolePolicy()))
                    .policyDocument();
        } catch (NoSuchEntityException none) {
            policy = null;
        }
        Map<String, String> tags = new HashMap<>();
        role.tags().forEach(t -> tags.put(t.key(), t.value()));
        return new Facts.Role(
                name,
                true,
                role.arn(),
                PolicyJson.parse(role.assumeRolePolicyDocument()),
                PolicyJson.parse(policy),
                tags);
    }

    /** The key named by the request, else ours by its alias (when asked to create one); null when neither. */
    Facts.Key key(OnboardingRequest request, Facts.Trail trail) {
        String keyId = request.kmsKeyArn();
        if (keyId == null && request.trailName() != null && trail.exists()) keyId = trail.kmsKeyId();
        if (keyId == null && request.createKmsKey()) {
            keyId = aws.kms().listAliases().aliases().stream()
                    .filter(a -> names.kmsAlias().equals(a.aliasName()))
                    .map(AliasListEntry::targetKeyId)
                    .findFirst()
                    .orElse(null);
            if (keyId == null) return new Facts.Key(null, false, false, false);
        }
        if (keyId == null) return null;
        String id = keyId;
        KeyMetadata meta;
        try {
            meta = aws.kms().describeKey(r -> r.keyId(id)).keyMetadata();
        } catch (NotFoundException missing) {
            return new Facts.Key(id, false, false, false);
        }
        if (meta.keyState() == KeyState.PENDING_DELETION) return new Facts.Key(meta.arn(), false, false, false);
        boolean ours = aws.kms().listResourceTags(r -> r.keyId(meta.keyId())).tags().stream()
                .anyMatch(t -> Names.TAG_INTEGRATION.equals(t.tagKey())
                        && request.integrationId().equals(t.tagValue()));
        String policy = aws.kms()
                .getKeyPolicy(r -> r.keyId(meta.keyId()).policyName("default"))
                .policy();
        return new Facts.Key(meta.arn(), true, ours, policy != null && policy.contains("cloudtrail.amazonaws.com"));
    }
}
