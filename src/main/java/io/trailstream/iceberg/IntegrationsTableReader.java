package io.trailstream.iceberg;

import io.trailstream.control.ControlState;
import io.trailstream.control.Integration;
import io.trailstream.control.IntegrationStatus;
import io.trailstream.control.Tenant;
import io.trailstream.control.apply.IntegrationSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Reads the current state of every integration back from the {@code integrations} table (the latest
 * row per id), for the ops command line: {@code list}, and checking that an integration exists
 * before publishing a change to it.
 *
 * <p>Tenants are rebuilt from the rows as far as they tell: the valid-until, and "expired" when the
 * licence was not valid at a row's time although its valid-until had not passed.
 */
public final class IntegrationsTableReader {
    private IntegrationsTableReader() {}

    public static ControlState read(Table table) {
        Map<String, Record> latest = new HashMap<>();
        try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
            for (Record r : rows) {
                String id = (String) r.getField("integration_id");
                Record seen = latest.get(id);
                if (seen == null || isLater(r, seen)) latest.put(id, r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading table " + table.name(), e);
        }
        ControlState state = new ControlState();
        Map<String, Record> latestPerTenant = new HashMap<>();
        for (Record r : latest.values()) {
            state.putIntegration(toIntegration(r));
            String tenantId = (String) r.getField("tenant_id");
            Record seen = tenantId == null ? null : latestPerTenant.get(tenantId);
            if (tenantId != null && (seen == null || isLater(r, seen))) latestPerTenant.put(tenantId, r);
        }
        for (Record r : latestPerTenant.values()) state.putTenant(toTenant(r));
        return state;
    }

    private static boolean isLater(Record a, Record b) {
        long ra = millis(a, "recorded_at");
        long rb = millis(b, "recorded_at");
        if (ra != rb) return ra > rb;
        long sa = sequence(a);
        long sb = sequence(b);
        if (sa != sb) return sa > sb;
        return millis(a, "updated_at") > millis(b, "updated_at");
    }

    @SuppressWarnings("unchecked")
    private static Integration toIntegration(Record r) {
        Integration i = new Integration();
        i.integrationId = (String) r.getField("integration_id");
        i.tenantId = (String) r.getField("tenant_id");
        i.displayName = (String) r.getField("display_name");
        i.bucket = (String) r.getField("bucket");
        i.prefix = (String) r.getField("prefix");
        i.organizationId = (String) r.getField("organization_id");
        List<CharSequence> accounts = (List<CharSequence>) r.getField("included_accounts");
        if (accounts != null) {
            i.includedAccounts = new ArrayList<>();
            accounts.forEach(a -> i.includedAccounts.add(a.toString()));
        }
        i.status = IntegrationStatus.fromWire((String) r.getField("status"));
        i.roleArn = optionalField(r, "role_arn");
        i.externalId = optionalField(r, "external_id");
        i.updatedAtMillis = millis(r, "updated_at");
        if (IntegrationSnapshot.Change.CONTROL_MESSAGE.wireName().equals(r.getField("change"))) {
            i.lastMessageId = (String) r.getField("changed_by_message_id");
        }
        return i;
    }

    private static Tenant toTenant(Record r) {
        Tenant t = Tenant.of((String) r.getField("tenant_id"));
        t.validUntilMillis = millis(r, "licence_valid_until");
        boolean valid = Boolean.TRUE.equals(r.getField("licence_valid"));
        boolean lapsed = t.validUntilMillis != 0 && t.validUntilMillis <= millis(r, "recorded_at");
        t.licenceExpired = !valid && !lapsed;
        return t;
    }

    /** A column added later: absent from rows of a table made before it (the reader's schema is the table's). */
    private static String optionalField(Record r, String field) {
        return r.struct().field(field) == null ? null : (String) r.getField(field);
    }

    /** Tables written before the column existed have none: those rows tie on it. */
    private static long sequence(Record r) {
        Object v = r.struct().field("sequence") == null ? null : r.getField("sequence");
        return v == null ? 0 : (Long) v;
    }

    private static long millis(Record r, String field) {
        Object v = r.getField(field);
        return v == null ? 0 : ((OffsetDateTime) v).toInstant().toEpochMilli();
    }
}
