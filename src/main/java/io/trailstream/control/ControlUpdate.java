package io.trailstream.control;

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

    /** An update of {@code integration} or {@code tenant} (the other null); copies what it is given. */
    public static ControlUpdate of(Integration integration, Tenant tenant) {
        ControlUpdate u = new ControlUpdate();
        if (integration != null) u.integration = integration.copy();
        if (tenant != null) u.tenant = tenant.copy();
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
