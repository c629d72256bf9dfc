package io.trailstream.integrity.health;

import java.util.Locale;

/**
 * The health of an integration, or of one account and region of it, as the {@code integration_health} table and
 * {@code trailstream integration list} show it. Ordered from best to worst: an integration's health is the worst of
 * its parts, and {@link #level()} is what the health gauge reports.
 */
public enum HealthStatus {
    /** Objects arrive, are read, digests chain. */
    HEALTHY,
    /** An active integration sent no object at all for the silence timeout. */
    SILENT,
    /** An hourly digest is overdue, a chain restarted, or a digest named by its successor never came. */
    GAP,
    /** Reads are refused (AccessDenied on GetObject or AssumeRole) or the bucket does not exist. */
    ACCESS_DENIED;

    /** 0 healthy, 1 silent, 2 gap, 3 access_denied. */
    public int level() {
        return ordinal();
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status of a wire name (any case); throws naming the value and the choices. */
    public static HealthStatus fromWire(String value) {
        if (value != null) {
            for (HealthStatus s : values()) {
                if (s.wireName().equalsIgnoreCase(value.strip())) return s;
            }
        }
        throw new IllegalArgumentException(
                "unknown health '" + value + "' (expected healthy, silent, gap or access_denied)");
    }

    @Override
    public String toString() {
        return wireName();
    }
}
