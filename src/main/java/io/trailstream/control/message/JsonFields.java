package io.trailstream.control.message;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;

/**
 * Typed reading of one JSON object's fields, turning every shape error into a
 * {@link ControlRejectException} that names the field. Shared by the message parser and the config
 * loader, so both speak the same rules.
 */
final class JsonFields {
    private final JsonNode node;
    /** Prefix for field names in details, e.g. {@code integration.} for the upsert payload. */
    private final String path;

    JsonFields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    boolean has(String field) {
        return node.has(field);
    }

    /** Rejects any field not in {@code allowed}, naming {@code context} (e.g. the kind). */
    void rejectUnknown(Collection<String> allowed, String context) throws ControlRejectException {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw new ControlRejectException(
                        RejectReason.UNKNOWN_FIELD, "field '" + path + f + "' is not used by " + context);
            }
        }
    }

    /** A present, non-null string. */
    String requiredString(String field) throws ControlRejectException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) throw missing(field);
        return text(field, v);
    }

    /** A string, or null when absent or JSON null. */
    String optionalString(String field) throws ControlRejectException {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : text(field, v);
    }

    String requiredIdentifier(String field) throws ControlRejectException {
        String v = requiredString(field);
        if (!ControlValidation.isIdentifier(v)) throw bad(field, v, "letters, digits, '.', '_' or '-', at most 128");
        return v;
    }

    /** Epoch millis of an ISO-8601 instant, or 0 when absent or null. */
    long optionalInstant(String field) throws ControlRejectException {
        String v = optionalString(field);
        if (v == null) return 0;
        try {
            long millis = WireTime.parseMillis(v);
            if (millis <= 0) throw bad(field, v, "an instant after 1970-01-01T00:00:00Z");
            return millis;
        } catch (DateTimeParseException e) {
            throw bad(field, v, "an ISO-8601 instant such as 2026-11-27T10:00:00Z");
        }
    }

    /**
     * A list of account ids, canonical; null when the field is JSON null and {@code nullAllowed}.
     * Empty lists are refused: an include-list of nothing would collect nothing.
     */
    List<String> accounts(String field, boolean nullAllowed) throws ControlRejectException {
        JsonNode v = node.get(field);
        if (v == null) throw missing(field);
        if (v.isNull()) {
            if (nullAllowed) return null;
            throw new ControlRejectException(
                    RejectReason.BAD_FIELD, "'" + path + field + "' must be a list of account ids");
        }
        if (!v.isArray())
            throw new ControlRejectException(
                    RejectReason.BAD_FIELD, "'" + path + field + "' must be a list of account ids");
        if (v.isEmpty()) {
            throw new ControlRejectException(
                    RejectReason.BAD_FIELD,
                    "'" + path + field + "' is empty; an include-list of " + "no account would collect nothing"
                            + (nullAllowed ? " (null means all accounts)" : ""));
        }
        List<String> out = new ArrayList<>();
        for (JsonNode a : v) {
            if (!a.isTextual() || !ControlValidation.isAccountId(a.asText())) {
                throw new ControlRejectException(
                        RejectReason.BAD_ACCOUNT_ID,
                        "'" + path + field + "' holds " + a.toString()
                                + ", not an account id (a string of exactly 12 digits)");
            }
            out.add(a.asText());
        }
        return ControlValidation.canonicalAccounts(out);
    }

    private String text(String field, JsonNode v) throws ControlRejectException {
        if (!v.isTextual())
            throw new ControlRejectException(
                    RejectReason.BAD_FIELD,
                    "'" + path + field + "' must be a string, not "
                            + v.getNodeType().name().toLowerCase());
        return v.asText();
    }

    ControlRejectException missing(String field) {
        return new ControlRejectException(
                RejectReason.MISSING_FIELD, "required field '" + path + field + "' is missing");
    }

    ControlRejectException bad(String field, String value, String expected) {
        return new ControlRejectException(
                RejectReason.BAD_FIELD, "'" + path + field + "' is '" + clip(value) + "'; expected " + expected);
    }

    /** At most 80 characters of a value, for details. */
    static String clip(String s) {
        return s == null ? "null" : s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }
}
