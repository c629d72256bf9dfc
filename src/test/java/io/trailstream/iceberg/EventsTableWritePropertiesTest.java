package io.trailstream.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.Files;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.data.FlinkParquetWriters;
import org.apache.iceberg.io.FileAppender;
import org.apache.iceberg.parquet.Parquet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code events} table's write properties: {@code raw} and the free-form JSON columns carry no min/max
 * (nothing prunes on JSON text, and computing it cost the writer), the typed columns keep theirs for pruning, and
 * bootstrap creates the tables with these properties.
 */
class EventsTableWritePropertiesTest {
    @TempDir
    Path dir;

    @Test
    void rawAndJsonColumnsHaveNoBoundsTypedColumnsKeepThem() throws Exception {
        List<RowData> rows = EventsRowsRoundTripTest.parseFixtures();
        Schema schema = EventsTable.schema();
        File file = dir.resolve("events.parquet").toFile();
        FileAppender<RowData> appender = Parquet.write(Files.localOutput(file))
                .schema(schema)
                .setAll(EventsTable.properties())
                .metricsConfig(MetricsConfig.fromProperties(EventsTable.properties()))
                .createWriterFunc((s, type) -> FlinkParquetWriters.buildWriter(s, type, EventsTable.rowType()))
                .build();
        try (appender) {
            appender.addAll(rows);
        }
        Metrics metrics = appender.metrics();
        assertThat(metrics.recordCount()).isEqualTo(rows.size());
        for (String column : List.of("raw", "request_parameters", "response_elements", "additional_event_data")) {
            int id = schema.findField(column).fieldId();
            assertThat(metrics.lowerBounds()).as(column).doesNotContainKey(id);
            assertThat(metrics.upperBounds()).as(column).doesNotContainKey(id);
        }
        for (String column : List.of("event_name", "event_source", "event_time", "recipient_account_id")) {
            int id = schema.findField(column).fieldId();
            assertThat(metrics.lowerBounds()).as(column).containsKey(id);
            assertThat(metrics.upperBounds()).as(column).containsKey(id);
        }
    }

    @Test
    void bootstrapCreatesTheEventsTablesWithTheirWriteProperties() throws Exception {
        Configuration conf = new Configuration();
        conf.set(CatalogOptions.WAREHOUSE, dir.resolve("warehouse").toString());
        TableBootstrap.ensure(IcebergCatalogs.loader(conf), "cloudtrail", TrailTables.all());
        Catalog catalog = IcebergCatalogs.loader(conf).loadCatalog();
        try {
            for (TableDefinition def : List.of(TrailTables.EVENTS, TrailTables.INSIGHTS)) {
                org.apache.iceberg.BaseTable table =
                        (org.apache.iceberg.BaseTable) catalog.loadTable(TableIdentifier.of("cloudtrail", def.name()));
                Map<String, String> expected = new HashMap<>(EventsTable.properties());
                expected.remove("format-version"); // reserved: Iceberg keeps it in the metadata, not as a property
                assertThat(table.properties()).containsAllEntriesOf(expected);
                assertThat(table.operations().current().formatVersion()).isEqualTo(2);
                assertThat(table.properties())
                        .containsEntry("write.parquet.stats-enabled.column.raw", "false")
                        .containsEntry("write.metadata.metrics.column.raw", "none")
                        .containsEntry("write.parquet.compression-codec", "zstd");
            }
        } finally {
            if (catalog instanceof AutoCloseable closeable) closeable.close();
        }
    }
}
