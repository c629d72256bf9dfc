package io.trailstream.iceberg;

import io.trailstream.control.apply.ControlAudit;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Table;
import org.apache.iceberg.flink.sink.RowDataTaskWriterFactory;
import org.apache.iceberg.io.TaskWriter;

/**
 * Appends audit entries to {@code control_audit} from outside the job, for the commands that change tables
 * themselves ({@code trailstream integration purge}): the same rows the job's sink writes
 * ({@link ControlAuditTable#toRow}), through Iceberg's Flink writer, in one commit.
 */
public final class ControlAuditAppender {
    private static final long TARGET_FILE_SIZE = 32L << 20;

    private ControlAuditAppender() {}

    /** Writes {@code entries} to {@code table} ({@code control_audit}) and commits them as one snapshot. */
    public static void append(Table table, List<ControlAudit> entries) throws IOException {
        RowDataTaskWriterFactory factory = new RowDataTaskWriterFactory(
                table, ControlAuditTable.ROW_TYPE, TARGET_FILE_SIZE, FileFormat.PARQUET, Map.of(), List.of(), false);
        factory.initialize(0, 0);
        TaskWriter<RowData> writer = factory.create();
        try {
            for (ControlAudit a : entries) writer.write(ControlAuditTable.toRow(a));
        } catch (IOException | RuntimeException e) {
            writer.abort();
            throw e;
        }
        AppendFiles append = table.newAppend();
        for (DataFile f : writer.complete().dataFiles()) append.appendFile(f);
        append.commit();
    }
}
