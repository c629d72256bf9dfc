package io.trailstream.iceberg;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.UpdateProperties;
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
 * fresh warehouse needs no manual DDL and the sinks find their tables. A table that exists but was created by an
 * earlier release gets the columns it lacks (new columns are optional and come last, so the rows the sinks
 * write line up with its schema) and the default properties it lacks; properties already set are kept.
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
                    evolve(catalog.loadTable(id), def);
                    continue;
                }
                try {
                    Table t = catalog.buildTable(id, def.schema())
                            .withPartitionSpec(def.spec())
                            .withProperties(def.properties())
                            .create();
                    LOG.info("Created Iceberg table {} at {}", id, t.location());
                } catch (AlreadyExistsException raced) {
                    // another client created it in between
                }
            }
        }
    }

    /** Adds what {@code def} has and {@code table} lacks: columns (by name) and properties not set. */
    static void evolve(Table table, TableDefinition def) {
        List<String> missing = new ArrayList<>();
        for (Types.NestedField column : def.schema().columns()) {
            if (table.schema().findField(column.name()) == null) missing.add(column.name());
        }
        if (!missing.isEmpty()) {
            table.updateSchema().unionByNameWith(def.schema()).commit();
            LOG.info("Added columns {} to Iceberg table {}", missing, table.name());
        }
        List<String> have = names(table.schema());
        List<String> want = names(def.schema());
        if (!have.equals(want)) {
            throw new IllegalStateException("Iceberg table " + table.name() + " has the columns " + have
                    + ", which this release cannot write (it writes " + want + ")");
        }
        Map<String, String> lacking = new LinkedHashMap<>();
        def.properties().forEach((k, v) -> {
            if (!table.properties().containsKey(k) && !"format-version".equals(k)) lacking.put(k, v);
        });
        if (!lacking.isEmpty()) {
            UpdateProperties update = table.updateProperties();
            lacking.forEach(update::set);
            update.commit();
            LOG.info("Set properties {} on Iceberg table {}", lacking.keySet(), table.name());
        }
    }

    private static List<String> names(Schema schema) {
        List<String> names = new ArrayList<>();
        for (Types.NestedField f : schema.columns()) names.add(f.name());
        return names;
    }
}
