package io.trailstream.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** {@code conf/iam/setup-policy.json}, the policy of the person who runs setup and teardown, as the tests read it. */
final class SetupPolicy {
    /** Called, but allowed to everyone: AWS checks no permission for it. */
    static final Set<String> NEEDS_NO_PERMISSION = Set.of("sts:GetCallerIdentity");

    /** Granted, never called as an API: AWS checks them as part of another call (moto checks none of them). */
    static final Map<String, String> CHECKED_BY_AWS_WITHOUT_A_CALL = Map.of(
            "iam:PassRole", "events:PutTargets with the events role's RoleArn",
            "iam:TagRole", "iam:CreateRole with Tags",
            "cloudtrail:AddTags", "cloudtrail:CreateTrail with TagsList",
            "kms:TagResource", "kms:CreateKey with Tags",
            "iam:CreateServiceLinkedRole", "CloudTrail's service-linked role for an Organization trail",
            "organizations:ListAccounts", "cloudtrail:CreateTrail with IsOrganizationTrail");

    private final JsonNode document;

    private SetupPolicy(JsonNode document) {
        this.document = document;
    }

    static SetupPolicy load() throws Exception {
        return new SetupPolicy(
                PolicyJson.parse(Files.readString(PolicyDocumentsTest.IAM.resolve("setup-policy.json"))));
    }

    Set<String> actions() {
        Set<String> out = new TreeSet<>();
        for (JsonNode s : document.get("Statement")) {
            JsonNode a = s.get("Action");
            if (a.isArray()) a.forEach(x -> out.add(x.asText()));
            else out.add(a.asText());
        }
        return out;
    }

    /** The same policy without {@code action}. */
    SetupPolicy without(String action) {
        JsonNode copy = document.deepCopy();
        for (JsonNode s : copy.get("Statement")) {
            JsonNode a = s.get("Action");
            if (a.isArray()) {
                for (int i = a.size() - 1; i >= 0; i--) {
                    if (a.get(i).asText().equals(action)) ((com.fasterxml.jackson.databind.node.ArrayNode) a).remove(i);
                }
            } else if (a.asText().equals(action)) {
                ((ObjectNode) s).putArray("Action");
            }
        }
        return new SetupPolicy(copy);
    }

    /**
     * The document as moto can evaluate it: moto matches resources only for S3 (bucket and object ARNs); for every
     * other service it sees the resource as {@code *}, which a scoped ARN never matches. So statements of other
     * services get {@code Resource: *} here; their actions, what this test is about, stay exactly as written.
     */
    String forMoto() {
        JsonNode copy = document.deepCopy();
        for (JsonNode s : copy.get("Statement")) {
            if (!s.get("Resource").toString().contains("arn:aws:s3:::")) ((ObjectNode) s).put("Resource", "*");
        }
        return PolicyJson.write(copy);
    }
}
