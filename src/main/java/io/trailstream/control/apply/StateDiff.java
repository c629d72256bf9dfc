package io.trailstream.control.apply;

import io.trailstream.control.Integration;
import io.trailstream.control.Tenant;
import io.trailstream.control.message.WireTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Describes what a change did to an integration or a tenant, for the audit's reason column. */
final class StateDiff {
    private StateDiff() {}

    /** {@code status active → suspended; prefix a → b}, or empty when nothing but the bookkeeping changed. */
    static String integration(Integration before, Integration after) {
        List<String> parts = new ArrayList<>();
        add(parts, "tenant_id", before.tenantId, after.tenantId);
        add(parts, "display_name", before.displayName, after.displayName);
        add(parts, "bucket", before.bucket, after.bucket);
        add(parts, "prefix", before.prefix, after.prefix);
        add(parts, "organization_id", before.organizationId, after.organizationId);
        add(parts, "included_accounts", accounts(before), accounts(after));
        add(parts, "status", before.status.wireName(), after.status.wireName());
        add(parts, "role_arn", before.roleArn, after.roleArn);
        add(parts, "external_id", before.externalId, after.externalId);
        return String.join("; ", parts);
    }

    static String tenant(Tenant before, Tenant after) {
        List<String> parts = new ArrayList<>();
        add(
                parts,
                "licence",
                before.licenceExpired ? "expired" : "not expired",
                after.licenceExpired ? "expired" : "not expired");
        add(parts, "valid_until", until(before), until(after));
        return String.join("; ", parts);
    }

    private static String accounts(Integration i) {
        return i.includedAccounts == null ? "all" : i.includedAccounts.toString();
    }

    private static String until(Tenant t) {
        return t.validUntilMillis == 0 ? "none" : WireTime.format(t.validUntilMillis);
    }

    private static void add(List<String> parts, String field, String before, String after) {
        if (!Objects.equals(before, after)) parts.add(field + " " + before + " → " + after);
    }
}
