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

    /** The integrations of one tenant, tombstones included. */
    default List<Integration> integrationsOf(String tenantId) {
        List<Integration> out = new ArrayList<>();
        for (Integration i : integrations()) {
            if (tenantId != null && tenantId.equals(i.tenantId)) out.add(i);
        }
        return out;
    }
}
