package io.trailstream.iceberg;

import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.flink.sink.FlinkSink;

/**
 * Attaches Iceberg's Flink sink for one trailstream table. Data files are committed on each completed
 * checkpoint, exactly once; the sink's operators get uids derived from the table name, stable across
 * releases so savepoints keep restoring.
 */
public final class IcebergSinks {
    private IcebergSinks() {}

    public static void append(
            DataStream<RowData> rows,
            CatalogLoader catalog,
            String namespace,
            TableDefinition table,
            ReadableConfig flinkConf) {
        TableLoader loader = TableLoader.fromCatalog(catalog, TableIdentifier.of(namespace, table.name()));
        FlinkSink.forRowData(rows)
                .tableLoader(loader)
                .flinkConf(flinkConf)
                .uidPrefix("iceberg-" + table.name())
                .append()
                .name("iceberg: " + namespace + "." + table.name());
    }
}
