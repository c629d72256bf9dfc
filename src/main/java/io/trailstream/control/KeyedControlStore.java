package io.trailstream.control;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.state.MapState;

/**
 * The control applier's state: integrations and tenants in keyed {@link MapState} (one key for the whole
 * control stream), over the job config's seeds. Keyed state rescales and restores like any other.
 */
public class KeyedControlStore implements ControlStore {
    private final MapState<String, Integration> integrations;
    private final MapState<String, Tenant> tenants;
    private final ControlView seeds;

    public KeyedControlStore(MapState<String, Integration> integrations, MapState<String, Tenant> tenants,
            ControlView seeds) {
        this.integrations = integrations;
        this.tenants = tenants;
        this.seeds = seeds == null ? InitialIntegrations.none() : seeds;
    }

    @Override
    public Integration integration(String integrationId) {
        Integration i = get(integrations, integrationId);
        return i != null ? i : seeds.integration(integrationId);
    }

    @Override
    public Tenant tenant(String tenantId) {
        Tenant t = get(tenants, tenantId);
        return t != null ? t : seeds.tenant(tenantId);
    }

    @Override
    public Iterable<Integration> integrations() {
        List<Integration> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, Integration> e : entries(integrations)) {
            all.add(e.getValue());
            seen.add(e.getKey());
        }
        for (Integration s : seeds.integrations()) {
            if (!seen.contains(s.integrationId)) all.add(s);
        }
        return all;
    }

    @Override
    public Iterable<Tenant> tenants() {
        List<Tenant> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, Tenant> e : entries(tenants)) {
            all.add(e.getValue());
            seen.add(e.getKey());
        }
        for (Tenant s : seeds.tenants()) {
            if (!seen.contains(s.tenantId)) all.add(s);
        }
        return all;
    }

    @Override
    public void putIntegration(Integration integration) {
        try {
            integrations.put(integration.integrationId, integration);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write integration state", e);
        }
    }

    @Override
    public void putTenant(Tenant tenant) {
        try {
            tenants.put(tenant.tenantId, tenant);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write tenant state", e);
        }
    }

    private static <V> V get(MapState<String, V> state, String key) {
        if (key == null) return null;
        try {
            return state.get(key);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read control state", e);
        }
    }

    private static <V> Iterable<Map.Entry<String, V>> entries(MapState<String, V> state) {
        try {
            Iterable<Map.Entry<String, V>> it = state.entries();
            return it == null ? List.of() : it;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read control state", e);
        }
    }
}
