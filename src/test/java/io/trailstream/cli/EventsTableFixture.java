package io.trailstream.cli;

import io.trailstream.iceberg.CatalogOptions;
import io.trailstream.iceberg.EventsTable;
import io.trailstream.iceberg.IcebergCatalogs;
import io.trailstream.iceberg.OpenCatalog;
import io.trailstream.iceberg.TableAppender;
import io.trailstream.record.CloudTrailRecordParser;
import io.trailstream.record.RecordContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.data.RowData;

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
        List<RowData> rows = new ArrayList<>();
        CloudTrailRecordParser parser = new CloudTrailRecordParser();
        int n = 0;
        for (String file : files) {
            RecordContext context = new RecordContext(integrationId, bucket, "key-" + n++, Instant.now());
            parser.parse(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), context, rows::add);
        }
        try (OpenCatalog c = OpenCatalog.open(IcebergCatalogs.loader(conf), conf.get(CatalogOptions.NAMESPACE))) {
            TableAppender.append(c.table(table), EventsTable.rowType(), rows);
        }
    }
}
