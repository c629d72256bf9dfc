package io.trailstream.control.message;

import java.util.List;
import java.util.Locale;

/**
 * What a control message asks for. Each kind names the fields it needs, so the parser can reject a
 * message with a missing or a foreign field before it reaches the state.
 */
public enum ControlKind {
    UPSERT_INTEGRATION(false, List.of("integration"), List.of()),
    SET_STATUS(false, List.of("status"), List.of()),
    SET_ACCOUNTS(false, List.of("accounts"), List.of()),
    ADD_ACCOUNTS(false, List.of("accounts"), List.of()),
    REMOVE_ACCOUNTS(false, List.of("accounts"), List.of()),
    DELETE_INTEGRATION(false, List.of(), List.of()),
    LICENCE_EXPIRED(true, List.of(), List.of()),
    LICENCE_RENEWED(true, List.of(), List.of("valid_until")),
    LICENCE_VALID_UNTIL(true, List.of("valid_until"), List.of());

    private final boolean tenantKind;
    private final List<String> requiredFields;
    private final List<String> optionalFields;

    ControlKind(boolean tenantKind, List<String> requiredFields, List<String> optionalFields) {
        this.tenantKind = tenantKind;
        this.requiredFields = requiredFields;
        this.optionalFields = optionalFields;
    }

    /** The lower-case name used on the wire and in {@code control_audit}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind of a wire name, or null when there is none. */
    public static ControlKind fromWire(String value) {
        if (value == null) return null;
        for (ControlKind k : values()) {
            if (k.wireName().equals(value)) return k;
        }
        return null;
    }

    /** Licence kinds address a tenant ({@code tenant_id}); the others an integration ({@code integration_id}). */
    public boolean isTenantKind() {
        return tenantKind;
    }

    /** Kind-specific fields that must be present (a present JSON null may still be allowed, e.g. for accounts). */
    public List<String> requiredFields() {
        return requiredFields;
    }

    /** Kind-specific fields that may be present. */
    public List<String> optionalFields() {
        return optionalFields;
    }

    /** Whether {@code field} belongs to this kind's specific fields. */
    public boolean usesField(String field) {
        return requiredFields.contains(field) || optionalFields.contains(field);
    }

    /** Comma-separated wire names, for error messages. */
    public static String allWireNames() {
        StringBuilder sb = new StringBuilder();
        for (ControlKind k : values()) {
            if (sb.length() > 0) sb.append(", ");
            sb.append(k.wireName());
        }
        return sb.toString();
    }
}
