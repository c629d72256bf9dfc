package io.trailstream.cli;

import io.trailstream.control.ControlView;
import io.trailstream.control.Integration;
import io.trailstream.control.LicencePolicy;
import io.trailstream.control.Tenant;
import io.trailstream.iceberg.IntegrationHealthReader;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prints integrations as a plain text table, one row each, columns as wide as their widest value:
 * id, tenant, bucket/prefix, organization, accounts, own status, the status it behaves with now
 * (suspended, marked "(licence)", when active but the tenant's licence is not valid), and its health from the
 * {@code integration_health} table ({@code -} when none is known).
 */
final class IntegrationTable {
    static final String[] HEADER = {
        "INTEGRATION", "TENANT", "BUCKET/PREFIX", "ORGANIZATION", "ACCOUNTS", "STATUS", "EFFECTIVE", "HEALTH"
    };

    private IntegrationTable() {}

    static void print(
            PrintWriter out,
            ControlView view,
            List<Integration> integrations,
            Map<String, IntegrationHealthReader.Health> health,
            long nowMillis) {
        List<String[]> lines = new ArrayList<>();
        lines.add(HEADER);
        for (Integration i : integrations) {
            lines.add(row(i, view.tenant(i.tenantId), health.get(i.integrationId), nowMillis));
        }
        int[] widths = new int[HEADER.length];
        for (String[] line : lines) {
            for (int c = 0; c < line.length; c++) widths[c] = Math.max(widths[c], line[c].length());
        }
        for (String[] line : lines) {
            StringBuilder b = new StringBuilder();
            for (int c = 0; c < line.length; c++) {
                b.append(line[c]);
                if (c < line.length - 1) b.append(" ".repeat(widths[c] - line[c].length() + 2));
            }
            out.println(b);
        }
        out.flush();
    }

    /** The effective status an integration behaves with now, as the table shows it (without the licence note). */
    static String effective(Integration i, Tenant tenant, long nowMillis) {
        return LicencePolicy.effectiveStatus(i, tenant, nowMillis).wireName();
    }

    /** {@code healthy}, or the worst part's status and how many parts are not healthy; {@code -} when unknown. */
    static String health(IntegrationHealthReader.Health h) {
        if (h == null) return "-";
        return h.unhealthyParts() > 1
                ? h.status().wireName() + " (" + h.unhealthyParts() + " parts)"
                : h.status().wireName();
    }

    private static String[] row(Integration i, Tenant tenant, IntegrationHealthReader.Health health, long nowMillis) {
        String effective = LicencePolicy.effectiveStatus(i, tenant, nowMillis).wireName();
        if (!LicencePolicy.isValid(tenant, nowMillis)) effective += " (licence)";
        return new String[] {
            i.integrationId,
            String.valueOf(i.tenantId),
            i.bucket + (i.prefix == null ? "" : "/" + i.prefix),
            i.organizationId == null ? "-" : i.organizationId,
            i.includedAccounts == null ? "all" : String.join(",", i.includedAccounts),
            i.status.wireName(),
            effective,
            health(health)
        };
    }
}
