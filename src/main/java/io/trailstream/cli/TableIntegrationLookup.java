package io.trailstream.cli;

import io.trailstream.control.ControlState;
import io.trailstream.control.ControlView;
import io.trailstream.control.Integration;
import io.trailstream.control.Tenant;
import io.trailstream.iceberg.CatalogOptions;
import io.trailstream.iceberg.IntegrationsTable;
import io.trailstream.iceberg.IntegrationsTableReader;
import io.trailstream.iceberg.OpenCatalog;
import java.io.IOException;
import org.apache.flink.configuration.Configuration;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * The current integrations as the job recorded them in its {@code integrations} Iceberg table (the
 * latest row per id, over the config's integrations). While the table does not exist yet, the state
 * comes from a fallback (a control folder or the config), and {@link #source()} says so.
 *
 * <p>A local SQLite catalog whose database file does not exist counts as "no table yet": reading never
 * creates a catalog.
 */
public final class TableIntegrationLookup implements IntegrationLookup {
    private final Configuration catalog;
    private final ControlView seeds;
    private final IntegrationLookup fallback;
    private final TableIdentifier table;
    private final String catalogUri;
    private boolean fellBack;

    /**
     * @param catalog the catalog options ({@code catalog.*})
     * @param seeds the config's integrations, under the table's rows; may be null
     * @param fallback where to read while the table does not exist
     * @throws IllegalArgumentException when the catalog options are incomplete
     */
    public TableIntegrationLookup(Configuration catalog, ControlView seeds, IntegrationLookup fallback) {
        this.catalog = catalog;
        this.seeds = seeds;
        this.fallback = fallback;
        this.table = TableIdentifier.of(catalog.get(CatalogOptions.NAMESPACE), IntegrationsTable.NAME);
        this.catalogUri = OpenCatalog.describe(catalog);
    }

    @Override
    public ControlView current() throws IOException {
        fellBack = false;
        if (!OpenCatalog.exists(catalog)) return fallBack();
        try (OpenCatalog c = OpenCatalog.forReading(catalog)) {
            if (!c.exists(IntegrationsTable.NAME)) return fallBack();
            return overSeeds(IntegrationsTableReader.read(c.table(IntegrationsTable.NAME)));
        }
    }

    /** Whether the last {@link #current()} read the fallback because the table does not exist yet. */
    public boolean fellBack() {
        return fellBack;
    }

    @Override
    public String source() {
        String where = "integrations table " + table + " (catalog " + catalogUri + ")";
        return fellBack ? fallback.source() + ", as " + where + " does not exist yet" : where;
    }

    private ControlView fallBack() throws IOException {
        fellBack = true;
        return fallback.current();
    }

    private ControlView overSeeds(ControlState fromTable) {
        if (seeds == null) return fromTable;
        ControlState layered = new ControlState(seeds);
        for (Integration i : fromTable.integrations()) layered.putIntegration(i);
        for (Tenant t : fromTable.tenants()) layered.putTenant(t);
        return layered;
    }
}
