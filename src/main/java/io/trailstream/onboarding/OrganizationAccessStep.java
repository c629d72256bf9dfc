package io.trailstream.onboarding;

import java.util.List;

/**
 * For an Organization trail: the caller must be the management account, and CloudTrail needs trusted access
 * to the Organization ({@code organizations:EnableAWSServiceAccess}; AWS then makes CloudTrail's
 * service-linked role). Teardown leaves it on: other Organization trails rely on it.
 */
final class OrganizationAccessStep implements Step {
    static final String CLOUDTRAIL = "cloudtrail.amazonaws.com";

    @Override
    public String name() {
        return "organization-access";
    }

    @Override
    public PlannedStep plan(StepContext c) {
        if (!c.request().organization()) return null;
        Facts.Organization org = c.facts().organization();
        if (org == null) {
            return new PlannedStep(
                    name(),
                    StepAction.CONFLICT,
                    "account " + c.facts().account(),
                    "--organization, but the account is not in an AWS Organization");
        }
        String resource = "organization " + org.id();
        if (!c.facts().account().equals(org.managementAccountId())) {
            return new PlannedStep(
                    name(),
                    StepAction.CONFLICT,
                    resource,
                    "an Organization trail is made from the" + " management account " + org.managementAccountId()
                            + ", not " + c.facts().account());
        }
        if (c.facts().cloudTrailTrustedAccess()) {
            return new PlannedStep(name(), StepAction.NONE, resource, "CloudTrail has trusted access");
        }
        return new PlannedStep(name(), StepAction.CREATE, resource, "enable trusted access for " + CLOUDTRAIL);
    }

    @Override
    public void apply(StepContext c, PlannedStep planned) {
        c.aws().organizations().enableAWSServiceAccess(r -> r.servicePrincipal(CLOUDTRAIL));
    }

    @Override
    public List<UndoCommand> undo(StepContext c) {
        if (!c.request().organization() || c.facts().organization() == null) return List.of();
        return List.of(UndoCommand.note("left on: CloudTrail's trusted access to Organization "
                + c.facts().organization().id() + " (other Organization trails rely on it)"));
    }
}
