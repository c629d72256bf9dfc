package io.trailstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailstream.control.Integration;
import io.trailstream.iceberg.CatalogOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/engines.md's Flink SQL, as written there: the Iceberg catalog created in Flink's table environment over a
 * warehouse the job wrote, and the page's question asked of it, answered exactly as the records written say.
 */
class EnginesITCase {
    private static final Pattern BLOCK =
            Pattern.compile("<!-- engines-test: ([a-z-]+) -->\\s*```[a-z]*\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern SET = Pattern.compile("SET '([^']+)' = '([^']+)'");
    private static final String PLACEHOLDER = "/path/to/warehouse";

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @Test
    void theFlinkSqlOfTheEnginesPageAnswersItsQuestion(@TempDir Path dir) throws Exception {
        Path bucket = dir.resolve("bucket");
        Map<String, long[]> expected = writeSignIns(bucket);
        Path warehouse = dir.resolve("warehouse");
        Configuration catalog = new Configuration();
        catalog.set(CatalogOptions.WAREHOUSE, warehouse.toString());
        CatalogJobRun.run(
                CatalogJobRun.localRun(bucket, catalog),
                List.of(Integration.of("acme", bucket.toString(), null)),
                "engines");

        Map<String, String> blocks = blocks();
        TableEnvironment sql = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        for (String statement : blocks.get("flink-catalog").split(";")) {
            Matcher set = SET.matcher(statement.strip());
            if (set.matches()) {
                sql.getConfig().set(set.group(1), set.group(2)); // what the SQL client does with SET
            } else if (!statement.isBlank()) {
                sql.executeSql(statement.replace(PLACEHOLDER, warehouse.toString()));
            }
        }
        Map<String, long[]> answer = new TreeMap<>();
        TableResult result = sql.executeSql(blocks.get("flink-query"));
        try (CloseableIterator<Row> rows = result.collect()) {
            while (rows.hasNext()) {
                Row row = rows.next();
                answer.put(row.getField("account") + " " + row.getField("login_result"), new long[] {
                    ((Number) row.getField("sign_ins")).longValue(), ((Number) row.getField("without_mfa")).longValue()
                });
            }
        }
        assertThat(answer).as("account and result -> sign-ins, without MFA").containsOnlyKeys(expected.keySet());
        expected.forEach((key, counts) -> assertThat(answer.get(key)).as(key).containsExactly(counts));
    }

    /** The page's marked code blocks, by marker. */
    static Map<String, String> blocks() throws Exception {
        Path project = Path.of(System.getProperty("trailstream.project.dir", System.getProperty("user.dir")));
        String page = Files.readString(project.resolve("docs/engines.md"));
        Map<String, String> out = new TreeMap<>();
        Matcher m = BLOCK.matcher(page);
        while (m.find()) out.put(m.group(1), m.group(2));
        assertThat(out).containsKeys("flink-catalog", "flink-query", "pyiceberg", "duckdb");
        return out;
    }

    /**
     * A trail of console sign-ins in two accounts (and other calls, and sign-ins before November that the
     * question leaves out); returns what the question must answer: "account result" -> {sign-ins, without MFA}.
     */
    private static Map<String, long[]> writeSignIns(Path bucket) throws Exception {
        TrailData data = new TrailData(20261204L);
        Random random = new Random(20261204L);
        Map<String, long[]> expected = new TreeMap<>();
        for (String account : List.of("111122223333", "444455556666")) {
            List<String> records = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                if (i % 3 == 0) {
                    String other = data.record(account, "us-east-1");
                    while (TrailData.tree(other).path("eventName").asText().equals("ConsoleLogin")) {
                        other = data.record(account, "us-east-1"); // a parser fixture can be one
                    }
                    records.add(other);
                    continue;
                }
                boolean ok = random.nextInt(5) > 0;
                boolean mfa = random.nextBoolean();
                boolean october = i % 10 == 1;
                ObjectNode r = TrailData.JSON.createObjectNode();
                r.put("eventVersion", "1.10");
                ObjectNode identity = r.putObject("userIdentity");
                identity.put("type", "IAMUser");
                identity.put("arn", "arn:aws:iam::" + account + ":user/u" + i);
                identity.put("accountId", account);
                r.put("eventTime", (october ? "2026-10-31T23:" : "2026-11-26T10:") + String.format("%02d:00Z", i));
                r.put("eventSource", "signin.amazonaws.com");
                r.put("eventName", "ConsoleLogin");
                r.put("awsRegion", "us-east-1");
                r.put("sourceIPAddress", "198.51.100." + (i + 1));
                r.putObject("responseElements").put("ConsoleLogin", ok ? "Success" : "Failure");
                r.putObject("additionalEventData").put("MFAUsed", mfa ? "Yes" : "No");
                r.put(
                        "eventID",
                        java.util
                                .UUID
                                .nameUUIDFromBytes((account + i).getBytes())
                                .toString());
                r.put("eventType", "AwsConsoleSignIn");
                r.put("recipientAccountId", account);
                records.add(TrailData.write(r));
                if (!october) {
                    long[] counts =
                            expected.computeIfAbsent(account + " " + (ok ? "Success" : "Failure"), k -> new long[2]);
                    counts[0]++;
                    if (!mfa) counts[1]++;
                }
            }
            Path file = bucket.resolve(data.logKey(null, null, account, "us-east-1", 10 * 60));
            Files.createDirectories(file.getParent());
            Files.write(file, TrailData.gzip(TrailData.logFile(records)));
        }
        return expected;
    }
}
