package io.trailstream.onboarding;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code trailstream aws verify}: read-only checks that every link of an integration still holds. Each step's
 * plan must be {@code none} (the trail logs with validation and management events, our bucket policy
 * statements and EventBridge flag are there, the rules are enabled with our target, both roles have their trust
 * and permissions, so the lake account can assume the read role with the external id), and EventBridge must
 * match a sample {@code Object Created} event of a log key with the rule's pattern and not one of a digest key.
 * A failed check is what {@code disconnected} means in practice.
 */
public final class Verification {
    /** One link: whether it holds, and what was seen. */
    public record Check(String link, boolean ok, String detail) {}

    private Verification() {}

    static List<Check> checks(StepContext c) {
        List<Check> checks = new ArrayList<>();
        for (Step step : Onboarding.STEPS) {
            PlannedStep p = step.plan(c);
            if (p == null) continue;
            boolean ok = p.action() == StepAction.NONE;
            checks.add(new Check(p.step(), ok, (ok ? "" : p.action().wireName() + " needed: ") + p.reason()));
        }
        if (c.facts().logsRule().exists()) {
            String key = Policies.keyBase(c.prefix()) + "AWSLogs/" + c.facts().account() + "/CloudTrail/"
                    + c.region() + "/2026/01/01/" + c.facts().account() + "_CloudTrail_" + c.region()
                    + "_20260101T0000Z_trailstreamcheck.json.gz";
            checks.add(patternCheck(c, key, true));
            checks.add(patternCheck(c, key.replace("/CloudTrail/", "/CloudTrail-Digest/"), false));
        }
        return checks;
    }

    private static Check patternCheck(StepContext c, String key, boolean expected) {
        String link = expected ? "logs-rule-matches-log-files" : "logs-rule-skips-digests";
        ObjectNode event = PolicyJson.object();
        event.put("id", "00000000-0000-0000-0000-000000000000");
        event.put("detail-type", "Object Created");
        event.put("source", "aws.s3");
        event.put("account", c.facts().account());
        event.put("time", Instant.parse("2026-01-01T00:05:00Z").toString());
        event.put("region", c.region());
        event.putArray("resources").add("arn:aws:s3:::" + c.bucket());
        ObjectNode detail = event.putObject("detail");
        detail.putObject("bucket").put("name", c.bucket());
        detail.putObject("object").put("key", key);
        Boolean matched = c.aws()
                .eventBridge()
                .testEventPattern(r -> r.eventPattern(
                                PolicyJson.write(c.facts().logsRule().pattern()))
                        .event(PolicyJson.write(event)))
                .result();
        if (matched == null) {
            return new Check(
                    link,
                    true,
                    "not checked: the endpoint gave no TestEventPattern result (moto does not" + " evaluate it)");
        }
        boolean ok = matched == expected;
        return new Check(link, ok, (matched ? "matches " : "does not match ") + key);
    }
}
