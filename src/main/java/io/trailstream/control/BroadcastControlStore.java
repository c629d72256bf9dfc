package io.trailstream.control;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;

/**
 * The control state as Flink broadcast state (the maps of {@link ControlStateDescriptors}) over the
 * config's {@link InitialIntegrations}: entries in state win over config entries of the same id.
 *
 * <p>Built per call from the context's state handles: with {@link #readOnly} on the keyed side for the
 * router, with {@link #writable} on the broadcast side to apply messages. Flink's state access
 * declares {@code Exception}; heap broadcast state does not throw, and anything it throws is
 * rethrown unchecked.
 */
public class BroadcastControlStore implements ControlStore {
    private final ReadOnlyBroadcastState<String, Integration> integrations;
    private final ReadOnlyBroadcastState<String, Tenant> tenants;
    private final BroadcastState<String, Integration> writableIntegrations;
    private final BroadcastState<String, Tenant> writableTenants;
    private final ControlView seeds;

    private BroadcastControlStore(ReadOnlyBroadcastState<String, Integration> integrations, ReadOnlyBroadcastState<String, Tenant> tenants,
            BroadcastState<String, Integration> wi, BroadcastState<String, Tenant> wt, ControlView seeds) {
        this.integrations = integrations;
        this.tenants = tenants;
        this.writableIntegrations = wi;
        this.writableTenants = wt;
        this.seeds = seeds == null ? InitialIntegrations.none() : seeds;
    }

    public static BroadcastControlStore readOnly(ReadOnlyBroadcastState<String, Integration> integrations,
            ReadOnlyBroadcastState<String, Tenant> tenants, ControlView seeds) {
        return new BroadcastControlStore(integrations, tenants, null, null, seeds);
    }

    public static BroadcastControlStore writable(BroadcastState<String, Integration> integrations,
            BroadcastState<String, Tenant> tenants, ControlView seeds) {
        return new BroadcastControlStore(integrations, tenants, integrations, tenants, seeds);
    }

    @Override
    public Integration integration(String integrationId) {
        Integration i = call(() -> integrations.get(integrationId));
        return i != null ? i : seeds.integration(integrationId);
    }

    @Override
    public Tenant tenant(String tenantId) {
        Tenant t = call(() -> tenants.get(tenantId));
        return t != null ? t : seeds.tenant(tenantId);
    }

    @Override
    public Iterable<Integration> integrations() {
        List<Integration> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, Integration> e : call(integrations::immutableEntries)) {
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
        for (Map.Entry<String, Tenant> e : call(tenants::immutableEntries)) {
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
        if (writableIntegrations == null) throw new UnsupportedOperationException("read-only view of the control state");
        run(() -> writableIntegrations.put(integration.integrationId, integration));
    }

    @Override
    public void putTenant(Tenant tenant) {
        if (writableTenants == null) throw new UnsupportedOperationException("read-only view of the control state");
        run(() -> writableTenants.put(tenant.tenantId, tenant));
    }

    private interface StateCall<T> {
        T call() throws Exception;
    }

    private interface StateRun {
        void run() throws Exception;
    }

    private static <T> T call(StateCall<T> c) {
        try {
            return c.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("control broadcast state: " + e, e);
        }
    }

    private static void run(StateRun r) {
        call(() -> {
            r.run();
            return null;
        });
    }
}
