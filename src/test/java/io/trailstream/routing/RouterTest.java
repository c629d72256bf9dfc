package io.trailstream.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.control.ControlState;
import io.trailstream.control.Integration;
import io.trailstream.control.IntegrationStatus;
import io.trailstream.control.Json;
import io.trailstream.control.Msg;
import io.trailstream.control.Tenant;
import io.trailstream.control.apply.ControlApplier;
import io.trailstream.control.message.ControlKind;
import io.trailstream.notification.ObjectRef;
import io.trailstream.trail.ObjectKind;
import io.trailstream.trail.TrailKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {
    private static final long NOW = Json.NOW;
    private static final String ORG = "o-abcdef1234";
    private final List<Integration> integrations = new ArrayList<>();
    private final Map<String, Tenant> tenants = new HashMap<>();

    private Integration add(
            String id, String bucket, String prefix, String org, IntegrationStatus status, String... accounts) {
        Integration i = Integration.of(id, bucket, prefix);
        i.tenantId = "acme";
        i.organizationId = org;
        i.status = status;
        i.includedAccounts = accounts.length == 0 ? null : List.of(accounts);
        integrations.add(i);
        return i;
    }

    private static TrailKey key(String prefix, String org, String account) {
        TrailKey k = new TrailKey();
        k.kind = ObjectKind.LOG;
        k.prefix = prefix;
        k.organizationId = org;
        k.accountId = account;
        k.region = "eu-west-1";
        k.deliveryDate = "2026-11-27";
        return k;
    }

    private static String path(String prefix, String org, String account) {
        return (prefix == null ? "" : prefix + "/") + "AWSLogs/" + (org == null ? "" : org + "/") + account
                + "/CloudTrail/eu-west-1/2026/11/27/" + account + "_CloudTrail_eu-west-1_20261127T1000Z_abc.json.gz";
    }

    private RouteDecision route(String bucket, String prefix, String org, String account) {
        return Router.route(
                integrations, tenants::get, bucket, path(prefix, org, account), key(prefix, org, account), NOW);
    }

    @Test
    void fetchesAnActiveIntegrationsObject() {
        add("acme-org", "trail", null, ORG, IntegrationStatus.ACTIVE, "111111111111");
        RouteDecision d = route("trail", null, ORG, "111111111111");
        assertThat(d.outcome).isEqualTo(RouteOutcome.FETCH);
        assertThat(d.ledgerName()).isEqualTo("fetch");
        assertThat(d.integrationId).isEqualTo("acme-org");
        assertThat(d.tenantId).isEqualTo("acme");
        assertThat(d.includedAccounts).containsExactly("111111111111");
        assertThat(d.keyAccountId).isEqualTo("111111111111");
        assertThat(d.reason).isEqualTo("integration acme-org, account 111111111111");
    }

    @Test
    void unroutedWhenNoBucketOrPrefixMatches() {
        add("a", "trail", "mine", null, IntegrationStatus.ACTIVE);
        assertThat(route("other", "mine", null, "111111111111").outcome).isEqualTo(RouteOutcome.UNROUTED);
        RouteDecision d = route("trail", "yours", null, "111111111111");
        assertThat(d.outcome).isEqualTo(RouteOutcome.UNROUTED);
        assertThat(d.ledgerName()).isEqualTo("unrouted");
        assertThat(d.integrationId).isNull();
        assertThat(d.reason).contains("trail").contains("yours/AWSLogs");
        assertThat(route("trail", "mine-too", null, "111111111111").outcome)
                .as("prefix is a folder, not a string prefix")
                .isEqualTo(RouteOutcome.UNROUTED);
    }

    @Test
    void longestPrefixWins() {
        add("root", "trail", null, null, IntegrationStatus.ACTIVE);
        add("team", "trail", "teams/a", null, IntegrationStatus.SUSPENDED);
        add("teams", "trail", "teams", null, IntegrationStatus.ACTIVE);
        assertThat(route("trail", "teams/a", null, "111111111111").integrationId)
                .isEqualTo("team");
        assertThat(route("trail", "teams/a", null, "111111111111").outcome).isEqualTo(RouteOutcome.SKIPPED_SUSPENDED);
        assertThat(route("trail", "teams/b", null, "111111111111").integrationId)
                .isEqualTo("teams");
        assertThat(route("trail", null, null, "111111111111").integrationId).isEqualTo("root");
        assertThat(route("trail", "elsewhere", null, "111111111111").integrationId)
                .isEqualTo("root");
    }

    @Test
    void statusDecisions() {
        add("s", "b-suspended", null, null, IntegrationStatus.SUSPENDED);
        add("d", "b-disconnected", null, null, IntegrationStatus.DISCONNECTED);
        add("x", "b-deleted", null, null, IntegrationStatus.DELETED);
        RouteDecision s = route("b-suspended", null, null, "111111111111");
        assertThat(s.outcome).isEqualTo(RouteOutcome.SKIPPED_SUSPENDED);
        assertThat(s.ledgerName()).isEqualTo("skipped_suspended");
        assertThat(s.reason).isEqualTo("integration s is suspended");
        assertThat(route("b-disconnected", null, null, "111111111111").ledgerName())
                .isEqualTo("skipped_disconnected");
        RouteDecision x = route("b-deleted", null, null, "111111111111");
        assertThat(x.ledgerName()).as("tombstones attribute, not unrouted").isEqualTo("skipped_deleted");
        assertThat(x.integrationId).isEqualTo("x");
    }

    @Test
    void deletedTombstoneKeepsItsLongerPrefixButLosesATie() {
        add("old", "trail", "team", null, IntegrationStatus.DELETED);
        add("root", "trail", null, null, IntegrationStatus.ACTIVE);
        assertThat(route("trail", "team", null, "111111111111").ledgerName()).isEqualTo("skipped_deleted");
        add("new", "trail", "team", null, IntegrationStatus.ACTIVE);
        RouteDecision d = route("trail", "team", null, "111111111111");
        assertThat(d.integrationId).as("re-onboarded under a new id").isEqualTo("new");
        assertThat(d.isFetch()).isTrue();
    }

    @Test
    void licenceDecisions() {
        add("a", "trail", null, null, IntegrationStatus.ACTIVE);
        Tenant t = Tenant.of("acme");
        tenants.put("acme", t);
        assertThat(route("trail", null, null, "111111111111").isFetch()).isTrue();
        t.licenceExpired = true;
        RouteDecision d = route("trail", null, null, "111111111111");
        assertThat(d.ledgerName()).isEqualTo("skipped_licence");
        assertThat(d.reason).isEqualTo("the licence of tenant acme of integration a has expired");
        t.licenceExpired = false;
        t.validUntilMillis = NOW;
        assertThat(route("trail", null, null, "111111111111").reason).contains("lapsed at 2026-11-27T10:00:00Z");
        t.validUntilMillis = NOW + 1;
        assertThat(route("trail", null, null, "111111111111").isFetch()).isTrue();
        t.licenceExpired = true;
        integrations.get(0).status = IntegrationStatus.SUSPENDED;
        assertThat(route("trail", null, null, "111111111111").ledgerName())
                .as("own status first")
                .isEqualTo("skipped_suspended");
    }

    @Test
    void organizationDecisions() {
        add("org", "org-trail", null, ORG, IntegrationStatus.ACTIVE);
        add("single", "single-trail", null, null, IntegrationStatus.ACTIVE);
        RouteDecision other = route("org-trail", null, "o-zzzzzzzzzz", "111111111111");
        assertThat(other.ledgerName()).isEqualTo("skipped_organization");
        assertThat(other.reason).contains("o-zzzzzzzzzz").contains(ORG).contains("integration org");
        assertThat(route("org-trail", null, null, "111111111111").ledgerName())
                .as("key without Organization")
                .isEqualTo("skipped_organization");
        RouteDecision orgKey = route("single-trail", null, ORG, "111111111111");
        assertThat(orgKey.isFetch())
                .as("an integration naming no Organization takes an Organization trail's keys")
                .isTrue();
        assertThat(orgKey.integrationId).isEqualTo("single");
        assertThat(route("org-trail", null, ORG, "111111111111").isFetch()).isTrue();
    }

    @Test
    void sameBucketTwoOrganizationsPickTheMatchingOne() {
        add("org-a", "shared", null, "o-aaaaaaaaaa", IntegrationStatus.ACTIVE);
        add("org-b", "shared", null, "o-bbbbbbbbbb", IntegrationStatus.ACTIVE);
        assertThat(route("shared", null, "o-bbbbbbbbbb", "111111111111").integrationId)
                .isEqualTo("org-b");
        assertThat(route("shared", null, "o-aaaaaaaaaa", "111111111111").integrationId)
                .isEqualTo("org-a");
    }

    @Test
    void accountDecisions() {
        add("org", "trail", null, ORG, IntegrationStatus.ACTIVE, "111111111111", "222222222222");
        assertThat(route("trail", null, ORG, "222222222222").isFetch()).isTrue();
        RouteDecision d = route("trail", null, ORG, "333333333333");
        assertThat(d.ledgerName()).isEqualTo("skipped_account");
        assertThat(d.reason).isEqualTo("account 333333333333 is not in the include-list of integration org");
        assertThat(d.keyAccountId).isEqualTo("333333333333");
    }

    @Test
    void keysWithoutAccountSkipOrganizationAndAccountChecks() {
        add("org", "trail", null, ORG, IntegrationStatus.ACTIVE, "111111111111");
        TrailKey other = new TrailKey();
        RouteDecision d = Router.route(
                integrations, tenants::get, "trail", "AWSLogs/" + ORG + "/ConfigWritabilityCheckFile", other, NOW);
        assertThat(d.isFetch()).isTrue();
        assertThat(d.keyAccountId).isNull();
        assertThat(Router.route(integrations, tenants::get, "trail", "random.txt", null, NOW).integrationId)
                .isEqualTo("org");
    }

    @Test
    void routesThroughAControlView() {
        ControlState state = new ControlState();
        new ControlApplier().apply(state, Msg.create("acme-prod", Msg.T0), NOW);
        ObjectRef ref = ObjectRef.s3("acme-trail", path(null, ORG, "111111111111"));
        assertThat(Router.route(state, ref, key(null, ORG, "111111111111"), NOW).isFetch())
                .isTrue();
        new ControlApplier().apply(state, Msg.licence(ControlKind.LICENCE_EXPIRED, "acme", Msg.T0, 0), NOW);
        assertThat(Router.route(state, ref, key(null, ORG, "111111111111"), NOW).ledgerName())
                .isEqualTo("skipped_licence");
    }

    @Test
    void decisionCopiesTheIncludeList() {
        Integration i = add("org", "trail", null, ORG, IntegrationStatus.ACTIVE, "111111111111");
        RouteDecision d = route("trail", null, ORG, "111111111111");
        i.includedAccounts = List.of("999999999999");
        assertThat(d.includedAccounts).containsExactly("111111111111");
    }
}
