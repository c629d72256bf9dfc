package io.trailstream.control.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailstream.control.Integration;
import io.trailstream.control.Tenant;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes control messages in their wire form and integration / tenant state as JSON, for the
 * publisher and for the {@code state_before} / {@code state_after} columns of {@code control_audit}.
 * The wire form is exactly what {@link ControlMessageParser} reads.
 */
public final class ControlJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ControlJson() {}

    /** The wire JSON of {@code m} (its {@link ControlMessage#json} is ignored), compact, one line. */
    public static String toWire(ControlMessage m) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("version", m.version);
        n.put("message_id", m.messageId);
        n.put("issued_at", WireTime.format(m.issuedAtMillis));
        n.put("author", m.author);
        n.put("kind", m.kind.wireName());
        if (!m.kind.isTenantKind()) n.put("integration_id", m.integrationId);
        if (m.tenantId != null && m.kind != ControlKind.UPSERT_INTEGRATION) n.put("tenant_id", m.tenantId);
        switch (m.kind) {
            case UPSERT_INTEGRATION -> n.set("integration", patch(m.integration));
            case SET_STATUS -> n.put("status", m.status.wireName());
            case SET_ACCOUNTS, ADD_ACCOUNTS, REMOVE_ACCOUNTS -> putAccounts(n, "accounts", m.accounts);
            case LICENCE_RENEWED -> {
                if (m.validUntilMillis != 0) n.put("valid_until", WireTime.format(m.validUntilMillis));
            }
            case LICENCE_VALID_UNTIL -> {
                if (m.validUntilMillis == 0) n.putNull("valid_until");
                else n.put("valid_until", WireTime.format(m.validUntilMillis));
            }
            case DELETE_INTEGRATION, LICENCE_EXPIRED -> {}
        }
        return write(n);
    }

    private static ObjectNode patch(IntegrationPatch p) {
        ObjectNode n = MAPPER.createObjectNode();
        for (String f : p.fields) {
            switch (f) {
                case IntegrationPatch.TENANT_ID -> n.put(f, p.tenantId);
                case IntegrationPatch.DISPLAY_NAME -> n.put(f, p.displayName);
                case IntegrationPatch.BUCKET -> n.put(f, p.bucket);
                case IntegrationPatch.PREFIX -> n.put(f, p.prefix);
                case IntegrationPatch.ORGANIZATION_ID -> n.put(f, p.organizationId);
                case IntegrationPatch.INCLUDED_ACCOUNTS -> putAccounts(n, f, p.includedAccounts);
                case IntegrationPatch.STATUS -> n.put(f, p.status == null ? null : p.status.wireName());
                case IntegrationPatch.ROLE_ARN -> n.put(f, p.roleArn);
                case IntegrationPatch.EXTERNAL_ID -> n.put(f, p.externalId);
                default -> throw new IllegalStateException("unknown integration field " + f);
            }
        }
        return n;
    }

    /** The state of an integration, or null for none. */
    public static String integration(Integration i) {
        if (i == null) return null;
        ObjectNode n = MAPPER.createObjectNode();
        n.put("integration_id", i.integrationId);
        n.put("tenant_id", i.tenantId);
        n.put("display_name", i.displayName);
        n.put("bucket", i.bucket);
        n.put("prefix", i.prefix);
        n.put("organization_id", i.organizationId);
        putAccounts(n, "included_accounts", i.includedAccounts);
        n.put("status", i.status == null ? null : i.status.wireName());
        n.put("role_arn", i.roleArn);
        n.put("external_id", i.externalId);
        n.put("updated_at", i.updatedAtMillis == 0 ? null : WireTime.format(i.updatedAtMillis));
        n.put("last_message_id", i.lastMessageId);
        return write(n);
    }

    /** The licence state of a tenant, or null for none. */
    public static String tenant(Tenant t) {
        if (t == null) return null;
        ObjectNode n = MAPPER.createObjectNode();
        n.put("tenant_id", t.tenantId);
        n.put("licence_expired", t.licenceExpired);
        n.put("valid_until", t.validUntilMillis == 0 ? null : WireTime.format(t.validUntilMillis));
        n.put("updated_at", t.updatedAtMillis == 0 ? null : WireTime.format(t.updatedAtMillis));
        n.put("last_message_id", t.lastMessageId);
        return write(n);
    }

    private static void putAccounts(ObjectNode n, String field, List<String> accounts) {
        if (accounts == null) {
            n.putNull(field);
            return;
        }
        ArrayNode a = n.putArray(field);
        accounts.forEach(a::add);
    }

    private static String write(ObjectNode n) {
        try {
            return MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
