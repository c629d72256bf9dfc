package io.trailstream.onboarding;

/** One line of a plan: the step, what it does, to which resource (an ARN or name), and why. */
public record PlannedStep(String step, StepAction action, String resource, String reason) {}
