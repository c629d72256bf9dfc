package io.trailstream.it;

import io.trailstream.iceberg.CatalogOptions;
import io.trailstream.iceberg.IcebergCatalogs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Reads trailstream's tables back the way an analyst would: through the job's own catalog configuration
 * (JDBC on SQLite in the warehouse), what is committed and nothing else.
 */
final class Warehouse implements AutoCloseable {
    private final Catalog catalog;
    private final String namespace;

    Warehouse(ReadableConfig conf) {
        this.catalog = IcebergCatalogs.loader(conf).loadCatalog();
        this.namespace = conf.get(CatalogOptions.NAMESPACE);
    }

    Table table(String name) {
        return catalog.loadTable(TableIdentifier.of(namespace, name));
    }

    /** Every committed row of {@code name}. */
    List<Record> rows(String name) {
        List<Record> rows = new ArrayList<>();
        try (CloseableIterable<Record> it = IcebergGenerics.read(table(name)).build()) {
            for (Record r : it) rows.add(r.copy());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** Committed rows of {@code name}, from the current snapshot's summary (cheap enough to poll). */
    long count(String name) {
        Snapshot current = table(name).currentSnapshot();
        return current == null ? 0 : Long.parseLong(current.summary().getOrDefault("total-records", "0"));
    }

    /** Snapshots of {@code name}, oldest first. */
    List<Snapshot> snapshots(String name) {
        List<Snapshot> snapshots = new ArrayList<>();
        table(name).snapshots().forEach(snapshots::add);
        snapshots.sort((a, b) -> Long.compare(a.sequenceNumber(), b.sequenceNumber()));
        return snapshots;
    }

    @Override
    public void close() throws Exception {
        if (catalog instanceof AutoCloseable) ((AutoCloseable) catalog).close();
    }
}
