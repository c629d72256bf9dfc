package io.trailstream.control.apply;

import io.trailstream.control.ControlStore;
import io.trailstream.control.ControlView;
import io.trailstream.control.Integration;
import io.trailstream.control.IntegrationStatus;
import io.trailstream.control.LicencePolicy;
import io.trailstream.control.Tenant;
import io.trailstream.control.message.ControlJson;
import io.trailstream.control.message.ControlMessage;
import io.trailstream.control.message.ControlRejectException;
import io.trailstream.control.message.IntegrationPatch;
import io.trailstream.control.message.RejectReason;
import io.trailstream.control.message.WireTime;
import java.util.ArrayList;
import java.util.TreeSet;

/**
 * Applies one control message to the state of its target: {@link #apply(ControlStore, ControlMessage, long)}
 * reads the target's before-state, applies the message and writes the after-state back;
 * {@link #simulate} says what applying would do without writing (the command line checks a change with it);
 * {@link #apply(ControlMessage, Integration, Tenant, long)} is the pure rule. The caller records the result. Messages are idempotent (the last applied message id is a no-op when it comes
 * again) and ordered per target by {@code issued_at} (an older message is ignored, with a reason).
 */
public class ControlApplier implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** Reason codes of the results that are not rejections (a rejection's is its {@code RejectReason}). */
    public static final String APPLIED = "applied";

    public static final String NO_CHANGE = "no_change";
    public static final String DUPLICATE = "duplicate";
    public static final String STALE = "stale";

    /**
     * Reads the before-state of {@code m}'s target in {@code store}, applies {@code m}, writes the after-state
     * when it changed, and returns the result for the audit.
     */
    public ApplyResult apply(ControlStore store, ControlMessage m, long nowMillis) {
        ApplyResult r = simulate(store, m, nowMillis);
        if (r.changesIntegration()) store.putIntegration(r.integrationAfter.copy());
        if (r.changesTenant()) store.putTenant(r.tenantAfter.copy());
        return r;
    }

    /**
     * What applying {@code m} to {@code view} at {@code nowMillis} would do, writing nothing: a licence message
     * reads its tenant; an integration message its integration and that integration's tenant (the one the
     * message names when it sets one).
     */
    public ApplyResult simulate(ControlView view, ControlMessage m, long nowMillis) {
        if (m.kind.isTenantKind()) return apply(m, null, view.tenant(m.tenantId), nowMillis);
        Integration before = view.integration(m.integrationId);
        String tenantId = m.integration != null && m.integration.has(IntegrationPatch.TENANT_ID)
                ? m.integration.tenantId
                : before == null ? null : before.tenantId;
        return apply(m, before, tenantId == null ? null : view.tenant(tenantId), nowMillis);
    }

    /**
     * The rule itself, on states the caller read.
     *
     * @param before the integration's state, null if the id is unknown (deleted ones are tombstones);
     *     ignored for licence kinds
     * @param tenantBefore the tenant's state for licence kinds (null if none yet); for integration kinds
     *     the integration's tenant if known, used only to warn when an integration is resumed unlicensed
     */
    public ApplyResult apply(ControlMessage m, Integration before, Tenant tenantBefore, long nowMillis) {
        ApplyResult r = new ApplyResult();
        r.message = m;
        r.processedAtMillis = nowMillis;
        if (m.kind.isTenantKind()) {
            r.tenantBefore = tenantBefore == null ? null : tenantBefore.copy();
            r.tenantAfter = r.tenantBefore;
            if (!ordered(
                    r,
                    tenantBefore == null ? null : tenantBefore.lastMessageId,
                    tenantBefore == null ? 0 : tenantBefore.updatedAtMillis,
                    "tenant " + m.tenantId)) return r;
            LicenceChanges.apply(m, r, nowMillis);
        } else {
            r.integrationBefore = before == null ? null : before.copy();
            r.integrationAfter = r.integrationBefore;
            if (!ordered(
                    r,
                    before == null ? null : before.lastMessageId,
                    before == null ? 0 : before.updatedAtMillis,
                    "integration " + m.integrationId)) return r;
            try {
                Integration after = integrationAfter(m, before);
                after.updatedAtMillis = m.issuedAtMillis;
                after.lastMessageId = m.messageId;
                String diff = before == null
                                || before.status == IntegrationStatus.DELETED
                                        && after.status != IntegrationStatus.DELETED
                        ? (before == null ? "created: " : "re-created after deletion: ")
                                + ControlJson.integration(after)
                        : StateDiff.integration(before, after);
                applied(r, diff);
                r.integrationAfter = after;
                if (after.status == IntegrationStatus.ACTIVE && !LicencePolicy.isValid(tenantBefore, nowMillis)) {
                    r.reason +=
                            " (tenant " + after.tenantId + " has no valid licence: objects stay skipped until renewal)";
                }
            } catch (ControlRejectException e) {
                r.outcome = ApplyOutcome.REJECTED;
                r.reasonCode = e.reason().code();
                r.reason = e.detail();
            }
        }
        return r;
    }

    static void applied(ApplyResult r, String diff) {
        r.outcome = ApplyOutcome.APPLIED;
        r.reasonCode = diff.isEmpty() ? NO_CHANGE : APPLIED;
        r.reason = diff.isEmpty() ? "no change" : diff;
    }

    /** Sets a duplicate or stale outcome and returns false, or returns true when the message may apply. */
    private static boolean ordered(ApplyResult r, String lastMessageId, long updatedAtMillis, String target) {
        ControlMessage m = r.message;
        if (m.messageId.equals(lastMessageId)) {
            r.outcome = ApplyOutcome.DUPLICATE;
            r.reasonCode = DUPLICATE;
            r.reason = "message " + m.messageId + " is the last one applied to " + target;
            return false;
        }
        if (m.issuedAtMillis < updatedAtMillis) {
            r.outcome = ApplyOutcome.IGNORED_STALE;
            r.reasonCode = STALE;
            r.reason = "issued at " + WireTime.format(m.issuedAtMillis) + ", before the last change of " + target
                    + " at " + WireTime.format(updatedAtMillis) + " (message " + lastMessageId + ")";
            return false;
        }
        return true;
    }

    private static Integration integrationAfter(ControlMessage m, Integration before) throws ControlRejectException {
        switch (m.kind) {
            case UPSERT_INTEGRATION:
                return upsert(m, before);
            case DELETE_INTEGRATION: {
                if (before == null) throw unknown(m);
                Integration after = before.copy();
                after.status = IntegrationStatus.DELETED;
                return after;
            }
            default:
                break;
        }
        Integration after = live(m, before).copy();
        switch (m.kind) {
            case SET_STATUS -> after.status = m.status;
            case SET_ACCOUNTS -> {
                if (m.accounts != null) requireOrganization(m, after);
                after.includedAccounts = m.accounts == null ? null : new ArrayList<>(m.accounts);
            }
            case ADD_ACCOUNTS -> {
                requireOrganization(m, after);
                requireList(m, after, "it already collects all accounts; send set_accounts to restrict it");
                TreeSet<String> union = new TreeSet<>(after.includedAccounts);
                union.addAll(m.accounts);
                after.includedAccounts = new ArrayList<>(union);
            }
            case REMOVE_ACCOUNTS -> {
                requireOrganization(m, after);
                requireList(m, after, "it collects all accounts; send set_accounts with the accounts to keep");
                TreeSet<String> rest = new TreeSet<>(after.includedAccounts);
                rest.removeAll(m.accounts);
                if (rest.isEmpty()) {
                    throw new ControlRejectException(
                            RejectReason.NO_ACCOUNTS_LEFT,
                            "removing " + m.accounts + " from integration " + m.integrationId
                                    + " would leave no account; suspend it, or set_accounts null for all");
                }
                after.includedAccounts = new ArrayList<>(rest);
            }
            default -> throw new IllegalStateException("not an integration kind: " + m.kind);
        }
        return after;
    }

    private static Integration upsert(ControlMessage m, Integration before) throws ControlRejectException {
        boolean fresh = before == null || before.status == IntegrationStatus.DELETED;
        Integration base = fresh ? new Integration() : before;
        base.integrationId = m.integrationId;
        Integration after = m.integration.applyTo(base);
        if (fresh) {
            after.status = m.integration.has(IntegrationPatch.STATUS) ? m.integration.status : IntegrationStatus.ACTIVE;
            if (after.displayName == null) after.displayName = m.integrationId;
            if (after.tenantId == null || after.bucket == null) {
                throw new ControlRejectException(
                        RejectReason.INCOMPLETE_INTEGRATION,
                        "integration " + m.integrationId + (before == null ? " is new" : " was deleted")
                                + " and needs at least tenant_id and bucket");
            }
        }
        if (after.organizationId == null && after.includedAccounts != null) {
            throw new ControlRejectException(
                    RejectReason.NOT_AN_ORGANIZATION,
                    "integration " + m.integrationId
                            + " would have included_accounts without organization_id: an include-list is for Organization trails");
        }
        return after;
    }

    private static Integration live(ControlMessage m, Integration before) throws ControlRejectException {
        if (before == null) throw unknown(m);
        if (before.status == IntegrationStatus.DELETED) {
            throw new ControlRejectException(
                    RejectReason.INTEGRATION_DELETED,
                    "integration " + m.integrationId + " was deleted by message " + before.lastMessageId
                            + "; upsert it to create it again");
        }
        return before;
    }

    private static ControlRejectException unknown(ControlMessage m) {
        return new ControlRejectException(
                RejectReason.UNKNOWN_INTEGRATION, "integration " + m.integrationId + " does not exist");
    }

    private static void requireOrganization(ControlMessage m, Integration i) throws ControlRejectException {
        if (i.organizationId == null) {
            throw new ControlRejectException(
                    RejectReason.NOT_AN_ORGANIZATION,
                    "integration " + m.integrationId
                            + " is not an Organization trail; an include-list is for Organization trails");
        }
    }

    private static void requireList(ControlMessage m, Integration i, String why) throws ControlRejectException {
        if (i.includedAccounts == null) {
            throw new ControlRejectException(
                    RejectReason.ALL_ACCOUNTS,
                    "cannot " + m.kind.wireName() + " on integration " + m.integrationId + ": " + why);
        }
    }
}
