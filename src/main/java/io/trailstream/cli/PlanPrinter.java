package io.trailstream.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailstream.onboarding.OnboardedIntegration;
import io.trailstream.onboarding.Plan;
import io.trailstream.onboarding.PlannedStep;
import io.trailstream.onboarding.PolicyJson;
import io.trailstream.onboarding.Verification;
import java.io.PrintWriter;
import java.util.List;

/** Prints plans and verification results as text for people or, with {@code --output json}, as JSON. */
final class PlanPrinter {
    private PlanPrinter() {}

    static void print(Plan plan, boolean json, PrintWriter out) {
        if (json) {
            ObjectNode root = PolicyJson.object();
            root.put("account", plan.account());
            root.put("region", plan.region());
            ArrayNode steps = root.putArray("steps");
            for (PlannedStep s : plan.steps()) {
                steps.addObject()
                        .put("step", s.step())
                        .put("action", s.action().wireName())
                        .put("resource", s.resource())
                        .put("reason", s.reason());
            }
            OnboardedIntegration i = plan.integration();
            ObjectNode integration = root.putObject("integration");
            integration.put("integration_id", i.integrationId()).put("tenant_id", i.tenantId());
            integration.put("bucket", i.bucket()).put("prefix", i.prefix());
            integration.put("organization_id", i.organizationId());
            ArrayNode accounts = integration.putArray("included_accounts");
            if (i.accounts() != null) i.accounts().forEach(accounts::add);
            integration.put("role_arn", i.roleArn()).put("external_id", i.externalId());
            out.println(PolicyJson.write(root));
            return;
        }
        out.println("Plan for integration " + plan.integration().integrationId() + " in account " + plan.account()
                + ", region " + plan.region() + ":");
        for (PlannedStep s : plan.steps()) {
            out.printf(
                    "  %-8s  %-19s  %s%n  %8s  %19s  %s%n",
                    s.action().wireName(), s.step(), s.resource(), "", "", s.reason());
        }
        out.println("Then upsert_integration " + plan.integration().integrationId() + ": s3://"
                + plan.integration().bucket() + "/"
                + (plan.integration().prefix() == null ? "" : plan.integration().prefix() + "/") + ", read as "
                + plan.integration().roleArn());
    }

    static void print(List<Verification.Check> checks, boolean json, PrintWriter out) {
        if (json) {
            ArrayNode list = PolicyJson.array();
            checks.forEach(c ->
                    list.addObject().put("link", c.link()).put("ok", c.ok()).put("detail", c.detail()));
            out.println(PolicyJson.write(list));
            return;
        }
        for (Verification.Check c : checks) {
            out.printf("  %-6s %-28s %s%n", c.ok() ? "ok" : "BROKEN", c.link(), c.detail());
        }
    }
}
