package io.trailstream.control.apply;

import java.util.Locale;

/** What became of a control message: the {@code outcome} column of {@code control_audit}. */
public enum ApplyOutcome {
    /** The state took the message (possibly with no visible change, e.g. suspending a suspended integration). */
    APPLIED,
    /** The same message id was the last one applied to this target: nothing to do again. */
    DUPLICATE,
    /** Issued before the target's last applied change: applying it would undo a newer one. */
    IGNORED_STALE,
    /** Invalid, or not applicable to the state (unknown integration, …). */
    REJECTED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
