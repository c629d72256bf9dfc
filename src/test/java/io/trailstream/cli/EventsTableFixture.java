package io.trailstream.cli;

import io.trailstream.iceberg.CatalogOptions;
import io.trailstream.iceberg.EventsTable;
import io.trailstream.iceberg.IcebergCatalogs;
import io.trailstream.record.CloudTrailRecordParser;
import io.trailstream.record.RecordContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import org.apache.iceberg.flink.sink.RowDataTaskWriterFactory;
import org.apache.iceberg.io.TaskWriter;

/**
 * Writes CloudTrail records into the {@code events} or {@code insights} table of a local warehouse as the job
 * does: each log file parsed by the job's {@link CloudTrailRecordParser} with the integration's lineage, the rows
 * written by Iceberg's Flink writer (partitioned by integration and day) and committed through the SQLite catalog.
 */
final class EventsTableFixture {
    private final Configuration conf = new Configuration();

    EventsTableFixture(Path warehouse) {
        conf.set(CatalogOptions.WAREHOUSE, warehouse.toAbsolutePath().toString());
    }

    /** One log file's JSON with {@code records} records of {@code account}, an hour apart from {@code start}. */
    static String logFile(String account, Instant start, int records) {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            list.add("{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\",\"accountId\":\"" + account
                    + "\"},\"eventTime\":\"" + start.plusSeconds(3600L * i) + "\",\"eventSource\":\"s3.amazonaws.com\","
                    + "\"eventName\":\"GetObject\",\"awsRegion\":\"us-east-1\",\"eventID\":\"" + account + "-"
                    + start.getEpochSecond() + "-" + i + "\",\"eventType\":\"AwsApiCall\",\"recipientAccountId\":\""
                    + account + "\"}");
        }
        return "{\"Records\":[" + String.join(",", list) + "]}";
    }

    /** Parses the log files as the integration's and commits their rows to {@code table} in one snapshot. */
    void commit(String table, String integrationId, String bucket, List<String> files) throws IOException {
        Catalog catalog = IcebergCatalogs.loader(conf).loadCatalog();
        try {
            Table t = catalog.loadTable(TableIdentifier.of(conf.get(CatalogOptions.NAMESPACE), table));
            RowDataTaskWriterFactory factory = new RowDataTaskWriterFactory(
                    t, EventsTable.rowType(), 1L << 20, FileFormat.PARQUET, Map.of(), List.of(), false);
            factory.initialize(0, 0);
            TaskWriter<RowData> writer = factory.create();
            CloudTrailRecordParser parser = new CloudTrailRecordParser();
            int n = 0;
            for (String file : files) {
                RecordContext context = new RecordContext(integrationId, bucket, "key-" + n++, Instant.now());
                parser.parse(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), context, row -> {
                    try {
                        writer.write(row);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            }
            AppendFiles append = t.newAppend();
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
