package io.trailstream.cli;

import io.trailstream.control.ControlState;
import io.trailstream.control.apply.ApplyOutcome;
import io.trailstream.control.apply.ApplyResult;
import io.trailstream.control.apply.ControlApplier;
import io.trailstream.control.apply.IntegrationSnapshots;
import io.trailstream.control.message.ControlMessage;
import io.trailstream.iceberg.CatalogOptions;
import io.trailstream.iceberg.IcebergCatalogs;
import io.trailstream.iceberg.IntegrationsTable;
import io.trailstream.iceberg.TableBootstrap;
import io.trailstream.iceberg.TableDefinition;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.sink.RowDataTaskWriterFactory;
import org.apache.iceberg.io.TaskWriter;

/**
 * Writes the {@code integrations} table of a local warehouse as the job does: messages applied with the
 * job's applier, the rows its {@link IntegrationSnapshots} call for, written by Iceberg's Flink writer
 * (Parquet) and committed through the same SQLite catalog the job uses.
 */
final class IntegrationsTableFixture {
    private final Configuration conf = new Configuration();
    private final ControlState state = new ControlState();
    private final ControlApplier applier = new ControlApplier();

    IntegrationsTableFixture(Path warehouse) {
        conf.set(CatalogOptions.WAREHOUSE, warehouse.toAbsolutePath().toString());
    }

    /** Applies the messages (each must apply) and commits their rows, recorded at {@code recordedAtMillis}. */
    IntegrationsTableFixture commit(long recordedAtMillis, ControlMessage... messages) throws IOException {
        List<RowData> rows = new ArrayList<>();
        for (ControlMessage m : messages) {
            ApplyResult r = applier.apply(state, m, recordedAtMillis);
            if (r.outcome != ApplyOutcome.APPLIED)
                throw new IllegalStateException("fixture message not applied: " + r.logLine());
            IntegrationSnapshots.of(r, state).forEach(snapshot -> rows.add(IntegrationsTable.toRow(snapshot)));
        }
        append(
                conf,
                new TableDefinition(IntegrationsTable.NAME, IntegrationsTable.SCHEMA, IntegrationsTable.SPEC),
                rows);
        return this;
    }

    /**
     * Creates {@code def} in the warehouse of {@code conf} when absent and commits {@code rows} to it, written by
     * Iceberg's Flink writer as the job writes them.
     */
    static void append(Configuration conf, TableDefinition def, List<RowData> rows) throws IOException {
        CatalogLoader loader = IcebergCatalogs.loader(conf);
        String ns = conf.get(CatalogOptions.NAMESPACE);
        TableBootstrap.ensure(loader, ns, List.of(def));
        Catalog catalog = loader.loadCatalog();
        try {
            Table table = catalog.loadTable(TableIdentifier.of(ns, def.name()));
            RowDataTaskWriterFactory factory = new RowDataTaskWriterFactory(
                    table, def.rowType(), 1L << 20, FileFormat.PARQUET, Map.of(), List.of(), false);
            factory.initialize(0, 0);
            TaskWriter<RowData> writer = factory.create();
            for (RowData row : rows) writer.write(row);
            AppendFiles append = table.newAppend();
            for (DataFile f : writer.complete().dataFiles()) append.appendFile(f);
            append.commit();
        } finally {
            if (catalog instanceof AutoCloseable) {
                try {
                    ((AutoCloseable) catalog).close();
                } catch (Exception e) {
                    throw new IOException(e);
                }
            }
        }
    }
}
