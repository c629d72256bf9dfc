package io.trailstream.control.apply;

import io.trailstream.control.LicencePolicy;
import io.trailstream.control.Tenant;
import io.trailstream.control.message.ControlMessage;
import io.trailstream.control.message.WireTime;

/** The licence kinds of {@link ControlApplier}: they change a tenant, never an integration's own status. */
final class LicenceChanges {
    private LicenceChanges() {}

    /** Fills {@code r} for a licence message that passed the ordering checks. */
    static void apply(ControlMessage m, ApplyResult r, long nowMillis) {
        Tenant before = r.tenantBefore == null ? Tenant.of(m.tenantId) : r.tenantBefore;
        Tenant after = before.copy();
        switch (m.kind) {
            case LICENCE_EXPIRED -> after.licenceExpired = true;
            case LICENCE_RENEWED -> {
                after.licenceExpired = false;
                after.validUntilMillis = m.validUntilMillis;
            }
            case LICENCE_VALID_UNTIL -> after.validUntilMillis = m.validUntilMillis;
            default -> throw new IllegalStateException("not a licence kind: " + m.kind);
        }
        after.updatedAtMillis = m.issuedAtMillis;
        after.lastMessageId = m.messageId;
        ControlApplier.applied(r, StateDiff.tenant(before, after));
        r.tenantAfter = after;
        if (!LicencePolicy.isValid(after, nowMillis)) {
            r.reason += " (licence of tenant " + m.tenantId + " is not valid now: its active integrations are skipped)";
        } else if (after.validUntilMillis != 0) {
            r.reason += " (licence valid until " + WireTime.format(after.validUntilMillis) + ")";
        }
    }
}
