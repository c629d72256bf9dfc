package io.trailstream.control;

import io.trailstream.control.message.InitialIntegrations;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link ControlStore} whose own entries (in some Flink state) win over the config's seeds of the same
 * id. Subclasses only say how to read and write their state; the merge with the seeds lives here once.
 * Flink's state access declares {@code Exception}; anything it throws is rethrown unchecked.
 */
abstract class SeededControlStore implements ControlStore {
    private final ControlView seeds;

    SeededControlStore(ControlView seeds) {
        this.seeds = seeds == null ? InitialIntegrations.none() : seeds;
    }

    /** A state read or write, which Flink declares may throw. */
    interface StateCall<T> {
        T call() throws Exception;
    }

    abstract Integration storedIntegration(String integrationId) throws Exception;

    abstract Tenant storedTenant(String tenantId) throws Exception;

    abstract Iterable<Map.Entry<String, Integration>> storedIntegrations() throws Exception;

    abstract Iterable<Map.Entry<String, Tenant>> storedTenants() throws Exception;

    abstract void storeIntegration(Integration integration) throws Exception;

    abstract void storeTenant(Tenant tenant) throws Exception;

    @Override
    public Integration integration(String integrationId) {
        if (integrationId == null) return null;
        Integration i = call(() -> storedIntegration(integrationId));
        return i != null ? i : seeds.integration(integrationId);
    }

    @Override
    public Tenant tenant(String tenantId) {
        if (tenantId == null) return null;
        Tenant t = call(() -> storedTenant(tenantId));
        return t != null ? t : seeds.tenant(tenantId);
    }

    @Override
    public Iterable<Integration> integrations() {
        List<Integration> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, Integration> e : nonNull(call(this::storedIntegrations))) {
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
        for (Map.Entry<String, Tenant> e : nonNull(call(this::storedTenants))) {
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
        call(() -> {
            storeIntegration(integration);
            return null;
        });
    }

    @Override
    public void putTenant(Tenant tenant) {
        call(() -> {
            storeTenant(tenant);
            return null;
        });
    }

    private static <T> Iterable<T> nonNull(Iterable<T> it) {
        return it == null ? List.of() : it;
    }

    private static <T> T call(StateCall<T> c) {
        try {
            return c.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("control state: " + e, e);
        }
    }
}
