package io.trailstream.control;

import java.util.Map;
import org.apache.flink.api.common.state.MapState;

/**
 * The control applier's state: integrations and tenants in keyed {@link MapState} (one key for the whole
 * control stream), over the job config's seeds. Keyed state rescales and restores like any other.
 */
public class KeyedControlStore extends SeededControlStore {
    private final MapState<String, Integration> integrations;
    private final MapState<String, Tenant> tenants;

    public KeyedControlStore(
            MapState<String, Integration> integrations, MapState<String, Tenant> tenants, ControlView seeds) {
        super(seeds);
        this.integrations = integrations;
        this.tenants = tenants;
    }

    @Override
    Integration storedIntegration(String integrationId) throws Exception {
        return integrations.get(integrationId);
    }

    @Override
    Tenant storedTenant(String tenantId) throws Exception {
        return tenants.get(tenantId);
    }

    @Override
    Iterable<Map.Entry<String, Integration>> storedIntegrations() throws Exception {
        return integrations.entries();
    }

    @Override
    Iterable<Map.Entry<String, Tenant>> storedTenants() throws Exception {
        return tenants.entries();
    }

    @Override
    void storeIntegration(Integration integration) throws Exception {
        integrations.put(integration.integrationId, integration);
    }

    @Override
    void storeTenant(Tenant tenant) throws Exception {
        tenants.put(tenant.tenantId, tenant);
    }
}
