package io.trailstream.integrity.chain;

/** The digests of one chain by key, wherever they are kept: Flink keyed map state, or a map in tests. */
public interface ChainLinks {
    ChainLink get(String key) throws Exception;

    void put(String key, ChainLink link) throws Exception;

    Iterable<ChainLink> all() throws Exception;
}
