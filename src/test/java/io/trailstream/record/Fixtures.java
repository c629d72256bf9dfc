package io.trailstream.record;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.data.RowData;

/** Test fixtures under {@code src/test/resources/records/} and a one-call way to parse them. */
final class Fixtures {
    static final RecordContext CONTEXT = new RecordContext(
            "integration-7",
            "trail-bucket",
            "AWSLogs/111122223333/CloudTrail/us-east-1/2024/05/06/111122223333_CloudTrail_us-east-1_x.json.gz",
            Instant.parse("2024-05-06T08:00:00.000123Z"));

    private Fixtures() {}

    /** What one parse gave: the summary and the rows in order. */
    record Parsed(ParseSummary summary, List<RowData> rows) {
        RowData row(int index) {
            return rows.get(index);
        }
    }

    static byte[] bytes(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/records/" + resource)) {
            if (in == null) throw new IllegalArgumentException("no fixture " + resource);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Parsed parse(String resource) {
        return parse(bytes(resource));
    }

    static Parsed parseText(String json) {
        return parse(json.getBytes(StandardCharsets.UTF_8));
    }

    static Parsed parse(byte[] content) {
        return parse(new ByteArrayInputStream(content));
    }

    static Parsed parse(InputStream in) {
        List<RowData> rows = new ArrayList<>();
        try {
            ParseSummary summary = new CloudTrailRecordParser().parse(in, CONTEXT, rows::add);
            return new Parsed(summary, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The records of a file laid out one per line between {@code {"Records":[} and {@code ]}} (the corpus and
     * fixture layout), as their exact text without the separating comma.
     */
    static List<String> recordLines(byte[] file) {
        String[] lines = new String(file, StandardCharsets.UTF_8).split("\n");
        List<String> records = new ArrayList<>();
        for (int i = 1; i < lines.length - 1; i++) {
            String line = lines[i];
            records.add(line.endsWith(",") ? line.substring(0, line.length() - 1) : line);
        }
        return records;
    }
}
