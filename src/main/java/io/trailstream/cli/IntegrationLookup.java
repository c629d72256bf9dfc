package io.trailstream.cli;

import io.trailstream.control.ControlView;
import java.io.IOException;

/**
 * Where the ops command line learns the current integrations, to check that a change addresses an
 * integration that exists and to {@code list} them: the messages of a local control folder
 * ({@link FolderIntegrationLookup}) or the {@code integrations} Iceberg table
 * ({@link io.trailstream.iceberg.IntegrationsTableReader}, behind a catalog the caller configures).
 */
public interface IntegrationLookup {
    /** The current state. */
    ControlView current() throws IOException;

    /**
     * Where the state is read from, for messages such as "unknown integration x (in …)"; after
     * {@link #current()}, where that call actually read (a lookup may fall back to another source).
     */
    String source();
}
