package io.trailstream.cli;

import io.trailstream.control.ControlView;
import io.trailstream.control.Integration;
import io.trailstream.control.LicencePolicy;
import io.trailstream.control.Tenant;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints integrations as a plain text table, one row each, columns as wide as their widest value:
 * id, tenant, bucket/prefix, organization, accounts, own status, and the status it behaves with now
 * (suspended, marked "(licence)", when active but the tenant's licence is not valid).
 */
final class IntegrationTable {
    static final String[] HEADER = {
        "INTEGRATION", "TENANT", "BUCKET/PREFIX", "ORGANIZATION", "ACCOUNTS", "STATUS", "EFFECTIVE"
    };

    private IntegrationTable() {}

    static void print(PrintWriter out, ControlView view, List<Integration> integrations, long nowMillis) {
        List<String[]> lines = new ArrayList<>();
        lines.add(HEADER);
        for (Integration i : integrations) lines.add(row(i, view.tenant(i.tenantId), nowMillis));
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

    private static String[] row(Integration i, Tenant tenant, long nowMillis) {
        String effective = LicencePolicy.effectiveStatus(i, tenant, nowMillis).wireName();
        if (!LicencePolicy.isValid(tenant, nowMillis)) effective += " (licence)";
        return new String[] {
            i.integrationId,
            String.valueOf(i.tenantId),
            i.bucket + (i.prefix == null ? "" : "/" + i.prefix),
            i.organizationId == null ? "-" : i.organizationId,
            i.includedAccounts == null ? "all" : String.join(",", i.includedAccounts),
            i.status.wireName(),
            effective
        };
    }
}
