package io.trailstream.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.record.CloudTrailRecordParser;
import io.trailstream.record.EventLayout;
import io.trailstream.record.ParseSummary;
import io.trailstream.record.RecordContext;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.iceberg.Files;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Schema;
import org.apache.iceberg.flink.RowDataWrapper;
import org.apache.iceberg.flink.data.FlinkParquetReaders;
import org.apache.iceberg.flink.data.FlinkParquetWriters;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileAppender;
import org.apache.iceberg.parquet.Parquet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parser's rows are what Iceberg's Flink writers expect: every fixture row goes through the same Parquet
 * value writers the Flink sink uses, reads back equal (times at Iceberg's microsecond precision), and yields the
 * partition key the sink would compute.
 */
class EventsRowsRoundTripTest {
    private static final String[] FIXTURES = {
        "iam-user.json",
        "assumed-role.json",
        "aws-service.json",
        "web-identity.json",
        "root.json",
        "identity-types.json",
        "no-user-identity.json",
        "insight.json",
        "data-event.json",
        "future-fields.json",
        "odd-values.json",
        "unicode.json",
        "big-numbers.json",
        "pretty.json"
    };
    private static final RecordContext CONTEXT =
            new RecordContext("integration-7", "bucket", "key.json.gz", Instant.parse("2024-05-06T08:00:00Z"));

    @TempDir
    Path dir;

    @Test
    void parsedRowsRoundTripThroughIcebergParquet() throws IOException {
        List<RowData> rows = parseFixtures();
        Schema schema = EventsTable.schema();
        RowType rowType = EventsTable.rowType();
        File file = dir.resolve("events.parquet").toFile();

        try (FileAppender<RowData> appender = Parquet.write(Files.localOutput(file))
                .schema(schema)
                .setAll(EventsTable.properties()) // the writer settings the table is created with
                .metricsConfig(MetricsConfig.fromProperties(EventsTable.properties()))
                .createWriterFunc(messageType -> FlinkParquetWriters.buildWriter(rowType, messageType))
                .build()) {
            appender.addAll(rows);
        }
        List<Object> readBack = new ArrayList<>();
        try (CloseableIterable<RowData> reader = Parquet.read(Files.localInput(file))
                .project(schema)
                .createReaderFunc(messageType -> FlinkParquetReaders.buildReader(schema, messageType))
                .build()) {
            for (RowData row : reader) readBack.add(plain(row, rowType));
        }

        List<Object> written = new ArrayList<>();
        for (RowData row : rows) written.add(plain(row, rowType));
        assertThat(readBack).isEqualTo(written);
    }

    @Test
    void partitionKeyIsIntegrationAndEventDay() throws IOException {
        List<RowData> rows = parseFixtures();
        PartitionKey key = new PartitionKey(EventsTable.partitionSpec(), EventsTable.schema());
        RowDataWrapper wrapper =
                new RowDataWrapper(EventsTable.rowType(), EventsTable.schema().asStruct());
        int withDay = 0;
        for (RowData row : rows) {
            key.partition(wrapper.wrap(row));
            assertThat(key.get(0, String.class)).isEqualTo("integration-7");
            Integer day = key.get(1, Integer.class);
            if (row.isNullAt(EventLayout.EVENT_TIME)) {
                assertThat(day).isNull();
            } else {
                Instant time = row.getTimestamp(EventLayout.EVENT_TIME, 6).toInstant();
                assertThat(day).isEqualTo((int)
                        LocalDate.ofInstant(time, ZoneOffset.UTC).toEpochDay());
                withDay++;
            }
        }
        assertThat(withDay).isGreaterThan(20);
    }

    static List<RowData> parseFixtures() throws IOException {
        CloudTrailRecordParser parser = new CloudTrailRecordParser();
        List<RowData> rows = new ArrayList<>();
        for (String fixture : FIXTURES) {
            try (InputStream in = EventsRowsRoundTripTest.class.getResourceAsStream("/records/" + fixture)) {
                ParseSummary summary = parser.parse(in, CONTEXT, rows::add);
                assertThat(summary.isOk()).as(fixture).isTrue();
            }
        }
        return rows;
    }

    /** A row as nested Java lists, strings, booleans and microsecond instants, for comparison. */
    private static Object plain(RowData row, RowType type) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < type.getFieldCount(); i++) {
            values.add(
                    row.isNullAt(i)
                            ? null
                            : value(
                                    RowData.createFieldGetter(type.getTypeAt(i), i)
                                            .getFieldOrNull(row),
                                    type.getTypeAt(i)));
        }
        return values;
    }

    private static Object value(Object value, LogicalType type) {
        if (value == null) return null;
        if (type instanceof RowType) return plain((RowData) value, (RowType) type);
        if (type instanceof ArrayType) {
            ArrayData array = (ArrayData) value;
            LogicalType element = ((ArrayType) type).getElementType();
            ArrayData.ElementGetter getter = ArrayData.createElementGetter(element);
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) items.add(value(getter.getElementOrNull(array, i), element));
            return items;
        }
        if (value instanceof TimestampData)
            return ((TimestampData) value).toInstant().truncatedTo(ChronoUnit.MICROS);
        return value instanceof Boolean ? value : value.toString();
    }
}
