package io.trailstream.onboarding;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Connects (and disconnects) a customer's AWS environment. {@link #STEPS} are the resources of an integration
 * in dependency order, and the same steps make the plan, carry it out and undo it: {@link #plan} discovers and
 * asks each step; {@link #apply} discovers again and carries out each create or update in order; {@link
 * #teardown} asks each step, in reverse, what undoes exactly what apply made.
 *
 * <p>What was created is found again in AWS itself, not in a local state file: every resource apply creates is
 * tagged {@code trailstream:integration=ID} and named from the id ({@link Names}); what it merges into a
 * resource it did not create carries our Sid prefix or target id, and the bucket's EventBridge flag is recorded
 * as a tag on our rule when apply turned it on. Teardown can therefore run from any machine, later.
 */
public final class Onboarding {
    /** In apply order: key, bucket, its policy, the stream check, the events role, the rules, the bucket's flag,
     * Organization access, the trail (after everything it writes to and notifies through), the read role. */
    public static final List<Step> STEPS = List.of(
            new KmsKeyStep(),
            new BucketStep(),
            new BucketPolicyStep(),
            new StreamAccessStep(),
            RoleStep.events(),
            RuleStep.logs(),
            RuleStep.digests(),
            new BucketEventBridgeStep(),
            new OrganizationAccessStep(),
            new TrailStep(),
            RoleStep.read());

    private Onboarding() {}

    /** Discovers and plans; changes nothing. */
    public static Plan plan(OnboardingClients aws, OnboardingRequest request) {
        request.requireComplete();
        return plan(new StepContext(request, Discovery.discover(aws, request), aws, false));
    }

    private static Plan plan(StepContext c) {
        List<PlannedStep> steps = new ArrayList<>();
        for (Step step : STEPS) {
            PlannedStep p = step.plan(c);
            if (p != null) steps.add(p);
        }
        return new Plan(c.facts().account(), c.region(), steps, integration(c));
    }

    /**
     * Discovers, plans, and carries out each create and update in order, telling {@code progress} before each;
     * refuses (changing nothing) when the plan has a conflict.
     *
     * @return the plan that was carried out
     * @throws IllegalStateException when the plan has a conflict
     */
    public static Plan apply(OnboardingClients aws, OnboardingRequest request, Consumer<PlannedStep> progress) {
        request.requireComplete();
        StepContext c = new StepContext(request, Discovery.discover(aws, request), aws, false);
        Plan plan = plan(c);
        if (plan.hasConflicts()) throw new IllegalStateException("the plan has conflicts; nothing was changed");
        for (Step step : STEPS) {
            PlannedStep p = step.plan(c);
            if (p == null || !p.action().changes()) continue;
            progress.accept(p);
            try {
                step.apply(c, p);
            } catch (RuntimeException e) {
                throw new StepFailedException(p, LastCall.get(), e);
            }
        }
        return new Plan(plan.account(), plan.region(), plan.steps(), integration(c));
    }

    /** What teardown does, in order (the reverse of apply's): only what apply made; notes say what stays. */
    public static List<UndoCommand> teardown(OnboardingClients aws, OnboardingRequest request, boolean deleteBucket) {
        StepContext c = new StepContext(request, Discovery.discover(aws, request), aws, deleteBucket);
        List<UndoCommand> out = new ArrayList<>();
        for (int i = STEPS.size() - 1; i >= 0; i--) out.addAll(STEPS.get(i).undo(c));
        return out;
    }

    /** The read-only checks that the integration still works. */
    public static List<Verification.Check> verify(OnboardingClients aws, OnboardingRequest request) {
        request.requireComplete();
        return Verification.checks(new StepContext(request, Discovery.discover(aws, request), aws, false));
    }

    private static OnboardedIntegration integration(StepContext c) {
        OnboardingRequest r = c.request();
        return new OnboardedIntegration(
                r.integrationId(),
                r.tenantId(),
                c.bucket(),
                c.prefix(),
                c.organizationId(),
                r.accounts(),
                c.names().roleArn(c.names().readRole()),
                r.externalId());
    }
}
