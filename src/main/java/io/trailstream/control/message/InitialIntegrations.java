package io.trailstream.control.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailstream.control.ControlView;
import io.trailstream.control.Integration;
import io.trailstream.control.SeededControlStore;
import io.trailstream.control.Tenant;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The integrations listed in the job config, the state the job starts from before any control
 * message. Control messages override them per id: once a message has changed an id, the entry in
 * broadcast state wins over the config (see {@link SeededControlStore}).
 *
 * <p>Input: the config's {@code integrations} list as Jackson or SnakeYAML hand it over, a list of
 * maps with the keys of an upsert's {@code integration} object plus {@code integration_id}:
 * <pre>
 * integrations:
 *   - integration_id: acme-prod
 *     tenant_id: acme
 *     display_name: ACME production
 *     bucket: acme-cloudtrail
 *     prefix: trails            # optional
 *     organization_id: o-abc123def456   # optional
 *     included_accounts: ["111111111111"]  # optional, Organization trails only; absent = all
 *     status: active            # optional; active, suspended or disconnected
 * </pre>
 * A bad entry is a configuration error and fails fast with {@link IllegalArgumentException}.
 */
public final class InitialIntegrations implements ControlView, Serializable {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final LinkedHashMap<String, Integration> byId = new LinkedHashMap<>();

    private InitialIntegrations() {}

    public static InitialIntegrations none() {
        return new InitialIntegrations();
    }

    /** From the config's list of maps; null means none. */
    public static InitialIntegrations fromConfig(List<? extends Map<String, ?>> entries) {
        return fromJson(entries == null ? null : MAPPER.valueToTree(entries));
    }

    /** From a JSON array of objects; null or a JSON null means none. */
    public static InitialIntegrations fromJson(JsonNode entries) {
        InitialIntegrations out = new InitialIntegrations();
        if (entries == null || entries.isNull() || entries.isMissingNode()) return out;
        if (!entries.isArray()) throw new IllegalArgumentException("integrations: expected a list");
        int index = 0;
        for (JsonNode entry : entries) {
            Integration i;
            try {
                i = read(entry);
            } catch (ControlRejectException e) {
                throw new IllegalArgumentException(
                        "integrations[" + index + "]: " + e.reason().code() + ": " + e.detail());
            }
            if (out.byId.putIfAbsent(i.integrationId, i) != null) {
                throw new IllegalArgumentException(
                        "integrations[" + index + "]: integration_id " + i.integrationId + " is listed twice");
            }
            index++;
        }
        return out;
    }

    private static Integration read(JsonNode entry) throws ControlRejectException {
        if (entry == null || !entry.isObject())
            throw new ControlRejectException(RejectReason.BAD_FIELD, "expected an object");
        String id = new JsonFields(entry, "").requiredIdentifier("integration_id");
        IntegrationPatch p = IntegrationPayload.read(entry, "", List.of("integration_id"));
        for (String required : List.of(IntegrationPatch.TENANT_ID, IntegrationPatch.BUCKET)) {
            if (!p.has(required))
                throw new ControlRejectException(
                        RejectReason.MISSING_FIELD, "required field '" + required + "' is missing");
        }
        Integration base = new Integration();
        base.integrationId = id;
        Integration i = p.applyTo(base);
        if (i.displayName == null) i.displayName = id;
        if (i.organizationId == null && i.includedAccounts != null) {
            throw new ControlRejectException(
                    RejectReason.NOT_AN_ORGANIZATION, "included_accounts needs organization_id");
        }
        return i;
    }

    /** Seeds made of integrations already built (e.g. the config's, rewritten for a local run). */
    public static InitialIntegrations of(Iterable<Integration> integrations) {
        InitialIntegrations out = new InitialIntegrations();
        for (Integration i : integrations) {
            if (out.byId.putIfAbsent(i.integrationId, i.copy()) != null) {
                throw new IllegalArgumentException("integration_id " + i.integrationId + " is listed twice");
            }
        }
        return out;
    }

    public int size() {
        return byId.size();
    }

    @Override
    public Integration integration(String integrationId) {
        Integration i = byId.get(integrationId);
        return i == null ? null : i.copy();
    }

    @Override
    public Tenant tenant(String tenantId) {
        return null;
    }

    @Override
    public Iterable<Integration> integrations() {
        return Collections.unmodifiableCollection(byId.values());
    }

    @Override
    public Iterable<Tenant> tenants() {
        return List.of();
    }
}
