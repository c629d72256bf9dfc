package io.trailstream.control;

import java.util.ArrayList;
import java.util.List;

/**
 * Read access to the integrations and tenants the job knows, whatever holds them: Flink broadcast
 * state, the job config, or an in-memory {@link ControlState} in tests and the ops command line.
 * The router and the applier see the state only through this.
 */
public interface ControlView {
    /** The integration with this id (a tombstone if deleted), or null. */
    Integration integration(String integrationId);

    /** The tenant with this id, or null (a tenant without a record is licensed). */
    Tenant tenant(String tenantId);

    /** Every integration, tombstones included; each id once. */
    Iterable<Integration> integrations();

    /** Every tenant with a record. */
    Iterable<Tenant> tenants();

    /** A view of nothing: no integration, no tenant. */
    static ControlView none() {
        return NoControlState.INSTANCE;
    }

    /** The integrations of one tenant, tombstones included. */
    default List<Integration> integrationsOf(String tenantId) {
        List<Integration> out = new ArrayList<>();
        for (Integration i : integrations()) {
            if (tenantId != null && tenantId.equals(i.tenantId)) out.add(i);
        }
        return out;
    }
}

/** The empty view {@link ControlView#none()} returns. */
enum NoControlState implements ControlView {
    INSTANCE;

    @Override
    public Integration integration(String integrationId) {
        return null;
    }

    @Override
    public Tenant tenant(String tenantId) {
        return null;
    }

    @Override
    public Iterable<Integration> integrations() {
        return List.of();
    }

    @Override
    public Iterable<Tenant> tenants() {
        return List.of();
    }
}
