package io.trailstream.cli;

import io.trailstream.control.ControlState;
import io.trailstream.control.ControlView;

/**
 * A state given up front: the config's integrations (or nothing), for when there is neither a control
 * folder to replay nor an {@code integrations} table yet.
 */
public final class FixedIntegrationLookup implements IntegrationLookup {
    private final ControlView state;
    private final String source;

    /** @param state the integrations, or null for none */
    public FixedIntegrationLookup(ControlView state, String source) {
        this.state = state;
        this.source = source;
    }

    @Override
    public ControlView current() {
        return new ControlState(state);
    }

    @Override
    public String source() {
        return source;
    }
}
