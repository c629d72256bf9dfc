package io.trailstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailstream.control.message.IntegrationPatch;
import io.trailstream.iceberg.CatalogOptions;
import io.trailstream.iceberg.IcebergCatalogs;
import io.trailstream.iceberg.IntegrationPurge;
import io.trailstream.iceberg.OpenCatalog;
import io.trailstream.iceberg.TableBootstrap;
import io.trailstream.iceberg.TrailTables;
import io.trailstream.maintenance.MaintenanceSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.flink.maintenance.api.JdbcLockFactory;
import org.apache.iceberg.flink.maintenance.api.TriggerLockFactory;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trailstream integration purge} over a real catalog (the SQLite JDBC catalog of a local warehouse): the
 * rows of two integrations written as the job writes them, one deleted through the job's control applier, purged;
 * exact counts remain, the audit row is there, the ledger untouched; an active or unknown integration is refused;
 * a second purge changes nothing and says so; the maintenance lock is honoured.
 */
class IntegrationPurgeITCase {
    private static final Instant DAY1 = Instant.parse("2026-11-25T01:00:00Z");
    private static final Instant DAY2 = Instant.parse("2026-11-26T01:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path warehouse;
    private Configuration conf;
    private String out;
    private String err;

    @BeforeEach
    void lake() throws IOException {
        warehouse = Files.createDirectories(dir.resolve("warehouse"));
        conf = new Configuration();
        conf.set(CatalogOptions.WAREHOUSE, warehouse.toString());
        TableBootstrap.ensure(IcebergCatalogs.loader(conf), conf.get(CatalogOptions.NAMESPACE), TrailTables.all());
        StepClock clock = new StepClock("2026-11-27T09:00:00Z");
        ControlMessageBuilder b = new ControlMessageBuilder("setup", clock, clock.ids());
        new IntegrationsTableFixture(warehouse)
                .commit(
                        clock.millis(),
                        b.upsert("acme", new IntegrationPatch().tenantId("acme").bucket("acme-trail")),
                        b.upsert(
                                "globex",
                                new IntegrationPatch().tenantId("globex").bucket("globex-trail")),
                        b.delete("acme"));

        EventsTableFixture events = new EventsTableFixture(warehouse);
        // acme: 5 + 3 events over two days, in two commits; 2 insights. globex: 4 + 6 events, 1 insight.
        events.commit("events", "acme", "acme-trail", List.of(EventsTableFixture.logFile("111111111111", DAY1, 5)));
        events.commit("events", "acme", "acme-trail", List.of(EventsTableFixture.logFile("111111111111", DAY2, 3)));
        events.commit(
                "events",
                "globex",
                "globex-trail",
                List.of(
                        EventsTableFixture.logFile("222222222222", DAY1, 4),
                        EventsTableFixture.logFile("222222222222", DAY2, 6)));
        events.commit("insights", "acme", "acme-trail", List.of(EventsTableFixture.logFile("111111111111", DAY1, 2)));
        events.commit(
                "insights", "globex", "globex-trail", List.of(EventsTableFixture.logFile("222222222222", DAY2, 1)));

        LedgerTableFixture ledger = new LedgerTableFixture(warehouse);
        ledger.row("acme", "acme-trail", "k1", "ingested", DAY1);
        ledger.row("acme", "acme-trail", "k2", "ingested", DAY2);
        ledger.row("acme", "acme-trail", "k3", "skipped_deleted", DAY2.plusSeconds(60));
        ledger.row("globex", "globex-trail", "k1", "ingested", DAY1);
        ledger.commit();
    }

    @Test
    void purgesADeletedIntegrationAndKeepsTheLedgerAndTheAudit() throws Exception {
        assertThat(countsByIntegration("events")).isEqualTo(Map.of("acme", 8L, "globex", 10L));
        assertThat(countsByIntegration("insights")).isEqualTo(Map.of("acme", 2L, "globex", 1L));
        long eventsSnapshot = snapshotId("events");

        assertThat(run("integration", "purge", "acme", "--dry-run", "--warehouse", warehouse.toString()))
                .as(err)
                .isZero();
        assertThat(out)
                .contains("Would delete 10 records (3 data files) of integration acme: events 8 (2), insights 2 (1).")
                .contains("Dry run: nothing deleted");
        assertThat(snapshotId("events")).isEqualTo(eventsSnapshot);
        assertThat(auditRows()).isEmpty();

        assertThat(run("integration", "purge", "acme", "--warehouse", warehouse.toString(), "--author", "carol@ops"))
                .as(err)
                .isZero();
        assertThat(out)
                .contains(
                        "Purged: deleted 10 records (3 data files) of integration acme: events 8 (2), insights 2 (1)");
        assertThat(countsByIntegration("events")).isEqualTo(Map.of("globex", 10L));
        assertThat(countsByIntegration("insights")).isEqualTo(Map.of("globex", 1L));
        assertThat(countsByIntegration("objects")).isEqualTo(Map.of("acme", 3L, "globex", 1L));

        List<Record> audit = auditRows();
        assertThat(audit).hasSize(1);
        Record row = audit.get(0);
        assertThat(row.getField("kind")).isEqualTo("purge");
        assertThat(row.getField("integration_id")).isEqualTo("acme");
        assertThat(row.getField("tenant_id")).isEqualTo("acme");
        assertThat(row.getField("author")).isEqualTo("carol@ops");
        assertThat(row.getField("outcome")).isEqualTo("applied");
        assertThat(row.getField("reason_code")).isEqualTo("purged");
        JsonNode message = JSON.readTree((String) row.getField("message"));
        assertThat(message.path("records").asLong()).isEqualTo(10);
        assertThat(message.path("deleted").path("events").path("records").asLong())
                .isEqualTo(8);
        assertThat(message.path("deleted").path("insights").path("data_files").asLong())
                .isEqualTo(1);
        assertThat(JSON.readTree((String) row.getField("state_before"))
                        .path("status")
                        .asText())
                .isEqualTo("deleted");

        long afterPurge = snapshotId("events");
        assertThat(run("integration", "purge", "acme", "--warehouse", warehouse.toString()))
                .as(err)
                .isZero();
        assertThat(out).contains("Nothing to purge: deleted 0 records (0 data files) of integration acme");
        assertThat(snapshotId("events")).as("no empty commit").isEqualTo(afterPurge);
        assertThat(auditRows())
                .extracting(r -> r.getField("reason_code"))
                .containsExactlyInAnyOrder("purged", "nothing_to_purge");
        assertThat(countsByIntegration("events")).isEqualTo(Map.of("globex", 10L));
    }

    @Test
    void refusesAnIntegrationThatIsNotDeleted() throws Exception {
        assertThat(run("integration", "purge", "globex", "--warehouse", warehouse.toString()))
                .isEqualTo(1);
        assertThat(err)
                .contains("integration globex is active (in integrations table cloudtrail.integrations")
                .contains("only a deleted integration is purged");
        assertThat(run("integration", "purge", "initech", "--warehouse", warehouse.toString()))
                .isEqualTo(1);
        assertThat(err).contains("unknown integration initech");
        assertThat(run("integration", "purge", "acme")).isEqualTo(2);
        assertThat(err).contains("give --warehouse DIR or --config FILE");

        assertThat(countsByIntegration("events")).isEqualTo(Map.of("acme", 8L, "globex", 10L));
        assertThat(countsByIntegration("insights")).isEqualTo(Map.of("acme", 2L, "globex", 1L));
        assertThat(auditRows()).isEmpty();
    }

    @Test
    void waitsForTheMaintenanceLockAndGivesUpWithoutDeleting() throws Exception {
        MaintenanceSettings settings = MaintenanceSettings.from(conf, IcebergCatalogs.properties(conf), true, null);
        settings.createLockTable();
        try (JdbcLockFactory factory = settings.lockFactory(conf.get(CatalogOptions.NAMESPACE), "insights")) {
            factory.open();
            TriggerLockFactory.Lock lock = factory.createLock();
            assertThat(lock.tryLock()).isTrue();
            assertThat(run("integration", "purge", "acme", "--warehouse", warehouse.toString(), "--lock-wait", "PT1S"))
                    .isEqualTo(1);
            assertThat(err).contains("nothing deleted").contains("maintenance lock of events or insights");
            assertThat(countsByIntegration("events")).containsEntry("acme", 8L);
            assertThat(auditRows()).isEmpty();
            lock.unlock();
        }
        assertThat(run("integration", "purge", "acme", "--warehouse", warehouse.toString()))
                .as(err)
                .isZero();
        assertThat(countsByIntegration("events")).isEqualTo(Map.of("globex", 10L));
    }

    @Test
    void aCommitThatLandsDuringThePurgeIsKeptAndItsRowsOfTheIntegrationGoToo() throws Exception {
        for (String retries : new String[] {"4", "0"}) { // Iceberg's own retries, then only the purge's
            try (OpenCatalog c = catalog()) {
                Table events = c.table("events");
                events.updateProperties()
                        .set(TableProperties.COMMIT_NUM_RETRIES, retries)
                        .commit();
                EventsTableFixture writer = new EventsTableFixture(warehouse);
                writer.commit(
                        "events", "acme", "acme-trail", List.of(EventsTableFixture.logFile("111111111111", DAY1, 3)));
                Runnable concurrent = () -> {
                    try {
                        writer.commit(
                                "events",
                                "globex",
                                "globex-trail",
                                List.of(EventsTableFixture.logFile("222222222222", DAY2, 2)));
                        writer.commit(
                                "events",
                                "acme",
                                "acme-trail",
                                List.of(EventsTableFixture.logFile("111111111111", DAY2, 1)));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                };
                Map<String, Long> before = countsByIntegration("events");
                IntegrationPurge.Count deleted = IntegrationPurge.delete(CommitRace.before(events, concurrent), "acme");
                assertThat(deleted.records()).as("retries " + retries).isEqualTo(before.get("acme") + 1);
                assertThat(countsByIntegration("events"))
                        .as("retries %s: globex's concurrent commit is kept, acme's is purged with the rest", retries)
                        .isEqualTo(Map.of("globex", before.get("globex") + 2));
            }
        }
    }

    private int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = TrailstreamCommand.execute(
                new ControlCommandContext(), new PrintWriter(o, true), new PrintWriter(e, true), args);
        out = o.toString();
        err = e.toString();
        return code;
    }

    private Map<String, Long> countsByIntegration(String table) throws IOException {
        Map<String, Long> counts = new TreeMap<>();
        for (Record r : rows(table)) counts.merge((String) r.getField("integration_id"), 1L, Long::sum);
        return counts;
    }

    private List<Record> auditRows() throws IOException {
        List<Record> purges = new ArrayList<>();
        for (Record r : rows("control_audit")) if ("purge".equals(r.getField("kind"))) purges.add(r);
        return purges;
    }

    private List<Record> rows(String table) throws IOException {
        try (OpenCatalog c = catalog();
                CloseableIterable<Record> rows =
                        IcebergGenerics.read(c.table(table)).build()) {
            List<Record> out = new ArrayList<>();
            rows.forEach(r -> out.add(r.copy()));
            return out;
        }
    }

    private long snapshotId(String table) {
        try (OpenCatalog c = catalog()) {
            return c.table(table).currentSnapshot().snapshotId();
        }
    }

    private OpenCatalog catalog() {
        return OpenCatalog.open(IcebergCatalogs.loader(conf), conf.get(CatalogOptions.NAMESPACE));
    }
}
