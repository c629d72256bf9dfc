package io.trailstream.iceberg;

import java.util.Set;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.DistributionMode;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.FlinkWriteOptions;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.flink.sink.FlinkSink;

/**
 * Attaches Iceberg's Flink sink for one trailstream table. Data files are committed on each completed
 * checkpoint, exactly once; the sink's operators get uids derived from the table name, stable across
 * releases so savepoints keep restoring. The partitioned event tables are hashed by partition before their
 * writers ({@link WriteOptions}).
 */
public final class IcebergSinks {
    /** The tables partitioned by integration and day, whose rows come from every parsing subtask. */
    private static final Set<String> HASHED = Set.of(TrailTables.EVENTS.name(), TrailTables.INSIGHTS.name());

    private IcebergSinks() {}

    public static void append(
            DataStream<RowData> rows,
            CatalogLoader catalog,
            String namespace,
            TableDefinition table,
            ReadableConfig flinkConf) {
        TableLoader loader = TableLoader.fromCatalog(catalog, TableIdentifier.of(namespace, table.name()));
        FlinkSink.Builder sink = FlinkSink.forRowData(rows)
                .tableLoader(loader)
                .flinkConf(flinkConf)
                .set(
                        FlinkWriteOptions.TARGET_FILE_SIZE_BYTES.key(),
                        String.valueOf(
                                flinkConf.get(WriteOptions.TARGET_FILE_SIZE).getBytes()))
                .uidPrefix("iceberg-" + table.name());
        if (HASHED.contains(table.name())) {
            sink.distributionMode(
                    flinkConf.get(WriteOptions.DISTRIBUTION_MODE) == WriteOptions.Distribution.HASH
                            ? DistributionMode.HASH
                            : DistributionMode.NONE);
        }
        sink.append().name("iceberg: " + namespace + "." + table.name());
    }
}
