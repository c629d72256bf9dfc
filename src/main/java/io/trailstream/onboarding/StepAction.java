package io.trailstream.onboarding;

import java.util.Locale;

/** What a step of the plan does to its resource. */
public enum StepAction {
    /** The resource does not exist: apply creates it (tagged as this integration's). */
    CREATE,
    /** It exists and differs from what the integration needs: apply changes (or merges into) it. */
    UPDATE,
    /** It is as needed, or reused as it is. */
    NONE,
    /** It cannot be used as it is and apply will not change it: the reason says what is missing. */
    CONFLICT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean changes() {
        return this == CREATE || this == UPDATE;
    }
}
