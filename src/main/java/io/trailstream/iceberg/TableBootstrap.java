package io.trailstream.iceberg;

import java.util.List;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.flink.CatalogLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates trailstream's namespace and tables when they are absent, before the job starts, so that a
 * fresh warehouse needs no manual DDL and the sinks find their tables. Existing tables are left as they are.
 */
public final class TableBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(TableBootstrap.class);

    private TableBootstrap() {}

    /**
     * A table made by an older version gets the optional top-level columns added since (e.g. the integrations'
     * {@code role_arn}), so the sinks can write their rows; nothing else of it is changed.
     */
    private static void addMissingOptionalColumns(Table table, TableDefinition def) {
        var missing = def.schema().columns().stream()
                .filter(f -> f.isOptional() && table.schema().findField(f.name()) == null)
                .toList();
        if (missing.isEmpty()) return;
        var update = table.updateSchema();
        missing.forEach(f -> update.addColumn(f.name(), f.type(), f.doc()));
        update.commit();
        LOG.info(
                "Added columns {} to Iceberg table {}",
                missing.stream().map(f -> f.name()).toList(),
                table.name());
    }

    /** Ensures {@code namespace} and every table of {@code tables} exist in the catalog. */
    public static void ensure(CatalogLoader loader, String namespace, List<TableDefinition> tables) {
        try (OpenCatalog open = OpenCatalog.open(loader, namespace)) {
            Catalog catalog = open.catalog();
            Namespace ns = open.namespace();
            if (catalog instanceof SupportsNamespaces) {
                SupportsNamespaces namespaces = (SupportsNamespaces) catalog;
                if (!namespaces.namespaceExists(ns)) {
                    try {
                        namespaces.createNamespace(ns);
                        LOG.info("Created Iceberg namespace {}", namespace);
                    } catch (AlreadyExistsException raced) {
                        // another client created it in between
                    }
                }
            }
            for (TableDefinition def : tables) {
                TableIdentifier id = open.id(def.name());
                if (catalog.tableExists(id)) {
                    addMissingOptionalColumns(catalog.loadTable(id), def);
                    continue;
                }
                try {
                    Table t = catalog.buildTable(id, def.schema())
                            .withPartitionSpec(def.spec())
                            .withProperties(TableDefinition.DEFAULT_PROPERTIES)
                            .create();
                    LOG.info("Created Iceberg table {} at {}", id, t.location());
                } catch (AlreadyExistsException raced) {
                    // another client created it in between
                }
            }
        }
    }
}
