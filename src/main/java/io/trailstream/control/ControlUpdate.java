package io.trailstream.control;

import io.trailstream.control.apply.ApplyResult;

/**
 * The state an applied control message left behind, broadcast to every routing subtask. Routing only
 * stores it: the message was validated, ordered and applied once, by the control applier.
 */
public class ControlUpdate {
    /** The integration after the change, or null when the message changed a tenant. */
    public Integration integration;
    /** The tenant after the change, or null when the message changed an integration. */
    public Tenant tenant;

    public ControlUpdate() {}

    public static ControlUpdate of(ApplyResult r) {
        ControlUpdate u = new ControlUpdate();
        if (r.changesIntegration()) u.integration = r.integrationAfter.copy();
        if (r.changesTenant()) u.tenant = r.tenantAfter.copy();
        return u;
    }

    /** Writes this update into {@code store}. */
    public void applyTo(ControlStore store) {
        if (integration != null) store.putIntegration(integration);
        if (tenant != null) store.putTenant(tenant);
    }

    @Override
    public String toString() {
        return "ControlUpdate{" + (integration != null ? integration : "") + (tenant != null ? " " + tenant : "") + "}";
    }
}
