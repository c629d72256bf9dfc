package io.trailstream.onboarding;

/**
 * One step of teardown: the AWS CLI command that undoes something apply made (printed, so a person can run it
 * or read it first) and the same call through the SDK ({@code run}); a note (no {@code run}) says what stays.
 */
public record UndoCommand(String cli, Runnable run) {
    public static UndoCommand note(String text) {
        return new UndoCommand("# " + text, null);
    }

    public boolean isNote() {
        return run == null;
    }
}
