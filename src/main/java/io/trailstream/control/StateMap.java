package io.trailstream.control;

import java.util.Map;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;

/**
 * One map of the control state, integrations or tenants by id, over whatever holds it: Flink keyed state (the
 * applier's), Flink broadcast state (routing's), or memory (the command line, tests). It lets
 * {@link SeededControlStore} layer the state over the config's seeds once for all of them. Flink's state
 * access declares {@code Exception}.
 */
final class StateMap<V> {
    /** Reads one entry. */
    interface Get<V> {
        V get(String id) throws Exception;
    }

    /** Reads every entry. */
    interface Entries<V> {
        Iterable<Map.Entry<String, V>> entries() throws Exception;
    }

    /** Writes one entry. */
    interface Put<V> {
        void put(String id, V value) throws Exception;
    }

    private final Get<V> get;
    private final Entries<V> entries;
    private final Put<V> put;

    private StateMap(Get<V> get, Entries<V> entries, Put<V> put) {
        this.get = get;
        this.entries = entries;
        this.put = put;
    }

    /** Keyed map state (one key for the whole control stream). */
    static <V> StateMap<V> of(MapState<String, V> state) {
        return new StateMap<>(state::get, state::entries, state::put);
    }

    /** Broadcast state as the keyed side of a broadcast function sees it: writing is refused. */
    static <V> StateMap<V> readOnly(ReadOnlyBroadcastState<String, V> state) {
        return new StateMap<>(state::get, state::immutableEntries, (id, value) -> {
            throw new UnsupportedOperationException("read-only view of the control state");
        });
    }

    /** Broadcast state as the broadcast side of a broadcast function writes it. */
    static <V> StateMap<V> of(BroadcastState<String, V> state) {
        return new StateMap<>(state::get, state::immutableEntries, state::put);
    }

    /** A map in memory. */
    static <V> StateMap<V> of(Map<String, V> map) {
        return new StateMap<>(map::get, map::entrySet, map::put);
    }

    V get(String id) throws Exception {
        return get.get(id);
    }

    Iterable<Map.Entry<String, V>> entries() throws Exception {
        return entries.entries();
    }

    void put(String id, V value) throws Exception {
        put.put(id, value);
    }
}
