package io.trailstream.control.apply;

import io.trailstream.control.ControlUpdate;
import io.trailstream.control.Integration;
import io.trailstream.control.Tenant;
import io.trailstream.control.message.ControlMessage;
import io.trailstream.control.message.ParsedControl;
import io.trailstream.control.message.RejectReason;
import java.util.Objects;

/**
 * The result of offering one control message to the state: the outcome, why, and the state of the
 * target before and after. The caller writes the after-state back (when {@link #changesState()}) and
 * records the result in {@code control_audit}; a rejected parse becomes one too, so the audit has a
 * single path. A Flink POJO, so it may travel from an applying operator to the audit sink.
 */
public class ApplyResult {
    public ControlMessage message;
    public ApplyOutcome outcome;
    /** Short stable code: {@code applied}, {@code no_change}, {@code duplicate}, {@code stale}, or a {@link RejectReason} code. */
    public String reasonCode;
    /** Human-readable reason, naming the target and what changed. */
    public String reason;
    /** For integration kinds: the state before (null if unknown) and after (equal to before unless applied). */
    public Integration integrationBefore;

    public Integration integrationAfter;
    /** For licence kinds: the tenant before (null if none) and after. */
    public Tenant tenantBefore;

    public Tenant tenantAfter;
    /** When the message was processed (epoch millis): {@code received_at} in the audit. */
    public long processedAtMillis;

    public ApplyResult() {}

    /** The audit entry of a message the parser refused. */
    public static ApplyResult rejectedByParser(ParsedControl parsed, long processedAtMillis) {
        ApplyResult r = new ApplyResult();
        r.message = parsed.message;
        r.outcome = ApplyOutcome.REJECTED;
        r.reasonCode = parsed.rejection.code();
        r.reason = parsed.detail;
        r.processedAtMillis = processedAtMillis;
        return r;
    }

    /** Whether the caller must write the after-state (integration or tenant) back. */
    public boolean changesState() {
        return outcome == ApplyOutcome.APPLIED;
    }

    /** Whether an integration's state was written (so an {@code integrations} row is due). */
    public boolean changesIntegration() {
        return changesState() && integrationAfter != null;
    }

    /** Whether a tenant's licence was written (so every integration of the tenant gets a row). */
    public boolean changesTenant() {
        return changesState() && tenantAfter != null;
    }

    /** The state this result left behind, to broadcast to routing; call only when {@link #changesState()}. */
    public ControlUpdate update() {
        return ControlUpdate.of(changesIntegration() ? integrationAfter : null, changesTenant() ? tenantAfter : null);
    }

    /** One line for the log: outcome, message and reason. */
    public String logLine() {
        return "control message " + outcome.wireName() + " [" + reasonCode + "]: "
                + (message == null ? "?" : message.describe()) + ": " + reason;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof ApplyResult)) return false;
        ApplyResult r = (ApplyResult) o;
        return processedAtMillis == r.processedAtMillis
                && Objects.equals(message, r.message)
                && outcome == r.outcome
                && Objects.equals(reasonCode, r.reasonCode)
                && Objects.equals(reason, r.reason)
                && Objects.equals(integrationBefore, r.integrationBefore)
                && Objects.equals(integrationAfter, r.integrationAfter)
                && Objects.equals(tenantBefore, r.tenantBefore)
                && Objects.equals(tenantAfter, r.tenantAfter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(message, outcome, reasonCode);
    }

    @Override
    public String toString() {
        return logLine();
    }
}
