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
interface StateMap<V> {
    V get(String id) throws Exception;

    Iterable<Map.Entry<String, V>> entries() throws Exception;

    void put(String id, V value) throws Exception;

    /** Keyed map state (one key for the whole control stream). */
    static <V> StateMap<V> of(MapState<String, V> state) {
        return new StateMap<>() {
            @Override
            public V get(String id) throws Exception {
                return state.get(id);
            }

            @Override
            public Iterable<Map.Entry<String, V>> entries() throws Exception {
                return state.entries();
            }

            @Override
            public void put(String id, V value) throws Exception {
                state.put(id, value);
            }
        };
    }

    /** Broadcast state as the keyed side of a broadcast function sees it: writing is refused. */
    static <V> StateMap<V> readOnly(ReadOnlyBroadcastState<String, V> state) {
        return new StateMap<>() {
            @Override
            public V get(String id) throws Exception {
                return state.get(id);
            }

            @Override
            public Iterable<Map.Entry<String, V>> entries() throws Exception {
                return state.immutableEntries();
            }

            @Override
            public void put(String id, V value) {
                throw new UnsupportedOperationException("read-only view of the control state");
            }
        };
    }

    /** Broadcast state as the broadcast side of a broadcast function writes it. */
    static <V> StateMap<V> of(BroadcastState<String, V> state) {
        StateMap<V> reads = readOnly(state);
        return new StateMap<>() {
            @Override
            public V get(String id) throws Exception {
                return reads.get(id);
            }

            @Override
            public Iterable<Map.Entry<String, V>> entries() throws Exception {
                return reads.entries();
            }

            @Override
            public void put(String id, V value) throws Exception {
                state.put(id, value);
            }
        };
    }

    /** A map in memory. */
    static <V> StateMap<V> of(Map<String, V> map) {
        return new StateMap<>() {
            @Override
            public V get(String id) {
                return map.get(id);
            }

            @Override
            public Iterable<Map.Entry<String, V>> entries() {
                return map.entrySet();
            }

            @Override
            public void put(String id, V value) {
                map.put(id, value);
            }
        };
    }
}
