package io.trailstream.control.message;

import io.trailstream.control.IntegrationStatus;
import io.trailstream.control.apply.ControlApplier;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One parsed control message: one change to one integration or to one tenant's licence.
 *
 * <p>It is what the parser hands to the state (see {@link ControlApplier}) and what the audit records,
 * together with the original JSON text ({@link #json}). It travels from the control source to the
 * broadcast side of the routing function, so it is a Flink POJO. Fields a kind does not use are null.
 */
public class ControlMessage {
    /** The wire format version this message was written in; the parser knows {@value #CURRENT_VERSION}. */
    public static final int CURRENT_VERSION = 1;

    public int version = CURRENT_VERSION;
    public String messageId;
    /** When the author issued it (epoch millis); orders messages per integration and per tenant. */
    public long issuedAtMillis;

    public String author;
    public ControlKind kind;
    /** The integration addressed; null for licence kinds. */
    public String integrationId;
    /** The tenant addressed by licence kinds; for integration kinds optional (an upsert's tenant). */
    public String tenantId;
    /** {@code upsert_integration}: the fields to set. */
    public IntegrationPatch integration;
    /** {@code set_status}: the new status (never {@code deleted}: that is {@code delete_integration}). */
    public IntegrationStatus status;
    /** {@code *_accounts}: the accounts, canonical (sorted, distinct); for set_accounts null means all. */
    public List<String> accounts;
    /** {@code licence_valid_until} and {@code licence_renewed}: the new bound (epoch millis), 0 for none. */
    public long validUntilMillis;
    /** The message as it arrived (or as it was published), for the audit. */
    public String json;

    public ControlMessage() {}

    /** The id messages of the same target share, and the Kinesis partition key: tenant or integration id. */
    public String targetId() {
        return kind != null && kind.isTenantKind() ? tenantId : integrationId;
    }

    public Instant issuedAt() {
        return Instant.ofEpochMilli(issuedAtMillis);
    }

    /** {@code kind integration-or-tenant id (message id by author at time)}, for log lines. */
    public String describe() {
        String target = kind != null && kind.isTenantKind() ? "tenant " + tenantId : "integration " + integrationId;
        return (kind == null ? "?" : kind.wireName()) + " " + target + " (message " + messageId + " by " + author
                + " at " + issuedAt() + ")";
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof ControlMessage)) return false;
        ControlMessage m = (ControlMessage) o;
        return version == m.version
                && issuedAtMillis == m.issuedAtMillis
                && validUntilMillis == m.validUntilMillis
                && Objects.equals(messageId, m.messageId)
                && Objects.equals(author, m.author)
                && kind == m.kind
                && Objects.equals(integrationId, m.integrationId)
                && Objects.equals(tenantId, m.tenantId)
                && Objects.equals(integration, m.integration)
                && status == m.status
                && Objects.equals(accounts, m.accounts)
                && Objects.equals(json, m.json);
    }

    @Override
    public int hashCode() {
        return Objects.hash(messageId, issuedAtMillis, kind, integrationId, tenantId);
    }

    @Override
    public String toString() {
        return "ControlMessage{" + describe() + "}";
    }
}
