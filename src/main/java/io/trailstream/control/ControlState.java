package io.trailstream.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Integrations and tenants in memory, optionally over seeds (the job config's integrations) that it
 * prefers its own entries to. It is the state of the ops command line (replaying a folder of
 * messages) and of tests; the job keeps the same two maps in Flink broadcast state
 * ({@link BroadcastControlStore}).
 */
public class ControlState implements ControlStore {
    private final Map<String, Integration> integrations = new TreeMap<>();
    private final Map<String, Tenant> tenants = new TreeMap<>();
    private final ControlView seeds;

    public ControlState() {
        this(null);
    }

    /** @param seeds consulted for ids this state has no entry of; may be null */
    public ControlState(ControlView seeds) {
        this.seeds = seeds;
    }

    @Override
    public Integration integration(String integrationId) {
        Integration i = integrations.get(integrationId);
        return i != null || seeds == null ? i : seeds.integration(integrationId);
    }

    @Override
    public Tenant tenant(String tenantId) {
        Tenant t = tenants.get(tenantId);
        return t != null || seeds == null ? t : seeds.tenant(tenantId);
    }

    @Override
    public Iterable<Integration> integrations() {
        List<Integration> all = new ArrayList<>(integrations.values());
        if (seeds != null) {
            for (Integration s : seeds.integrations()) {
                if (!integrations.containsKey(s.integrationId)) all.add(s);
            }
        }
        return all;
    }

    @Override
    public Iterable<Tenant> tenants() {
        List<Tenant> all = new ArrayList<>(tenants.values());
        if (seeds != null) {
            for (Tenant s : seeds.tenants()) {
                if (!tenants.containsKey(s.tenantId)) all.add(s);
            }
        }
        return all;
    }

    @Override
    public void putIntegration(Integration integration) {
        integrations.put(integration.integrationId, integration);
    }

    @Override
    public void putTenant(Tenant tenant) {
        tenants.put(tenant.tenantId, tenant);
    }
}
