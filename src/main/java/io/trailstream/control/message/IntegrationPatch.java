package io.trailstream.control.message;

import io.trailstream.control.Integration;
import io.trailstream.control.IntegrationStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code integration} object of an {@code upsert_integration} message: the fields it sets, and
 * which of them it names at all.
 *
 * <p>Presence matters because an upsert of an existing integration changes only the fields it names:
 * renaming an integration must not widen its include-list or resume it. A field that is named with a
 * JSON null is cleared (no prefix, not an Organization trail, all accounts). Part of
 * {@link ControlMessage}, so a Flink POJO.
 */
public class IntegrationPatch {
    public static final String TENANT_ID = "tenant_id";
    public static final String DISPLAY_NAME = "display_name";
    public static final String BUCKET = "bucket";
    public static final String PREFIX = "prefix";
    public static final String ORGANIZATION_ID = "organization_id";
    public static final String INCLUDED_ACCOUNTS = "included_accounts";
    public static final String STATUS = "status";
    public static final String ROLE_ARN = "role_arn";
    public static final String EXTERNAL_ID = "external_id";
    /** Every field the payload may hold, in wire order. */
    public static final List<String> FIELDS = List.of(
            TENANT_ID, DISPLAY_NAME, BUCKET, PREFIX, ORGANIZATION_ID, INCLUDED_ACCOUNTS, STATUS, ROLE_ARN, EXTERNAL_ID);

    public String tenantId;
    public String displayName;
    public String bucket;
    public String prefix;
    public String organizationId;
    /** Null means all accounts (when {@link #INCLUDED_ACCOUNTS} is named). */
    public List<String> includedAccounts;

    public IntegrationStatus status;
    /** The read role's ARN; null (when named) reads with the job's own credentials. */
    public String roleArn;

    public String externalId;
    /** Wire names of the fields the payload names, in {@link #FIELDS} order. */
    public List<String> fields = new ArrayList<>();

    public IntegrationPatch() {}

    public boolean has(String field) {
        return fields != null && fields.contains(field);
    }

    public IntegrationPatch tenantId(String v) {
        tenantId = v;
        return mark(TENANT_ID);
    }

    public IntegrationPatch displayName(String v) {
        displayName = v;
        return mark(DISPLAY_NAME);
    }

    public IntegrationPatch bucket(String v) {
        bucket = v;
        return mark(BUCKET);
    }

    public IntegrationPatch prefix(String v) {
        prefix = Integration.normalizePrefix(v);
        return mark(PREFIX);
    }

    public IntegrationPatch organizationId(String v) {
        organizationId = v;
        return mark(ORGANIZATION_ID);
    }

    public IntegrationPatch status(IntegrationStatus v) {
        status = v;
        return mark(STATUS);
    }

    public IntegrationPatch roleArn(String v) {
        roleArn = v;
        return mark(ROLE_ARN);
    }

    public IntegrationPatch externalId(String v) {
        externalId = v;
        return mark(EXTERNAL_ID);
    }

    public IntegrationPatch includedAccounts(List<String> v) {
        includedAccounts = v == null ? null : ControlValidation.canonicalAccounts(v);
        return mark(INCLUDED_ACCOUNTS);
    }

    private IntegrationPatch mark(String field) {
        if (fields == null) fields = new ArrayList<>();
        if (!fields.contains(field)) {
            fields.add(field);
            fields.sort((a, b) -> Integer.compare(FIELDS.indexOf(a), FIELDS.indexOf(b)));
        }
        return this;
    }

    /**
     * The integration {@code base} becomes with this patch: a copy of {@code base} with every named
     * field replaced. {@code base} is not changed. Status is left alone when not named.
     */
    public Integration applyTo(Integration base) {
        Integration r = base.copy();
        if (has(TENANT_ID)) r.tenantId = tenantId;
        if (has(DISPLAY_NAME)) r.displayName = displayName;
        if (has(BUCKET)) r.bucket = bucket;
        if (has(PREFIX)) r.prefix = Integration.normalizePrefix(prefix);
        if (has(ORGANIZATION_ID)) r.organizationId = organizationId;
        if (has(INCLUDED_ACCOUNTS))
            r.includedAccounts = includedAccounts == null ? null : new ArrayList<>(includedAccounts);
        if (has(STATUS) && status != null) r.status = status;
        if (has(ROLE_ARN)) r.roleArn = roleArn;
        if (has(EXTERNAL_ID)) r.externalId = externalId;
        return r;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof IntegrationPatch)) return false;
        IntegrationPatch p = (IntegrationPatch) o;
        return java.util.Objects.equals(fields, p.fields)
                && java.util.Objects.equals(tenantId, p.tenantId)
                && java.util.Objects.equals(displayName, p.displayName)
                && java.util.Objects.equals(bucket, p.bucket)
                && java.util.Objects.equals(prefix, p.prefix)
                && java.util.Objects.equals(organizationId, p.organizationId)
                && java.util.Objects.equals(includedAccounts, p.includedAccounts)
                && java.util.Objects.equals(roleArn, p.roleArn)
                && java.util.Objects.equals(externalId, p.externalId)
                && status == p.status;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(fields, tenantId, bucket, prefix);
    }

    @Override
    public String toString() {
        return "IntegrationPatch" + fields;
    }
}
