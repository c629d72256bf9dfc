package io.trailstream.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One customer AWS environment feeding the lake: which bucket and prefix are its, whether it is an
 * Organization trail and which member accounts it may collect, and its status.
 *
 * <p>It lives in Flink broadcast state and travels in checkpoints, so it is a Flink POJO. Instances are
 * treated as values: a change makes a new instance ({@link #copy()}). It is also {@link java.io.Serializable}
 * so that the config's integrations can travel inside a function's closure.
 */
public class Integration implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public String integrationId;
    public String tenantId;
    public String displayName;
    /** Trail bucket; for the embedded default, the absolute path of the local folder. */
    public String bucket;
    /** Key prefix before {@code AWSLogs/}, without leading or trailing slash; null or empty for none. */
    public String prefix;
    /** AWS Organization id for an Organization trail, else null. */
    public String organizationId;
    /** Member accounts to collect from; null means all accounts. */
    public List<String> includedAccounts;
    /** The role the job assumes to read this integration's objects; null: the job's own credentials. */
    public String roleArn;
    /** The external id the read role's trust policy asks for; null for none. */
    public String externalId;

    public IntegrationStatus status = IntegrationStatus.ACTIVE;
    /** Issue time (epoch millis) of the last control message applied; orders messages per integration. */
    public long updatedAtMillis;
    /** Id of the last control message applied, for idempotence; null for configured integrations. */
    public String lastMessageId;

    public Integration() {}

    public static Integration of(String integrationId, String bucket, String prefix) {
        Integration i = new Integration();
        i.integrationId = integrationId;
        i.tenantId = integrationId;
        i.displayName = integrationId;
        i.bucket = bucket;
        i.prefix = normalizePrefix(prefix);
        return i;
    }

    /** Strips leading and trailing slashes; null for an empty prefix. */
    public static String normalizePrefix(String prefix) {
        if (prefix == null) return null;
        String p = prefix.strip();
        while (p.startsWith("/")) p = p.substring(1);
        while (p.endsWith("/")) p = p.substring(0, p.length() - 1);
        return p.isEmpty() ? null : p;
    }

    /** Whether the object at {@code key} in {@code bucket} falls under this integration's bucket and prefix. */
    public boolean claims(String objectBucket, String key) {
        if (!Objects.equals(bucket, objectBucket) || key == null) return false;
        return prefix == null || key.startsWith(prefix + "/");
    }

    /** Length of the prefix, for longest-prefix attribution (-1 claims nothing special). */
    public int prefixLength() {
        return prefix == null ? 0 : prefix.length() + 1;
    }

    /** Whether records of {@code accountId} may be kept: always, unless an include-list says otherwise. */
    public boolean allowsAccount(String accountId) {
        return includedAccounts == null || (accountId != null && includedAccounts.contains(accountId));
    }

    public Integration copy() {
        Integration c = new Integration();
        c.integrationId = integrationId;
        c.tenantId = tenantId;
        c.displayName = displayName;
        c.bucket = bucket;
        c.prefix = prefix;
        c.organizationId = organizationId;
        c.includedAccounts = includedAccounts == null ? null : new ArrayList<>(includedAccounts);
        c.roleArn = roleArn;
        c.externalId = externalId;
        c.status = status;
        c.updatedAtMillis = updatedAtMillis;
        c.lastMessageId = lastMessageId;
        return c;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof Integration)) return false;
        Integration that = (Integration) o;
        return updatedAtMillis == that.updatedAtMillis
                && Objects.equals(integrationId, that.integrationId)
                && Objects.equals(tenantId, that.tenantId)
                && Objects.equals(displayName, that.displayName)
                && Objects.equals(bucket, that.bucket)
                && Objects.equals(prefix, that.prefix)
                && Objects.equals(organizationId, that.organizationId)
                && Objects.equals(includedAccounts, that.includedAccounts)
                && Objects.equals(roleArn, that.roleArn)
                && Objects.equals(externalId, that.externalId)
                && status == that.status
                && Objects.equals(lastMessageId, that.lastMessageId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(integrationId, bucket, prefix, status);
    }

    @Override
    public String toString() {
        return "Integration{" + integrationId + " tenant=" + tenantId + " s3://" + bucket + "/"
                + (prefix == null ? "" : prefix + "/") + " org=" + organizationId + " accounts="
                + (includedAccounts == null ? "all" : includedAccounts) + (roleArn == null ? "" : " role=" + roleArn)
                + " status=" + status.wireName() + "}";
    }
}
