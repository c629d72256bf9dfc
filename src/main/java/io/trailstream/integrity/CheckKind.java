package io.trailstream.integrity;

import java.util.Locale;

/** What one row of the {@code integrity} table checks: a digest file, or a log file a digest lists (or should). */
public enum CheckKind {
    DIGEST,
    LOG_FILE;

    /** The lower-case name stored in the {@code kind} column. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return wireName();
    }
}
