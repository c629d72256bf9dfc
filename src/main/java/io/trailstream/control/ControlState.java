package io.trailstream.control;

import java.util.TreeMap;

/**
 * Integrations and tenants in memory, optionally over seeds (the job config's integrations) that its own
 * entries win over: the state of the ops command line (replaying a folder of messages, reading the
 * integrations table) and of tests. The job keeps the same two maps in Flink state, layered the same way
 * ({@link SeededControlStore}).
 */
public class ControlState extends SeededControlStore {
    public ControlState() {
        this(null);
    }

    /** @param seeds consulted for ids this state has no entry of; may be null */
    public ControlState(ControlView seeds) {
        super(StateMap.of(new TreeMap<>()), StateMap.of(new TreeMap<>()), seeds);
    }
}
