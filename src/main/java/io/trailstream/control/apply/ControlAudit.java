package io.trailstream.control.apply;

import io.trailstream.control.LicencePolicy;
import io.trailstream.control.Tenant;
import io.trailstream.control.message.ControlJson;
import io.trailstream.control.message.ControlMessage;
import io.trailstream.control.message.WireTime;

/**
 * One entry of the control audit (the {@code control_audit} table): what a control message was, what became of
 * it and why, and the state of its target before and after, as JSON. The applier emits one per message it saw,
 * applied or not, and one when a licence passes its valid-until with no message ({@link #lapse}); the
 * {@code iceberg} package turns it into a row. A Flink POJO.
 */
public class ControlAudit {
    /** The kind, and the reason code, of the entry recording a licence lapse. */
    public static final String LICENCE_LAPSED = "licence_lapsed";

    public String messageId;
    /** The message's kind on the wire, or {@link #LICENCE_LAPSED}; null when the message named none. */
    public String kind;
    /** For integration kinds; null for licence kinds. */
    public String integrationId;
    /** The message's tenant, or for integration kinds that name none, the integration's. */
    public String tenantId;

    public String author;
    /** When the message was issued (epoch millis); 0 when unknown. */
    public long issuedAtMillis;
    /** When the job processed it (epoch millis). */
    public long receivedAtMillis;

    public ApplyOutcome outcome;
    public String reasonCode;
    public String reason;
    /** The message as received (possibly cut). */
    public String message;
    /** The target's state before and after, as JSON; null for none. */
    public String stateBefore;

    public String stateAfter;

    public ControlAudit() {}

    /** The entry of one message's result (also of a parser rejection, see {@link ApplyResult#rejectedByParser}). */
    public static ControlAudit of(ApplyResult r) {
        ControlMessage m = r.message;
        boolean tenantKind = m.kind != null && m.kind.isTenantKind();
        ControlAudit a = new ControlAudit();
        a.messageId = m.messageId;
        a.kind = m.kind == null ? null : m.kind.wireName();
        a.integrationId = tenantKind ? null : m.integrationId;
        a.tenantId = tenantOf(r);
        a.author = m.author;
        a.issuedAtMillis = m.issuedAtMillis;
        a.receivedAtMillis = r.processedAtMillis;
        a.outcome = r.outcome;
        a.reasonCode = r.reasonCode;
        a.reason = r.reason;
        a.message = m.json;
        a.stateBefore = tenantKind ? ControlJson.tenant(r.tenantBefore) : ControlJson.integration(r.integrationBefore);
        a.stateAfter = tenantKind ? ControlJson.tenant(r.tenantAfter) : ControlJson.integration(r.integrationAfter);
        return a;
    }

    /**
     * The entry recording that {@code tenant}'s licence passed its valid-until with no message: kind
     * {@code licence_lapsed}, author {@code trailstream}, issued at the valid-until instant.
     */
    public static ControlAudit lapse(Tenant tenant, long recordedAtMillis) {
        String state = ControlJson.tenant(tenant);
        ControlAudit a = new ControlAudit();
        a.messageId = "lapse-" + tenant.tenantId + "-" + tenant.validUntilMillis;
        a.kind = LICENCE_LAPSED;
        a.tenantId = tenant.tenantId;
        a.author = "trailstream";
        a.issuedAtMillis = tenant.validUntilMillis;
        a.receivedAtMillis = recordedAtMillis;
        a.outcome = ApplyOutcome.APPLIED;
        a.reasonCode = LICENCE_LAPSED;
        a.reason = "the licence of tenant " + tenant.tenantId + " lapsed at " + WireTime.format(tenant.validUntilMillis)
                + (LicencePolicy.isValid(tenant, recordedAtMillis) ? "" : ": its active integrations are skipped");
        a.stateBefore = state;
        a.stateAfter = state;
        return a;
    }

    private static String tenantOf(ApplyResult r) {
        if (r.message.tenantId != null) return r.message.tenantId;
        if (r.integrationAfter != null) return r.integrationAfter.tenantId;
        return r.integrationBefore == null ? null : r.integrationBefore.tenantId;
    }

    @Override
    public String toString() {
        return "ControlAudit{" + kind + " " + messageId + " " + outcome.wireName() + " [" + reasonCode + "]}";
    }
}
