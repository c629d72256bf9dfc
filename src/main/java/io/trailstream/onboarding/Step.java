package io.trailstream.onboarding;

import java.util.List;

/**
 * One resource (or one merged entry) of an integration, seen three ways: {@link #plan} says what apply would do
 * from the discovered facts, {@link #apply} does it (only when the plan said create or update), and {@link
 * #undo} lists what teardown undoes: exactly what apply made (tagged resources, our Sids, our target, the flag
 * our tag says we turned on), never what was reused.
 */
public interface Step {
    /** The step's name in plans: {@code bucket}, {@code trail}, ... */
    String name();

    /** What apply would do; null when the request does not concern this step (no KMS key asked for). */
    PlannedStep plan(StepContext c);

    /** Carries out {@code planned} (create or update). */
    void apply(StepContext c, PlannedStep planned);

    /** What teardown does for this step, in order; empty when nothing of it is ours. */
    List<UndoCommand> undo(StepContext c);
}
