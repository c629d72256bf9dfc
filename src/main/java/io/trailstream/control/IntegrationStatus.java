package io.trailstream.control;

import java.util.Locale;

/** The status ops give an integration; only {@code ACTIVE} integrations have their objects fetched. */
public enum IntegrationStatus {
    ACTIVE,
    SUSPENDED,
    DISCONNECTED,
    DELETED;

    /** The lower-case name used in messages, tables and the ledger. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name, case-insensitively; throws {@link IllegalArgumentException} naming the value. */
    public static IntegrationStatus fromWire(String value) {
        if (value != null) {
            for (IntegrationStatus s : values()) {
                if (s.wireName().equalsIgnoreCase(value.trim())) return s;
            }
        }
        throw new IllegalArgumentException(
                "unknown integration status '" + value + "' (expected active, suspended, disconnected or deleted)");
    }
}
