package io.trailstream.iceberg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * trailstream's Iceberg catalog, opened for one task and closed after it with try-with-resources: the one way
 * the job's bootstrap and every reader of its tables (the command line's listing, backfill and run summary)
 * reach the catalog. {@link #forReading} is the read-only door: it never creates a catalog, so a local SQLite
 * catalog whose file does not exist is reported rather than made.
 *
 * <pre>{@code
 * try (OpenCatalog catalog = OpenCatalog.forReading(conf)) {
 *     Table ledger = catalog.table(LedgerTable.NAME);
 * }
 * }</pre>
 */
public final class OpenCatalog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OpenCatalog.class);
    private static final String SQLITE = "jdbc:sqlite:";

    private final Catalog catalog;
    private final Namespace namespace;
    private final String description;

    private OpenCatalog(Catalog catalog, String namespace, String description) {
        this.catalog = catalog;
        this.namespace = Namespace.of(namespace);
        this.description = description;
    }

    /** The catalog {@code loader} describes, tables in {@code namespace}: for the job, which creates what is missing. */
    public static OpenCatalog open(CatalogLoader loader, String namespace) {
        return new OpenCatalog(loader.loadCatalog(), namespace, loader.toString());
    }

    /**
     * The catalog named by the {@code catalog.*} options, for reading.
     *
     * @throws IOException when it is a local SQLite catalog whose file does not exist (no job has written the
     *     warehouse), or when it cannot be opened
     */
    public static OpenCatalog forReading(ReadableConfig catalogOptions) throws IOException {
        String uri = describe(catalogOptions);
        if (!exists(catalogOptions)) {
            throw new IOException("the catalog " + uri + " does not exist (no job has written this warehouse)");
        }
        try {
            return new OpenCatalog(
                    IcebergCatalogs.loader(catalogOptions).loadCatalog(),
                    catalogOptions.get(CatalogOptions.NAMESPACE),
                    uri);
        } catch (RuntimeException e) {
            throw new IOException("cannot open the catalog " + uri + ": " + e.getMessage(), e);
        }
    }

    /** False only for a local SQLite catalog whose database file does not exist yet. */
    public static boolean exists(ReadableConfig catalogOptions) {
        String uri = describe(catalogOptions);
        return !uri.startsWith(SQLITE) || Files.exists(Path.of(uri.substring(SQLITE.length())));
    }

    /** The catalog's URI without its query (which may hold credentials), for messages; {@code (none)} if unset. */
    public static String describe(ReadableConfig catalogOptions) {
        String uri = IcebergCatalogs.properties(catalogOptions).get(CatalogProperties.URI);
        if (uri == null) return "(none)";
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    public Catalog catalog() {
        return catalog;
    }

    public Namespace namespace() {
        return namespace;
    }

    /** The identifier of trailstream's table {@code name}. */
    public TableIdentifier id(String name) {
        return TableIdentifier.of(namespace, name);
    }

    public boolean exists(String table) {
        return catalog.tableExists(id(table));
    }

    /** The table; throws Iceberg's {@code NoSuchTableException} when there is none. */
    public Table table(String name) {
        return catalog.loadTable(id(name));
    }

    /** The catalog, for messages: its URI when opened from options. */
    @Override
    public String toString() {
        return description;
    }

    /** Closes the catalog's connections; a failure is logged, never thrown: nothing is lost by it. */
    @Override
    public void close() {
        if (catalog instanceof AutoCloseable) {
            try {
                ((AutoCloseable) catalog).close();
            } catch (Exception e) {
                LOG.debug("Closing catalog {} failed", description, e);
            }
        }
    }
}
