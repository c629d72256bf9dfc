package io.trailstream.onboarding;

/**
 * A step of apply that AWS refused or failed: which step, on which resource, the AWS call that failed, and AWS's
 * answer (the cause).
 */
public final class StepFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient PlannedStep step;

    /** @param call the AWS call that failed ({@code S3.PutBucketPolicy}), or null when none is known */
    public StepFailedException(PlannedStep step, String call, RuntimeException cause) {
        super(
                "step " + step.step() + " (" + step.action().wireName() + " " + step.resource() + ") failed"
                        + (call == null ? "" : " at " + call) + ": " + cause.getMessage(),
                cause);
        this.step = step;
    }

    public PlannedStep step() {
        return step;
    }
}
