package io.trailstream.iceberg;

import io.trailstream.control.apply.ControlAudit;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Table;
import org.apache.iceberg.flink.sink.RowDataTaskWriterFactory;
import org.apache.iceberg.io.TaskWriter;

/**
 * Appends rows to a table from outside the job, in one commit, for the commands that change tables themselves
 * ({@code trailstream integration purge} writes its {@code control_audit} row): the rows the job's sinks write,
 * through the same Iceberg Flink writer (Parquet, the table's partitioning and properties).
 */
public final class TableAppender {
    private static final long TARGET_FILE_SIZE = 128L << 20;

    private TableAppender() {}

    /** Writes the audit entries to {@code table} ({@code control_audit}) as {@link ControlAuditTable#toRow} makes them. */
    public static void appendAudit(Table table, List<ControlAudit> entries) throws IOException {
        append(
                table,
                ControlAuditTable.ROW_TYPE,
                entries.stream().map(ControlAuditTable::toRow).toList());
    }

    /** Writes {@code rows} (of {@code rowType}, the table's Flink row type) and commits them as one snapshot. */
    public static void append(Table table, RowType rowType, Iterable<RowData> rows) throws IOException {
        RowDataTaskWriterFactory factory = new RowDataTaskWriterFactory(
                table, rowType, TARGET_FILE_SIZE, FileFormat.PARQUET, Map.of(), List.of(), false);
        factory.initialize(0, 0);
        TaskWriter<RowData> writer = factory.create();
        try {
            for (RowData row : rows) writer.write(row);
        } catch (IOException | RuntimeException e) {
            writer.abort();
            throw e;
        }
        AppendFiles append = table.newAppend();
        for (DataFile f : writer.complete().dataFiles()) append.appendFile(f);
        append.commit();
    }
}
