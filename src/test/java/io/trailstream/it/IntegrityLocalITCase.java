package io.trailstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.cli.TrailstreamCommand;
import io.trailstream.iceberg.CatalogOptions;
import io.trailstream.testing.TrailSigner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Log file validation on the embedded run: {@code trailstream local} over a folder named as the bucket, digests
 * signed by the test's key with their signatures in {@code KEY.s3meta.json} sidecars, the key in the file
 * {@code integrity.public-keys} names. Every case of {@link SignedScenario} gets its row, the bounded run decides
 * every pending check when its input ends, and sidecars are no objects.
 */
class IntegrityLocalITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @Test
    void everyDigestAndLogFileIsCheckedOnTheEmbeddedRun(@TempDir Path dir) throws Exception {
        SignedScenario scenario = new SignedScenario();
        Path bucket = Files.createDirectories(dir.resolve(SignedScenario.BUCKET));
        for (SignedScenario.Obj o : scenario.objects) TrailSigner.writeLocal(bucket, o.key(), o.bytes(), o.metadata());
        Path keys = scenario.signer.writePublicKeys(dir.resolve("keys.json"));
        Path config = dir.resolve("trailstream.yaml");
        Files.writeString(
                config,
                "integrity.public-keys: " + keys + "\n"
                        + "integrations:\n"
                        + "  - {integration_id: acme, tenant_id: acme, bucket: any}\n"
                        + "  - {integration_id: acme-org, tenant_id: acme, bucket: any, prefix: org, organization_id: "
                        + SignedScenario.ORG + "}\n");
        Path warehouse = dir.resolve("warehouse");

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TrailstreamCommand.execute(
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                "local",
                "--input",
                bucket.toString(),
                "--config",
                config.toString(),
                "--warehouse",
                warehouse.toString());
        System.out.println(out + "\n" + err);
        assertThat(code).as("exit code; err: %s", err).isZero();
        assertThat(out.toString())
                .as("every object, no sidecar, accounted for")
                .contains("All " + scenario.objects.size() + " objects accounted for")
                .contains("Integrity checks in this run");

        Configuration conf = new Configuration();
        conf.set(CatalogOptions.WAREHOUSE, warehouse.toString());
        try (Warehouse tables = new Warehouse(conf)) {
            assertThat(latestStatuses(tables.rows("integrity")))
                    .as("the latest integrity row of every digest and log file")
                    .isEqualTo(scenario.expected);
            List<Record> ledger = tables.rows("objects");
            assertThat(ledger).hasSize(scenario.objects.size());
            assertThat(ledger)
                    .filteredOn(r -> "log".equals(r.getField("kind")))
                    .allSatisfy(r -> assertThat((String) r.getField("sha256")).hasSize(64));
            assertThat(ledger)
                    .filteredOn(r -> "digest".equals(r.getField("kind")))
                    .allSatisfy(r -> assertThat(r.getField("outcome")).isEqualTo("recorded"));
            assertThat(ledger)
                    .noneSatisfy(r -> assertThat((String) r.getField("key")).endsWith(".s3meta.json"));
        }
    }

    @Test
    void eventDedupeKeepsARecordDeliveredInTwoFilesOnce(@TempDir Path dir) throws Exception {
        Path bucket = Files.createDirectories(dir.resolve("acme-trail"));
        TrailSigner.Trail trail = new TrailSigner().trail("acme-trail", null, null, "111122223333", "eu-west-1");
        java.time.Instant at = java.time.Instant.parse("2026-11-26T09:05:00Z");
        String shared = trail.record("00000000-0000-4000-8000-000000000001", at);
        TrailSigner.LogFile a = trail.logFileOf(
                at, List.of(shared, trail.record("00000000-0000-4000-8000-000000000002", at)), List.of());
        TrailSigner.LogFile b = trail.logFileOf(
                at.plusSeconds(300),
                List.of(trail.record("00000000-0000-4000-8000-000000000003", at), shared),
                List.of());
        TrailSigner.writeLocal(bucket, a.key(), a.stored(), Map.of());
        TrailSigner.writeLocal(bucket, b.key(), b.stored(), Map.of());
        Path config = Files.writeString(dir.resolve("trailstream.yaml"), "dedupe.events: true\n");
        Path warehouse = dir.resolve("warehouse");
        int code = TrailstreamCommand.execute(
                new PrintWriter(new StringWriter(), true),
                new PrintWriter(new StringWriter(), true),
                "local",
                "--input",
                bucket.toString(),
                "--config",
                config.toString(),
                "--warehouse",
                warehouse.toString());
        assertThat(code).isZero();
        Configuration conf = new Configuration();
        conf.set(CatalogOptions.WAREHOUSE, warehouse.toString());
        try (Warehouse tables = new Warehouse(conf)) {
            assertThat(tables.rows("events"))
                    .extracting(r -> (String) r.getField("event_id"))
                    .containsExactlyInAnyOrder(
                            "00000000-0000-4000-8000-000000000001",
                            "00000000-0000-4000-8000-000000000002",
                            "00000000-0000-4000-8000-000000000003");
            List<Record> ledger = tables.rows("objects");
            assertThat(ledger)
                    .extracting(r -> (Long) r.getField("duplicate_events"))
                    .containsExactlyInAnyOrder(0L, 1L);
            assertThat(ledger)
                    .extracting(r -> (Long) r.getField("record_count"))
                    .containsExactlyInAnyOrder(2L, 1L);
        }
    }

    /** {@code "kind key"} to the status of its latest row (by checked_at; rows may be superseded). */
    static Map<String, String> latestStatuses(List<Record> rows) {
        Map<String, Record> latest = new TreeMap<>();
        for (Record r : rows) {
            String id = r.getField("kind") + " " + r.getField("key");
            Record seen = latest.get(id);
            if (seen == null
                    || ((java.time.OffsetDateTime) r.getField("checked_at"))
                                    .compareTo((java.time.OffsetDateTime) seen.getField("checked_at"))
                            >= 0) {
                latest.put(id, r);
            }
        }
        Map<String, String> out = new TreeMap<>();
        latest.forEach((k, r) -> out.put(k, (String) r.getField("status")));
        return out;
    }
}
