package io.trailstream.integrity.health;

import io.trailstream.control.Integration;
import io.trailstream.control.IntegrationStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The health of one integration, from what happens to it: a refused read (or a bucket that is gone) makes its
 * account and region {@code access_denied} until a read works; a chain gap makes them {@code gap} until a digest
 * links again; an active integration that sends nothing for the silence timeout is {@code silent} until an object
 * comes. With auto-disconnect, an active integration whose every read has been refused for a while is disconnected
 * by a control request of the job's own, and reconnected once a probe read works. Pure: state and clock are the
 * caller's; each step says what changed and what to publish.
 */
public final class HealthRules {
    /** Where the health of an integration's parts is kept (keyed map state, or a map in tests). */
    public interface Scopes {
        ScopeHealth get(String scope) throws Exception;

        void put(String scope, ScopeHealth health) throws Exception;
    }

    /** What one step changed: health rows to write and control changes to publish. */
    public static final class Outcome {
        public final List<IntegrationHealth> changes = new ArrayList<>();
        public final List<ControlRequest> requests = new ArrayList<>();
    }

    private final long silenceMillis;
    private final boolean autoDisconnect;
    private final long disconnectAfterMillis;

    public HealthRules(Duration silence, boolean autoDisconnect, Duration disconnectAfter) {
        this.silenceMillis = silence.toMillis();
        this.autoDisconnect = autoDisconnect;
        this.disconnectAfterMillis = disconnectAfter.toMillis();
    }

    /** An observation about the integration. */
    public Outcome signal(String id, IntegrationWatch w, Scopes scopes, HealthSignal s, long now) throws Exception {
        Outcome out = new Outcome();
        if (s.kind != HealthSignalKind.DIGEST_OVERDUE) {
            w.lastObjectAtMillis = Math.max(w.lastObjectAtMillis, now);
            lower(id, scopes, null, null, HealthStatus.SILENT, "objects arrive again", now, out);
        }
        switch (s.kind) {
            case ACCESS_DENIED:
            case NO_SUCH_BUCKET:
                if (w.deniedSinceMillis == 0) w.deniedSinceMillis = now;
                w.probeScheme = s.scheme;
                w.probeBucket = s.bucket;
                w.probeKey = s.key;
                boolean bucket = s.kind == HealthSignalKind.NO_SUCH_BUCKET;
                raise(
                        id,
                        scopes,
                        bucket ? null : s.accountId,
                        bucket ? null : s.region,
                        HealthStatus.ACCESS_DENIED,
                        s.reason,
                        now,
                        out);
                break;
            case READ_OK:
                w.deniedSinceMillis = 0;
                lower(id, scopes, s.accountId, s.region, HealthStatus.ACCESS_DENIED, "reads work again", now, out);
                lower(id, scopes, null, null, HealthStatus.ACCESS_DENIED, "reads work again", now, out);
                break;
            case DIGEST_LINKED:
                lower(id, scopes, s.accountId, s.region, HealthStatus.GAP, "digests chain again", now, out);
                break;
            case DIGEST_OVERDUE:
            case CHAIN_RESTARTED:
            case DIGEST_MISSING:
                raise(id, scopes, s.accountId, s.region, HealthStatus.GAP, s.reason, now, out);
                break;
            case NOTIFIED:
            default:
                break;
        }
        return out;
    }

    /** The integration's state changed (a control message was applied, or the config seeds it). */
    public Outcome integrationChanged(String id, IntegrationWatch w, Scopes scopes, Integration i, long now)
            throws Exception {
        Outcome out = new Outcome();
        // The config's seeds come again after a restore: a state older than the one applied changes nothing.
        if (w.status != null && i.updatedAtMillis < w.updatedAtMillis) return out;
        boolean wasActive = w.status == IntegrationStatus.ACTIVE;
        w.status = i.status;
        w.updatedAtMillis = i.updatedAtMillis;
        w.lastMessageId = i.lastMessageId;
        if (w.lastObjectAtMillis == 0 || !wasActive && i.status == IntegrationStatus.ACTIVE) {
            w.lastObjectAtMillis = now; // the silence clock starts when the integration is (again) active
        }
        if (!ControlRequest.isOwn(i.lastMessageId)) {
            // Ops decided: the job's own disconnect, if any, is theirs to undo now.
            w.autoDisconnected = false;
            w.reconnectRequestedAtMillis = 0;
        } else if (i.status == IntegrationStatus.ACTIVE && w.autoDisconnected) {
            w.autoDisconnected = false;
            w.reconnectRequestedAtMillis = 0;
            w.deniedSinceMillis = 0;
        }
        if (i.status != IntegrationStatus.ACTIVE) {
            lower(id, scopes, null, null, HealthStatus.SILENT, "integration is " + i.status.wireName(), now, out);
        }
        return out;
    }

