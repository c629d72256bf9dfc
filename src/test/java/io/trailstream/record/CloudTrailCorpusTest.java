package io.trailstream.record;

import static io.trailstream.record.TestRows.get;
import static io.trailstream.record.TestRows.str;
import static io.trailstream.record.TestRows.time;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import io.trailstream.record.Fixtures.Parsed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.table.data.RowData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The parser on every record of the shared conformance corpus (real records from public sources): each record
 * is exactly one row, its raw is the record (same keys, order, values and number text), and the main typed
 * columns agree with the record as an independent JSON tree reads it.
 */
class CloudTrailCorpusTest {
    /** Exact numbers: every integer a BigInteger, every float a BigDecimal with its scale kept. */
    private static final ObjectMapper EXACT = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    @Test
    void everyCorpusRecordBecomesOneExactRow() throws IOException {
        Path corpus = corpusDir();
        Assumptions.assumeTrue(Files.isDirectory(corpus), "no CloudTrail corpus at " + corpus + ": skipped");
        List<Path> files;
        try (Stream<Path> listing = Files.list(corpus)) {
            files = listing.filter(p -> p.toString().endsWith(".json")).sorted().collect(Collectors.toList());
        }
        Assumptions.assumeFalse(files.isEmpty(), "the corpus at " + corpus + " has no .json files: skipped");
        long records = 0;
        for (Path file : files) {
            records += checkFile(file);
        }
        System.out.printf("CloudTrail corpus: %d records in %d files, each one exact row%n", records, files.size());
    }

    /** Checks one corpus file and returns its record count. */
    private static int checkFile(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        JsonNode records = EXACT.readTree(bytes).get("Records");
        Parsed parsed = Fixtures.parse(bytes);

        assertThat(parsed.summary().status()).isEqualTo(ParseSummary.Status.OK);
        assertThat(parsed.summary().recordsSkipped()).isZero();
        assertThat(parsed.rows()).hasSize(records.size());
        List<String> lines = Fixtures.recordLines(bytes);
        for (int i = 0; i < records.size(); i++) {
            String where = file.getFileName() + " record " + i;
            JsonNode record = records.get(i);
            RowData row = parsed.row(i);
            String raw = str(row, "raw");

            JsonNode fromRaw = EXACT.readTree(raw);
            assertThat(fromRaw).as(where).isEqualTo(record);
            assertThat(EXACT.writeValueAsString(fromRaw))
                    .as(where + " key order")
                    .isEqualTo(EXACT.writeValueAsString(record));
            if (lines.size() == records.size()) {
                assertThat(raw).as(where + " bytes").isEqualTo(lines.get(i));
            }

            assertThat(str(row, "event_name")).as(where).isEqualTo(text(record.get("eventName")));
            assertThat(str(row, "event_source")).as(where).isEqualTo(text(record.get("eventSource")));
            assertThat(str(row, "event_id")).as(where).isEqualTo(text(record.get("eventID")));
            assertThat(str(row, "recipient_account_id")).as(where).isEqualTo(text(record.get("recipientAccountId")));
            assertThat(time(row, "event_time")).as(where).isEqualTo(instant(record.get("eventTime")));
            JsonNode identity = record.get("userIdentity");
            if (identity != null && identity.isObject()) {
                assertThat(str(row, "user_identity.type")).as(where).isEqualTo(text(identity.get("type")));
                assertThat(str(row, "user_identity.arn")).as(where).isEqualTo(text(identity.get("arn")));
                assertThat(str(row, "user_identity.account_id")).as(where).isEqualTo(text(identity.get("accountId")));
            } else {
                assertThat(get(row, "user_identity")).as(where).isNull();
            }
            JsonNode parameters = record.get("requestParameters");
            if (parameters != null && !parameters.isNull()) {
                assertThat(EXACT.readTree(str(row, "request_parameters")))
                        .as(where)
                        .isEqualTo(parameters);
            }
        }
        return records.size();
    }

    private static Path corpusDir() {
        String projectDir = System.getProperty("trailstream.project.dir", System.getProperty("user.dir"));
        return Path.of(projectDir).resolve("../shared/corpus/cloudtrail").normalize();
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull()) return null;
        return node.isValueNode() ? node.asText() : node.toString();
    }

    /** The instant java.time reads from a CloudTrail time, or null. */
    private static Instant instant(JsonNode node) {
        if (node == null || !node.isTextual()) return null;
        String value = node.asText();
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(value.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                return null;
            }
        }
    }
}
