package io.trailstream.cli;

import io.trailstream.control.ControlState;
import io.trailstream.control.ControlView;
import java.io.IOException;

/**
 * Where the ops command line learns the current integrations, to check that a change addresses an
 * integration that exists and to {@code list} them: the messages of a local control folder
 * ({@link FolderIntegrationLookup}), the {@code integrations} Iceberg table
 * ({@link io.trailstream.iceberg.IntegrationsTableReader}, behind a catalog the caller configures), or a state
 * given up front ({@link #fixed}).
 */
public interface IntegrationLookup {
    /**
     * A state given up front: the config's integrations (or nothing), for when there is neither a control
     * folder to replay nor an {@code integrations} table yet.
     *
     * @param state the integrations, or null for none
     */
    static IntegrationLookup fixed(ControlView state, String source) {
        return new IntegrationLookup() {
            @Override
            public ControlView current() {
                return new ControlState(state);
            }

            @Override
            public String source() {
                return source;
            }
        };
    }

    /** The current state. */
    ControlView current() throws IOException;

    /**
     * Where the state is read from, for messages such as "unknown integration x (in …)"; after
     * {@link #current()}, where that call actually read (a lookup may fall back to another source).
     */
    String source();
}
