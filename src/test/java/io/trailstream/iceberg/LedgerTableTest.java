package io.trailstream.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailstream.ledger.LedgerOutcome;
import io.trailstream.ledger.LedgerRow;
import io.trailstream.trail.ObjectKind;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.data.RowData;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.flink.sink.RowDataTaskWriterFactory;
import org.apache.iceberg.hadoop.HadoopTables;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.TaskWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger's row written through Iceberg's Flink writer and read back as the same row, column by column. */
class LedgerTableTest {
    @TempDir
    Path dir;

    @Test
    void aLedgerRowReadsBackAsItWasWritten() throws Exception {
        LedgerRow full = new LedgerRow();
        full.scheme = "s3";
        full.bucket = "acme-trail";
        full.key = "AWSLogs/111111111111/CloudTrail/eu-west-1/2026/11/27/f.json.gz";
        full.kind = ObjectKind.LOG;
        full.integrationId = "acme-prod";
        full.organizationId = "o-abcdef1234";
        full.accountId = "111111111111";
        full.region = "eu-west-1";
        full.deliveryDate = "2026-11-27";
        full.outcome = LedgerOutcome.PARTIAL;
        full.reason = "broke off after 3 records";
        full.recordCount = 3;
        full.droppedRecords = 1;
        full.mismatchedRecords = 2;
        full.malformedRecords = 4;
        full.compressedBytes = 1234;
        full.uncompressedBytes = 5678;
        full.eTag = "e";
        full.sequencer = "s";
        full.versionId = "v";
        full.notificationShape = "s3_event";
        full.notifiedAtMillis = 1_795_000_000_000L;
        full.processedAtMillis = 1_795_000_001_000L;
        LedgerRow sparse = new LedgerRow();
        sparse.scheme = "file";
        sparse.bucket = "/tmp/bucket";
        sparse.key = "k";
        sparse.outcome = LedgerOutcome.UNROUTED;
        sparse.processedAtMillis = 1_795_000_002_000L;

        List<Record> back = writeAndRead(List.of(LedgerTable.toRow(full), LedgerTable.toRow(sparse)));

        assertThat(back).hasSize(2);
        assertThat(LedgerTable.fromRecord(back.get(0)))
                .usingRecursiveComparison()
                .isEqualTo(full);
        assertThat(LedgerTable.fromRecord(back.get(1)))
                .usingRecursiveComparison()
                .isEqualTo(sparse);
        assertThat(back.get(0).getField("outcome")).isEqualTo("partial");
        assertThat(back.get(0).getField("kind")).isEqualTo("log");
        assertThat(back.get(1).getField("compressed_bytes")).isNull();
    }

    @Test
    void aColumnTheSchemaDoesNotHaveFailsNamingIt() {
        RowLayout layout = RowLayout.of(LedgerTable.NAME, LedgerTable.SCHEMA);
        assertThatThrownBy(() -> layout.row().set("outcomes", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("table objects has no column outcomes");
    }

    private List<Record> writeAndRead(List<RowData> rows) throws Exception {
        Table table = new HadoopTables(new Configuration())
                .create(
                        LedgerTable.SCHEMA,
                        LedgerTable.SPEC,
                        Map.of(),
                        dir.resolve("objects").toString());
        RowDataTaskWriterFactory factory = new RowDataTaskWriterFactory(
                table, LedgerTable.ROW_TYPE, 1L << 20, FileFormat.PARQUET, Map.of(), List.of(), false);
        factory.initialize(0, 0);
        TaskWriter<RowData> writer = factory.create();
        for (RowData r : rows) writer.write(r);
        var append = table.newAppend();
        for (var f : writer.complete().dataFiles()) append.appendFile(f);
        append.commit();
        List<Record> out = new ArrayList<>();
        try (CloseableIterable<Record> it = IcebergGenerics.read(table).build()) {
            it.forEach(out::add);
        }
        out.sort(Comparator.comparing(r -> (OffsetDateTime) r.getField("processed_at")));
        return out;
    }
}