    /** Time passed: silence, and the auto-disconnect threshold. */
    public Outcome timer(String id, IntegrationWatch w, Scopes scopes, long now) throws Exception {
        Outcome out = new Outcome();
        if (w.status == IntegrationStatus.ACTIVE && now >= w.lastObjectAtMillis + silenceMillis) {
            raise(
                    id,
                    scopes,
                    null,
                    null,
                    HealthStatus.SILENT,
                    "no object since "
                            + Instant.ofEpochMilli(w.lastObjectAtMillis) + " (silence timeout "
                            + Duration.ofMillis(silenceMillis)
                            + ")",
                    now,
                    out);
        }
        if (disconnectDue(w, now)) {
            long at = w.deniedSinceMillis + disconnectAfterMillis;
            w.autoDisconnected = true;
            w.reconnectRequestedAtMillis = 0;
            out.requests.add(ControlRequest.of(
                    id,
                    IntegrationStatus.DISCONNECTED,
                    "disconnect",
                    at,
                    "every read refused since " + Instant.ofEpochMilli(w.deniedSinceMillis)));
        }
        return out;
    }

    /** Whether the job should try its probe read now: it disconnected the integration and awaits access. */
    public boolean probeDue(IntegrationWatch w) {
        return w.autoDisconnected
                && w.status == IntegrationStatus.DISCONNECTED
                && w.reconnectRequestedAtMillis == 0
                && w.probeKey != null;
    }

    /** The probe read's result: reconnect once access works. */
    public Outcome probed(String id, IntegrationWatch w, boolean accessWorks, String detail, long now) {
        Outcome out = new Outcome();
        if (accessWorks && probeDue(w)) {
            w.reconnectRequestedAtMillis = now;
            out.requests.add(ControlRequest.of(
                    id,
                    IntegrationStatus.ACTIVE,
                    "reconnect",
                    now,
                    "a probe read of " + w.probeKey + " worked: " + detail));
        }
        return out;
    }

    /** The next time {@link #timer} has something to decide, or -1. */
    public long nextDeadline(IntegrationWatch w, boolean silent) {
        long next = Long.MAX_VALUE;
        if (w.status == IntegrationStatus.ACTIVE && !silent) next = w.lastObjectAtMillis + silenceMillis;
        if (autoDisconnect && w.deniedSinceMillis > 0 && !w.autoDisconnected && w.status == IntegrationStatus.ACTIVE) {
            next = Math.min(next, w.deniedSinceMillis + disconnectAfterMillis);
        }
        return next == Long.MAX_VALUE ? -1 : next;
    }

    private boolean disconnectDue(IntegrationWatch w, long now) {
        return autoDisconnect
                && w.status == IntegrationStatus.ACTIVE
                && !w.autoDisconnected
                && w.deniedSinceMillis > 0
                && now >= w.deniedSinceMillis + disconnectAfterMillis;
    }

    /** Sets a part to {@code status} unless it is worse already. */
    private static void raise(
            String id,
            Scopes scopes,
            String account,
            String region,
            HealthStatus status,
            String reason,
            long now,
            Outcome out)
            throws Exception {
        String scope = ScopeHealth.scopeOf(account, region);
        ScopeHealth h = scopes.get(scope);
        HealthStatus before = h == null ? null : h.status;
        if (before != null && before.level() >= status.level()) return;
        change(id, scopes, scope, h, account, region, before, status, reason, now, out);
    }

    /** Sets a part back to healthy if it is {@code status}. */
    private static void lower(
            String id,
            Scopes scopes,
            String account,
            String region,
            HealthStatus status,
            String reason,
            long now,
            Outcome out)
            throws Exception {
        String scope = ScopeHealth.scopeOf(account, region);
        ScopeHealth h = scopes.get(scope);
        if (h == null || h.status != status) return;
        change(id, scopes, scope, h, account, region, status, HealthStatus.HEALTHY, reason, now, out);
    }

    private static void change(
            String id,
            Scopes scopes,
            String scope,
            ScopeHealth h,
            String account,
            String region,
            HealthStatus before,
            HealthStatus after,
            String reason,
            long now,
            Outcome out)
            throws Exception {
        ScopeHealth next = h == null ? new ScopeHealth() : h;
        next.accountId = account;
        next.region = region;
        next.status = after;
        next.sinceMillis = now;
        next.reason = reason;
        scopes.put(scope, next);
        IntegrationHealth row = new IntegrationHealth();
        row.integrationId = id;
        row.accountId = account;
        row.region = region;
        row.status = after;
        row.previousStatus = before;
        row.sinceMillis = now;
        row.reason = reason;
        row.recordedAtMillis = now;
        out.changes.add(row);
    }
}
