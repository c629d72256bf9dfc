package io.trailstream.iceberg;

import java.util.Set;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.iceberg.DistributionMode;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.FlinkWriteOptions;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.flink.sink.FlinkSink;

/**
 * Attaches Iceberg's Flink sink for trailstream's tables in one catalog and namespace. Data files are
 * committed on each completed checkpoint, exactly once; the sink's operators get uids derived from the table
 * name, stable across releases so savepoints keep restoring. Streams of domain objects (ledger rows, audit
 * entries, ...) become the table's rows in a stateless operator of their own, also with a stable uid. The
 * partitioned event tables are hashed by partition before their writers ({@link WriteOptions}).
 */
public final class IcebergSinks {
    /** The tables partitioned by integration and day, whose rows come from every parsing subtask. */
    private static final Set<String> HASHED = Set.of(TrailTables.EVENTS.name(), TrailTables.INSIGHTS.name());

    private final CatalogLoader catalog;
    private final String namespace;
    private final ReadableConfig flinkConf;

    public IcebergSinks(CatalogLoader catalog, String namespace, ReadableConfig flinkConf) {
        this.catalog = catalog;
        this.namespace = namespace;
        this.flinkConf = flinkConf;
    }

    /** Appends rows that already have {@code table}'s layout (the parser's events and insights). */
    public void append(DataStream<RowData> rows, TableDefinition table) {
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

    /**
     * Turns {@code objects} into {@code table}'s rows with {@code toRow} (one of the table classes' converters),
     * in an operator with {@code uid} and {@code name}, and appends them.
     */
    public <T> void append(
            DataStream<T> objects, MapFunction<T, RowData> toRow, TableDefinition table, String uid, String name) {
        append(
                objects.map(toRow)
                        .returns(InternalTypeInfo.of(table.rowType()))
                        .uid(uid)
                        .name(name),
                table);
    }
}
