package io.trailstream.onboarding;

import java.util.List;

/**
 * The plan for one request in one account: every step with its action, resource and reason, in the order
 * apply carries them out, and the integration the job will be told about.
 */
public record Plan(String account, String region, List<PlannedStep> steps, OnboardedIntegration integration) {
    public boolean hasConflicts() {
        return steps.stream().anyMatch(s -> s.action() == StepAction.CONFLICT);
    }

    /** The steps that create or update something. */
    public List<PlannedStep> changes() {
        return steps.stream().filter(s -> s.action().changes()).toList();
    }
}
