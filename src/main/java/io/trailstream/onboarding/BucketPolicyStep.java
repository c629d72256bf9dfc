package io.trailstream.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The bucket policy statements CloudTrail needs before CreateTrail (AWS checks them then), merged into
 * whatever policy the bucket has: statements of others stay as they are, ours are recognised by their Sid
 * prefix ({@link Names#sidPrefix()}), replaced when they differ, and removed by teardown. A reused trail
 * writes to its bucket already, so its policy is not touched.
 */
final class BucketPolicyStep implements Step {
    @Override
    public String name() {
        return "bucket-policy";
    }

    @Override
    public PlannedStep plan(StepContext c) {
        String resource = "arn:aws:s3:::" + c.bucket();
        if (c.reusesTrail()) {
            return new PlannedStep(name(), StepAction.NONE, resource, "the reused trail writes there already");
        }
        List<JsonNode> ours = wanted(c);
        JsonNode policy = c.facts().bucket().policy();
        List<JsonNode> others = others(c, policy);
        String sids =
                String.join(", ", ours.stream().map(s -> s.get("Sid").asText()).toList());
        if (policy == null) {
            return new PlannedStep(name(), StepAction.CREATE, resource, "policy with " + sids);
        }
        List<JsonNode> present = mine(c, policy);
        boolean same = present.size() == ours.size()
                && ours.stream().allMatch(w -> present.stream().anyMatch(p -> PolicyJson.same(p, w)));
        if (same) return new PlannedStep(name(), StepAction.NONE, resource, "has " + sids);
        return new PlannedStep(
                name(),
                StepAction.UPDATE,
                resource,
                "merge " + sids + " into the policy; its " + others.size() + " other statement(s) stay");
    }

    private static List<JsonNode> wanted(StepContext c) {
        return Policies.bucketStatements(c.names(), c.bucket(), c.prefix(), c.trailArn(), c.organizationId());
    }

    private static boolean isOurs(StepContext c, JsonNode statement) {
        JsonNode sid = statement.get("Sid");
        return sid != null && sid.asText().startsWith(c.names().sidPrefix());
    }

    private static List<JsonNode> statements(JsonNode policy) {
        List<JsonNode> out = new ArrayList<>();
        if (policy == null) return out;
        JsonNode s = policy.get("Statement");
        if (s != null && s.isArray()) s.forEach(out::add);
        else if (s != null && s.isObject()) out.add(s);
        return out;
    }

    private static List<JsonNode> mine(StepContext c, JsonNode policy) {
        return statements(policy).stream().filter(s -> isOurs(c, s)).toList();
    }

    private static List<JsonNode> others(StepContext c, JsonNode policy) {
        return statements(policy).stream().filter(s -> !isOurs(c, s)).toList();
    }

    private static ObjectNode document(JsonNode base, List<JsonNode> statements) {
        ObjectNode doc = base == null ? PolicyJson.object() : ((ObjectNode) base.deepCopy());
        if (!doc.has("Version")) doc.put("Version", Policies.VERSION);
        ArrayNode list = doc.putArray("Statement");
        statements.forEach(list::add);
        return doc;
    }

    @Override
    public void apply(StepContext c, PlannedStep planned) {
        JsonNode policy = c.facts().bucket().policy();
        List<JsonNode> merged = new ArrayList<>(others(c, policy));
        merged.addAll(wanted(c));
        String doc = PolicyJson.write(document(policy, merged));
        c.aws().s3().putBucketPolicy(r -> r.bucket(c.bucket()).policy(doc));
    }

    @Override
    public List<UndoCommand> undo(StepContext c) {
        Facts.Bucket b = c.facts().bucket();
        if (!b.exists() || mine(c, b.policy()).isEmpty()) return List.of();
        if (b.ours(c.request().integrationId()) && c.deleteBucket()) return List.of();
        List<JsonNode> rest = others(c, b.policy());
        if (rest.isEmpty()) {
            return List.of(new UndoCommand(
                    c.cli("s3api delete-bucket-policy --bucket " + b.name()),
                    () -> c.aws().s3().deleteBucketPolicy(r -> r.bucket(b.name()))));
        }
        String doc = PolicyJson.write(document(b.policy(), rest));
        return List.of(new UndoCommand(
                c.cli("s3api put-bucket-policy --bucket " + b.name() + " --policy " + StepContext.quoted(doc)),
                () -> c.aws().s3().putBucketPolicy(r -> r.bucket(b.name()).policy(doc))));
    }
}
