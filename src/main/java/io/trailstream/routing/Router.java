package io.trailstream.routing;

import io.trailstream.control.ControlView;
import io.trailstream.control.Integration;
import io.trailstream.control.IntegrationStatus;
import io.trailstream.control.LicencePolicy;
import io.trailstream.control.Tenant;
import io.trailstream.control.message.WireTime;
import io.trailstream.notification.ObjectRef;
import io.trailstream.trail.TrailKey;
import java.util.Comparator;
import java.util.Objects;
import java.util.function.Function;

/**
 * Decides, from the bucket, the key and the control state alone, whether an object is downloaded: so
 * that no GetObject is paid for objects of suspended, disconnected, deleted or unlicensed
 * integrations, of another Organization, or of accounts outside the include-list.
 *
 * <p>Attribution: among the integrations whose bucket is the object's and whose prefix starts the key,
 * the longest prefix wins. Deleted integrations take part as tombstones, so their objects are
 * {@code skipped_deleted}, not {@code unrouted}. Integrations with the same prefix are ranked by:
 * Organization matches the key, not deleted, account allowed, active, then smallest id.
 *
 * <p>Checks, in order: status (deleted, disconnected, suspended), licence, Organization, account. The
 * Organization and account checks apply only when the key carries an account segment (a CloudTrail
 * key); an Organization integration takes only keys of its Organization, an integration that names
 * none takes keys with or without an Organization segment.
 *
 * <p>The router does not judge the object's kind: a {@code FETCH} for a digest or any other key that is
 * not a log or an Insights file still needs {@code ObjectKind.isFetched()} before a GetObject.
 */
public final class Router {
    private Router() {}

    public static RouteDecision route(ControlView state, ObjectRef ref, TrailKey key, long nowMillis) {
        return route(state.integrations(), state::tenant, ref.bucket, ref.key, key, nowMillis);
    }

    /**
     * @param trailKey what the key says (org, account); may be null for a key that was not classified
     */
    public static RouteDecision route(
            Iterable<Integration> integrations,
            Function<String, Tenant> tenants,
            String bucket,
            String key,
            TrailKey trailKey,
            long nowMillis) {
        String keyOrg = trailKey == null ? null : trailKey.organizationId;
        String keyAccount = trailKey == null ? null : trailKey.accountId;
        Comparator<Integration> rank = ranking(keyOrg, keyAccount);
        Integration best = null;
        for (Integration i : integrations) {
            if (i.claims(bucket, key) && (best == null || rank.compare(i, best) < 0)) best = i;
        }
        if (best == null) {
            return RouteDecision.of(
                    RouteOutcome.UNROUTED, null, keyAccount, "no integration claims bucket " + bucket + " key " + key);
        }
        return decide(
                best,
                tenants.apply(best.tenantId),
                keyOrg,
                keyAccount,
                trailKey != null && keyAccount != null,
                nowMillis);
    }

    private static RouteDecision decide(
            Integration i, Tenant tenant, String keyOrg, String keyAccount, boolean trailShaped, long nowMillis) {
        String name = "integration " + i.integrationId;
        switch (i.status) {
            case DELETED:
                return RouteDecision.of(RouteOutcome.SKIPPED_DELETED, i, keyAccount, name + " is deleted");
            case DISCONNECTED:
                return RouteDecision.of(RouteOutcome.SKIPPED_DISCONNECTED, i, keyAccount, name + " is disconnected");
            case SUSPENDED:
                return RouteDecision.of(RouteOutcome.SKIPPED_SUSPENDED, i, keyAccount, name + " is suspended");
            default:
                break;
        }
        if (!LicencePolicy.isValid(tenant, nowMillis)) {
            String why =
                    tenant.licenceExpired ? "has expired" : "lapsed at " + WireTime.format(tenant.validUntilMillis);
            return RouteDecision.of(
                    RouteOutcome.SKIPPED_LICENCE,
                    i,
                    keyAccount,
                    "the licence of tenant " + i.tenantId + " of " + name + " " + why);
        }
        // An Organization integration takes its own Organization's keys only; an integration that names no
        // Organization takes the trail as it is written, with or without an Organization segment.
        if (trailShaped && i.organizationId != null && !i.organizationId.equals(keyOrg)) {
            String keySays = keyOrg == null ? "has no Organization" : "is of Organization " + keyOrg;
            return RouteDecision.of(
                    RouteOutcome.SKIPPED_ORGANIZATION,
                    i,
                    keyAccount,
                    "the key of account " + keyAccount + " " + keySays + " but " + name + " is of Organization "
                            + i.organizationId);
        }
        if (trailShaped && !i.allowsAccount(keyAccount)) {
            return RouteDecision.of(
                    RouteOutcome.SKIPPED_ACCOUNT,
                    i,
                    keyAccount,
                    "account " + keyAccount + " is not in the include-list of " + name);
        }
        return RouteDecision.of(
                RouteOutcome.FETCH, i, keyAccount, name + (keyAccount == null ? "" : ", account " + keyAccount));
    }

    /** Smaller is better. */
    private static Comparator<Integration> ranking(String keyOrg, String keyAccount) {
        return Comparator.comparingInt((Integration i) -> -i.prefixLength())
                .thenComparing(i -> !Objects.equals(keyOrg, i.organizationId))
                .thenComparing(i -> i.status == IntegrationStatus.DELETED)
                .thenComparing(i -> keyAccount != null && !i.allowsAccount(keyAccount))
                .thenComparing(i -> i.status != IntegrationStatus.ACTIVE)
                .thenComparing(i -> i.integrationId, Comparator.nullsLast(Comparator.naturalOrder()));
    }
}
