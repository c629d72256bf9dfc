package io.trailstream.control;

import io.trailstream.control.apply.ApplyResult;
import io.trailstream.control.apply.ControlApplier;
import io.trailstream.control.message.ControlMessage;
import io.trailstream.control.message.IntegrationPatch;

/**
 * A {@link ControlView} that can also be written: what {@link #apply} needs to read a target's state,
 * apply a message and write the result back in one call.
 */
public interface ControlStore extends ControlView {
    void putIntegration(Integration integration);

    void putTenant(Tenant tenant);

    /**
     * Reads the before-state of {@code m}'s target, applies {@code m} with {@code applier}, writes the
     * after-state when it changed, and returns the result for the audit.
     */
    default ApplyResult apply(ControlApplier applier, ControlMessage m, long nowMillis) {
        Integration before = null;
        Tenant tenant;
        if (m.kind.isTenantKind()) {
            tenant = tenant(m.tenantId);
        } else {
            before = integration(m.integrationId);
            String tenantId = m.integration != null && m.integration.has(IntegrationPatch.TENANT_ID)
                    ? m.integration.tenantId
                    : before == null ? null : before.tenantId;
            tenant = tenantId == null ? null : tenant(tenantId);
        }
        ApplyResult r = applier.apply(m, before, tenant, nowMillis);
        if (r.changesIntegration()) putIntegration(r.integrationAfter.copy());
        if (r.changesTenant()) putTenant(r.tenantAfter.copy());
        return r;
    }
}
