package io.trailstream.control.apply;

import io.trailstream.control.ControlView;
import io.trailstream.control.Integration;
import io.trailstream.control.IntegrationStatus;
import io.trailstream.control.Tenant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which integrations a change touches, and so which {@link IntegrationSnapshot}s it records: an integration
 * message its own integration; a licence message, or a licence lapse, every live integration of the tenant
 * (one message per tenant, not per integration, is what the licence model is for); the config at start, each
 * integration no message has changed.
 */
public final class IntegrationSnapshots {
    private IntegrationSnapshots() {}

    /**
     * The snapshots an applied message calls for; none for a message that changed nothing.
     *
     * @param view the state after the message, read for the integration's tenant and the tenant's integrations
     */
    public static List<IntegrationSnapshot> of(ApplyResult r, ControlView view) {
        List<IntegrationSnapshot> out = new ArrayList<>();
        if (r.changesIntegration()) {
            Integration i = r.integrationAfter;
            out.add(IntegrationSnapshot.of(
                    i,
                    view.tenant(i.tenantId),
                    IntegrationSnapshot.Change.CONTROL_MESSAGE,
                    r.message.messageId,
                    r.processedAtMillis));
        } else if (r.changesTenant()) {
            for (Integration i : live(view, r.tenantAfter.tenantId)) {
                out.add(IntegrationSnapshot.of(
                        i,
                        r.tenantAfter,
                        IntegrationSnapshot.Change.LICENCE,
                        r.message.messageId,
                        r.processedAtMillis));
            }
        }
        return out;
    }

    /** The snapshots of a licence lapse: one per live integration of {@code tenant}, recorded at {@code atMillis}. */
    public static List<IntegrationSnapshot> lapse(Tenant tenant, ControlView view, long atMillis) {
        List<IntegrationSnapshot> out = new ArrayList<>();
        for (Integration i : live(view, tenant.tenantId)) {
            out.add(IntegrationSnapshot.of(i, tenant, IntegrationSnapshot.Change.LICENCE_LAPSED, null, atMillis));
        }
        return out;
    }

    /** The snapshots of the config's integrations as they stand in {@code view} at start (those no message changed). */
    public static List<IntegrationSnapshot> config(ControlView view, long atMillis) {
        List<IntegrationSnapshot> out = new ArrayList<>();
        for (Integration i : view.integrations()) {
            if (i.lastMessageId == null) {
                out.add(IntegrationSnapshot.of(
                        i, view.tenant(i.tenantId), IntegrationSnapshot.Change.CONFIG, null, atMillis));
            }
        }
        return out;
    }

    /** The tenant's integrations, tombstones left out. */
    private static List<Integration> live(ControlView view, String tenantId) {
        List<Integration> out = new ArrayList<>();
        for (Integration i : view.integrationsOf(tenantId)) {
            if (i.status != IntegrationStatus.DELETED) out.add(i);
        }
        return out;
    }
}
