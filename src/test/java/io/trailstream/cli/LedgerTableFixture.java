package io.trailstream.cli;

import io.trailstream.iceberg.CatalogOptions;
import io.trailstream.iceberg.IcebergCatalogs;
import io.trailstream.iceberg.LedgerTable;
import io.trailstream.iceberg.TableBootstrap;
import io.trailstream.iceberg.TrailTables;
import io.trailstream.ledger.LedgerOutcome;
import io.trailstream.ledger.LedgerRow;
import io.trailstream.trail.ObjectKind;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
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
 * Writes ledger rows into a local warehouse as the job does: {@link LedgerTable#toRow} of an
 * {@link LedgerRow}, written by Iceberg's Flink writer (Parquet, partitioned by day) and committed through
 * the same SQLite catalog the job uses.
 */
final class LedgerTableFixture {
    private final Configuration conf = new Configuration();
    private final List<LedgerRow> rows = new ArrayList<>();

    LedgerTableFixture(Path warehouse) {
        conf.set(CatalogOptions.WAREHOUSE, warehouse.toAbsolutePath().toString());
    }

    /** A row to commit: an S3 object of {@code bucket}, with the given integration (or null), outcome and time. */
    LedgerRow row(String integrationId, String bucket, String key, String outcome, Instant processedAt) {
        LedgerRow o = new LedgerRow();
        o.scheme = "s3";
        o.bucket = bucket;
        o.key = key;
        o.kind = ObjectKind.LOG;
        o.integrationId = integrationId;
        o.outcome = LedgerOutcome.fromLedgerName(outcome);
        o.reason = "fixture";
        o.notificationShape = "s3_event";
        o.notifiedAtMillis = processedAt.toEpochMilli() - 1000;
        o.processedAtMillis = processedAt.toEpochMilli();
        rows.add(o);
        return o;
    }

    /** Commits the rows added since the last commit, as one snapshot. */
    void commit() throws IOException {
        CatalogLoader loader = IcebergCatalogs.loader(conf);
        String ns = conf.get(CatalogOptions.NAMESPACE);
        TableBootstrap.ensure(loader, ns, List.of(TrailTables.OBJECTS));
        Catalog catalog = loader.loadCatalog();
        try {
            Table table = catalog.loadTable(TableIdentifier.of(ns, LedgerTable.NAME));
            RowDataTaskWriterFactory factory = new RowDataTaskWriterFactory(
                    table, LedgerTable.ROW_TYPE, 1L << 20, FileFormat.PARQUET, Map.of(), List.of(), false);
            factory.initialize(0, 0);
            TaskWriter<RowData> writer = factory.create();
            for (LedgerRow o : rows) writer.write(LedgerTable.toRow(o));
            AppendFiles append = table.newAppend();
            for (DataFile f : writer.complete().dataFiles()) append.appendFile(f);
            append.commit();
            rows.clear();
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
