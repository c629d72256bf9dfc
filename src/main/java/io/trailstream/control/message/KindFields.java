package io.trailstream.control.message;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Reads the fields specific to each {@link ControlKind} into a {@link ControlMessage}. */
final class KindFields {
    private KindFields() {}

    static void read(ControlKind kind, JsonNode root, ControlMessage m) throws ControlRejectException {
        JsonFields f = new JsonFields(root, "");
        switch (kind) {
            case UPSERT_INTEGRATION -> m.integration = upsert(root, m);
            case SET_STATUS -> m.status = IntegrationPayload.status(f, "status", "");
            case SET_ACCOUNTS -> m.accounts = f.accounts("accounts", true);
            case ADD_ACCOUNTS, REMOVE_ACCOUNTS -> m.accounts = f.accounts("accounts", false);
            case LICENCE_RENEWED -> m.validUntilMillis = f.optionalInstant("valid_until");
            case LICENCE_VALID_UNTIL -> m.validUntilMillis = f.optionalInstant("valid_until");
            case DELETE_INTEGRATION, LICENCE_EXPIRED -> {}
        }
    }

    /** The payload; a top-level tenant_id stands for the payload's when it has none, and must agree otherwise. */
    private static IntegrationPatch upsert(JsonNode root, ControlMessage m) throws ControlRejectException {
        JsonNode node = root.get("integration");
        if (node != null && node.isObject() && node.isEmpty()) {
            throw new ControlRejectException(RejectReason.MISSING_FIELD, "'integration' names no field to set");
        }
        IntegrationPatch p = IntegrationPayload.read(node, "integration.", List.of());
        if (m.tenantId != null) {
            if (!p.has(IntegrationPatch.TENANT_ID)) {
                p.tenantId(m.tenantId);
            } else if (!m.tenantId.equals(p.tenantId)) {
                throw new ControlRejectException(
                        RejectReason.BAD_FIELD,
                        "tenant_id '" + m.tenantId + "' differs from integration.tenant_id '" + p.tenantId + "'");
            }
        }
        m.tenantId = p.tenantId;
        return p;
    }
}
