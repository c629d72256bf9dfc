package io.trailstream.iceberg;

import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Table;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.types.Types;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates trailstream's namespace and tables when they are absent, before the job starts, so that a
 * fresh warehouse needs no manual DDL and the sinks find their tables. Existing tables only get the optional
 * columns a newer version added.
 */
public final class TableBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(TableBootstrap.class);

    private TableBootstrap() {}

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
                    addMissingColumns(catalog.loadTable(id), def);
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

    /**
     * Adds the optional top-level columns a newer trailstream defines and an existing table lacks (e.g. the
     * ledger's {@code sha256}), in definition order, so that the sinks' rows line up with the table. Iceberg gives
     * each a new field id after the table's last one, as the definition does for a table created fresh; columns
     * are never renamed, retyped or dropped here.
     */
    static void addMissingColumns(Table table, TableDefinition def) {
        List<Types.NestedField> missing = new ArrayList<>();
        for (Types.NestedField f : def.schema().columns()) {
            if (table.schema().findField(f.name()) == null) missing.add(f);
        }
        if (missing.isEmpty()) return;
        UpdateSchema update = table.updateSchema();
        for (Types.NestedField f : missing) {
            if (f.isRequired()) {
                throw new IllegalStateException("table " + table.name() + " lacks the required column " + f.name()
                        + ", which cannot be added to a table with rows");
            }
            update.addColumn(f.name(), f.type(), f.doc());
        }
        update.commit();
        LOG.info(
                "Added columns {} to Iceberg table {}",
                missing.stream().map(Types.NestedField::name).toList(),
                table.name());
    }
}
