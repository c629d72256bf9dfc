package io.trailstream.control;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;

/**
 * The control state as a {@link ControlStore}: two {@link StateMap}s (integrations and tenants by id) whose
 * entries win over the config's seeds of the same id. The layering lives here once, whatever holds the maps:
 * the applier's keyed state ({@link #keyed}), routing's broadcast state ({@link #readOnlyBroadcast} on the keyed
 * side, {@link #broadcast} on the broadcast side) or memory ({@link ControlState}). Anything Flink's state
 * access throws is rethrown unchecked.
 */
public class SeededControlStore implements ControlStore {
    private final StateMap<Integration> integrations;
    private final StateMap<Tenant> tenants;
    /** Null when there are none. */
    private final ControlView seeds;

    SeededControlStore(StateMap<Integration> integrations, StateMap<Tenant> tenants, ControlView seeds) {
        this.integrations = integrations;
        this.tenants = tenants;
        this.seeds = seeds;
    }

    /** The applier's state: keyed map state under one key, over {@code seeds} (may be null). */
    public static SeededControlStore keyed(
            MapState<String, Integration> integrations, MapState<String, Tenant> tenants, ControlView seeds) {
        return new SeededControlStore(StateMap.of(integrations), StateMap.of(tenants), seeds);
    }

    /** Routing's view from the keyed side: broadcast state, read only, over {@code seeds}. */
    public static SeededControlStore readOnlyBroadcast(
            ReadOnlyBroadcastState<String, Integration> integrations,
            ReadOnlyBroadcastState<String, Tenant> tenants,
            ControlView seeds) {
        return new SeededControlStore(StateMap.readOnly(integrations), StateMap.readOnly(tenants), seeds);
    }

    /** Routing's state from the broadcast side, where updates are stored, over {@code seeds}. */
    public static SeededControlStore broadcast(
            BroadcastState<String, Integration> integrations,
            BroadcastState<String, Tenant> tenants,
            ControlView seeds) {
        return new SeededControlStore(StateMap.of(integrations), StateMap.of(tenants), seeds);
    }

    @Override
    public Integration integration(String integrationId) {
        if (integrationId == null) return null;
        Integration i = call(() -> integrations.get(integrationId));
        return i != null || seeds == null ? i : seeds.integration(integrationId);
    }

    @Override
    public Tenant tenant(String tenantId) {
        if (tenantId == null) return null;
        Tenant t = call(() -> tenants.get(tenantId));
        return t != null || seeds == null ? t : seeds.tenant(tenantId);
    }

    @Override
    public Iterable<Integration> integrations() {
        return layered(integrations, seeds == null ? List.of() : seeds.integrations(), i -> i.integrationId);
    }

    @Override
    public Iterable<Tenant> tenants() {
        return layered(tenants, seeds == null ? List.of() : seeds.tenants(), t -> t.tenantId);
    }

    @Override
    public void putIntegration(Integration integration) {
        call(() -> {
            integrations.put(integration.integrationId, integration);
            return null;
        });
    }

    @Override
    public void putTenant(Tenant tenant) {
        call(() -> {
            tenants.put(tenant.tenantId, tenant);
            return null;
        });
    }

    /** The stored entries, then the seeds no stored entry overrides. */
    private static <V> List<V> layered(StateMap<V> stored, Iterable<V> seeded, Function<V, String> id) {
        List<V> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Iterable<Map.Entry<String, V>> entries = call(stored::entries);
        if (entries != null) {
            for (Map.Entry<String, V> e : entries) {
                all.add(e.getValue());
                seen.add(e.getKey());
            }
        }
        for (V s : seeded) {
            if (!seen.contains(id.apply(s))) all.add(s);
        }
        return all;
    }

    /** A state read or write, which Flink declares may throw. */
    private interface StateCall<T> {
        T call() throws Exception;
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
