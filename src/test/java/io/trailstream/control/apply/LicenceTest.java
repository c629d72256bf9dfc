package io.trailstream.control.apply;

import static io.trailstream.control.Msg.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.control.ControlState;
import io.trailstream.control.Integration;
import io.trailstream.control.IntegrationStatus;
import io.trailstream.control.Json;
import io.trailstream.control.LicencePolicy;
import io.trailstream.control.Msg;
import io.trailstream.control.Tenant;
import io.trailstream.control.message.ControlKind;
import io.trailstream.control.message.ControlMessage;
import io.trailstream.control.message.WireTime;
import org.junit.jupiter.api.Test;

class LicenceTest {
    private final ControlApplier applier = new ControlApplier();
    private final ControlState state = new ControlState();
    private static final long NOW = Json.NOW;

    private ApplyResult apply(ControlMessage m) {
        return applier.apply(state, m, NOW);
    }

    private boolean fetched(String id, long at) {
        Integration i = state.integration(id);
        return LicencePolicy.isFetched(i, state.tenant(i.tenantId), at);
    }

    @Test
    void expiryStopsEveryIntegrationAndRenewalResumesOnlyTheActiveOnes() {
        apply(Msg.create("a", T0));
        apply(Msg.create("b", T0));
        apply(Msg.status("b", T0 + 1, IntegrationStatus.SUSPENDED));
        ApplyResult expired = apply(Msg.licence(ControlKind.LICENCE_EXPIRED, "acme", T0 + 2, 0));
        assertThat(expired.outcome).isEqualTo(ApplyOutcome.APPLIED);
        assertThat(expired.tenantBefore).isNull();
        assertThat(expired.tenantAfter.licenceExpired).isTrue();
        assertThat(expired.reason).contains("licence not expired → expired").contains("skipped");
        assertThat(state.integration("a").status).as("own status is untouched").isEqualTo(IntegrationStatus.ACTIVE);
        assertThat(fetched("a", NOW)).isFalse();
        assertThat(LicencePolicy.effectiveStatus(state.integration("a"), state.tenant("acme"), NOW))
                .isEqualTo(IntegrationStatus.SUSPENDED);

        ApplyResult renewed = apply(Msg.licence(ControlKind.LICENCE_RENEWED, "acme", T0 + 3, 0));
        assertThat(renewed.tenantAfter.licenceExpired).isFalse();
        assertThat(fetched("a", NOW)).isTrue();
        assertThat(fetched("b", NOW)).as("suspended by hand stays suspended").isFalse();
        assertThat(LicencePolicy.effectiveStatus(state.integration("b"), state.tenant("acme"), NOW))
                .isEqualTo(IntegrationStatus.SUSPENDED);
    }

    @Test
    void validUntilLapsesWithoutAMessage() {
        apply(Msg.create("a", T0));
        long until = NOW + 60_000;
        ApplyResult r = apply(Msg.licence(ControlKind.LICENCE_VALID_UNTIL, "acme", T0 + 1, until));
        assertThat(r.reason).contains("valid_until none → " + WireTime.format(until));
        assertThat(fetched("a", until - 1)).isTrue();
        assertThat(fetched("a", until)).isFalse();
        Tenant t = state.tenant("acme");
        assertThat(LicencePolicy.nextLapseMillis(t, NOW)).isEqualTo(until);
        assertThat(LicencePolicy.nextLapseMillis(t, until)).isEqualTo(-1);
        assertThat(LicencePolicy.lapsedBetween(t, NOW, until)).isTrue();
        assertThat(LicencePolicy.lapsedBetween(t, until, until + 10)).isFalse();
        assertThat(LicencePolicy.lapsedBetween(t, NOW, until - 1)).isFalse();

        apply(Msg.licence(ControlKind.LICENCE_VALID_UNTIL, "acme", T0 + 2, 0));
        assertThat(fetched("a", until + 1)).as("cleared").isTrue();
        assertThat(LicencePolicy.nextLapseMillis(state.tenant("acme"), NOW)).isEqualTo(-1);
    }

    @Test
    void renewalWithAndWithoutValidUntil() {
        apply(Msg.create("a", T0));
        apply(Msg.licence(ControlKind.LICENCE_VALID_UNTIL, "acme", T0 + 1, NOW - 1));
        assertThat(fetched("a", NOW)).isFalse();
        ApplyResult r = apply(Msg.licence(ControlKind.LICENCE_RENEWED, "acme", T0 + 2, NOW + 1000));
        assertThat(r.reason).contains("licence valid until");
        assertThat(fetched("a", NOW)).isTrue();
        assertThat(fetched("a", NOW + 1000)).isFalse();
        apply(Msg.licence(ControlKind.LICENCE_RENEWED, "acme", T0 + 3, 0));
        assertThat(state.tenant("acme").validUntilMillis)
                .as("renewal without a bound clears it")
                .isZero();
        assertThat(fetched("a", NOW + 1000)).isTrue();
    }

    @Test
    void validUntilDoesNotLiftAnExpiry() {
        apply(Msg.create("a", T0));
        apply(Msg.licence(ControlKind.LICENCE_EXPIRED, "acme", T0 + 1, 0));
        ApplyResult r = apply(Msg.licence(ControlKind.LICENCE_VALID_UNTIL, "acme", T0 + 2, NOW + 1000));
        assertThat(r.reason).contains("is not valid now");
        assertThat(fetched("a", NOW)).isFalse();
        assertThat(LicencePolicy.nextLapseMillis(state.tenant("acme"), NOW)).isEqualTo(-1);
    }

    @Test
    void licenceMessagesAreIdempotentAndOrderedPerTenant() {
        ControlMessage expire = Msg.licence(ControlKind.LICENCE_EXPIRED, "acme", T0 + 10, 0);
        ControlMessage olderRenew = Msg.licence(ControlKind.LICENCE_RENEWED, "acme", T0 + 5, 0);
        apply(expire);
        assertThat(apply(expire).outcome).isEqualTo(ApplyOutcome.DUPLICATE);
        ApplyResult stale = apply(olderRenew);
        assertThat(stale.outcome).isEqualTo(ApplyOutcome.IGNORED_STALE);
        assertThat(stale.reason).contains("tenant acme");
        assertThat(state.tenant("acme").licenceExpired).isTrue();
        assertThat(apply(Msg.licence(ControlKind.LICENCE_RENEWED, "other", T0 + 5, 0)).outcome)
                .as("another tenant has its own clock")
                .isEqualTo(ApplyOutcome.APPLIED);
    }

    @Test
    void tenantAndIntegrationClocksAreIndependent() {
        apply(Msg.licence(ControlKind.LICENCE_EXPIRED, "acme", T0 + 100, 0));
        assertThat(apply(Msg.create("a", T0)).outcome).isEqualTo(ApplyOutcome.APPLIED);
    }

    @Test
    void unknownTenantIsLicensed() {
        assertThat(LicencePolicy.isValid(null, NOW)).isTrue();
        assertThat(LicencePolicy.isFetched(null, null, NOW)).isFalse();
        assertThat(LicencePolicy.nextLapseMillis(null, NOW)).isEqualTo(-1);
    }
}
