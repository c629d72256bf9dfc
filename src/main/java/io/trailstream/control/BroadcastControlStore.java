package io.trailstream.control;

import io.trailstream.control.message.InitialIntegrations;
import java.util.Map;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;

/**
 * The control state as Flink broadcast state (the maps of {@link ControlStateDescriptors}) over the
 * config's {@link InitialIntegrations}: entries in state win over config entries of the same id.
 *
 * <p>Built per call from the context's state handles: with {@link #readOnly} on the keyed side for the
 * router, with {@link #writable} on the broadcast side to store the applied state.
 */
public class BroadcastControlStore extends SeededControlStore {
    private final ReadOnlyBroadcastState<String, Integration> integrations;
    private final ReadOnlyBroadcastState<String, Tenant> tenants;
    private final BroadcastState<String, Integration> writableIntegrations;
    private final BroadcastState<String, Tenant> writableTenants;

    private BroadcastControlStore(
            ReadOnlyBroadcastState<String, Integration> integrations,
            ReadOnlyBroadcastState<String, Tenant> tenants,
            BroadcastState<String, Integration> wi,
            BroadcastState<String, Tenant> wt,
            ControlView seeds) {
        super(seeds);
        this.integrations = integrations;
        this.tenants = tenants;
        this.writableIntegrations = wi;
        this.writableTenants = wt;
    }

    public static BroadcastControlStore readOnly(
            ReadOnlyBroadcastState<String, Integration> integrations,
            ReadOnlyBroadcastState<String, Tenant> tenants,
            ControlView seeds) {
        return new BroadcastControlStore(integrations, tenants, null, null, seeds);
    }

    public static BroadcastControlStore writable(
            BroadcastState<String, Integration> integrations,
            BroadcastState<String, Tenant> tenants,
            ControlView seeds) {
        return new BroadcastControlStore(integrations, tenants, integrations, tenants, seeds);
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
        return integrations.immutableEntries();
    }

    @Override
    Iterable<Map.Entry<String, Tenant>> storedTenants() throws Exception {
        return tenants.immutableEntries();
    }

    @Override
    void storeIntegration(Integration integration) throws Exception {
        if (writableIntegrations == null)
            throw new UnsupportedOperationException("read-only view of the control state");
        writableIntegrations.put(integration.integrationId, integration);
    }

    @Override
    void storeTenant(Tenant tenant) throws Exception {
        if (writableTenants == null) throw new UnsupportedOperationException("read-only view of the control state");
        writableTenants.put(tenant.tenantId, tenant);
    }
}
