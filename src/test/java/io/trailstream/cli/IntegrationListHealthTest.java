package io.trailstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.control.message.IntegrationPatch;
import io.trailstream.iceberg.CatalogOptions;
import io.trailstream.iceberg.IntegrationHealthTable;
import io.trailstream.iceberg.TrailTables;
import io.trailstream.integrity.health.HealthStatus;
import io.trailstream.integrity.health.IntegrationHealth;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.data.RowData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code integration list} with health: the worst current health of each integration from the
 * {@code integration_health} table (latest row per account and region), and the filters ops with many
 * integrations use: {@code --health}, {@code --status}, {@code --organizations}.
 */
class IntegrationListHealthTest {
    @TempDir
    Path dir;

    private String out;
    private String err;

    @Test
    void showsAndFiltersByHealthStatusAndOrganization() throws Exception {
        Path warehouse = Files.createDirectories(dir.resolve("warehouse"));
        StepClock clock = new StepClock(Instant.now().minusSeconds(3600).toString());
        long t0 = clock.millis();
        ControlMessageBuilder b = new ControlMessageBuilder("setup", clock, clock.ids());
        new IntegrationsTableFixture(warehouse)
                .commit(
                        t0,
                        b.upsert(
                                "acme-org",
                                new IntegrationPatch()
                                        .tenantId("acme")
                                        .bucket("acme-trail")
                                        .organizationId("o-a1b2c3d4e5")),
                        b.upsert("beta", new IntegrationPatch().tenantId("beta").bucket("beta-trail")),
                        b.upsert(
                                "gamma",
                                new IntegrationPatch().tenantId("gamma").bucket("gamma-trail")))
                .commit(t0 + 1000, b.suspend("gamma"));
        List<RowData> rows = new ArrayList<>();
        // acme-org: one region denied, then fine again; another region has a gap: its health is gap.
        rows.add(row("acme-org", "111122223333", "eu-west-1", HealthStatus.ACCESS_DENIED, t0 + 10));
        rows.add(row("acme-org", "111122223333", "eu-west-1", HealthStatus.HEALTHY, t0 + 20));
        rows.add(row("acme-org", "222233334444", "us-east-1", HealthStatus.GAP, t0 + 30));
        rows.add(row("beta", null, null, HealthStatus.SILENT, t0 + 40));
        rows.add(row("beta", "333344445555", "eu-west-1", HealthStatus.ACCESS_DENIED, t0 + 50));
        Configuration conf = new Configuration();
        conf.set(CatalogOptions.WAREHOUSE, warehouse.toString());
        IntegrationsTableFixture.append(conf, TrailTables.INTEGRATION_HEALTH, rows);

        assertThat(run("integration", "list", "--warehouse", warehouse.toString()))
                .as(err)
                .isZero();
        List<String> lines = out.lines().toList();
        assertThat(lines.get(0)).endsWith("EFFECTIVE  HEALTH");
        assertThat(lines.get(1)).startsWith("acme-org").endsWith(" gap");
        assertThat(lines.get(2)).startsWith("beta").endsWith(" access_denied (2 parts)");
        assertThat(lines.get(3)).startsWith("gamma").endsWith(" -");

        assertThat(run("integration", "list", "--warehouse", warehouse.toString(), "--health", "access_denied"))
                .isZero();
        assertThat(names()).containsExactly("beta");
        assertThat(run("integration", "list", "--warehouse", warehouse.toString(), "--health", "healthy"))
                .isZero();
        assertThat(names()).as("no health known is healthy").containsExactly("gamma");
        assertThat(run("integration", "list", "--warehouse", warehouse.toString(), "--organizations"))
                .isZero();
        assertThat(names()).containsExactly("acme-org");
        assertThat(run("integration", "list", "--warehouse", warehouse.toString(), "--status", "suspended"))
                .isZero();
        assertThat(names()).containsExactly("gamma");
        assertThat(run("integration", "list", "--warehouse", warehouse.toString(), "--health", "sick"))
                .isEqualTo(2);
        assertThat(err).contains("unknown health 'sick' (expected healthy, silent, gap or access_denied)");
    }

    private static RowData row(String id, String account, String region, HealthStatus status, long at) {
        IntegrationHealth h = new IntegrationHealth();
        h.integrationId = id;
        h.accountId = account;
        h.region = region;
        h.status = status;
        h.sinceMillis = at;
        h.recordedAtMillis = at;
        h.reason = "test";
        return IntegrationHealthTable.toRow(h);
    }

    private List<String> names() {
        return out.lines().skip(1).map(l -> l.split(" ")[0]).toList();
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
}
