package io.trailstream.control.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailstream.control.ControlState;
import io.trailstream.control.Integration;
import io.trailstream.control.IntegrationStatus;
import io.trailstream.control.Json;
import io.trailstream.control.MapBroadcastState;
import io.trailstream.control.Msg;
import io.trailstream.control.SeededControlStore;
import io.trailstream.control.Tenant;
import io.trailstream.control.apply.ApplyOutcome;
import io.trailstream.control.apply.ApplyResult;
import io.trailstream.control.apply.ControlApplier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InitialIntegrationsTest {
    private static Map<String, Object> entry(String id) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("integration_id", id);
        m.put("tenant_id", "acme");
        m.put("bucket", "acme-trail");
        return m;
    }

    @Test
    void readsTheConfigList() {
        Map<String, Object> org = entry("acme-org");
        org.put("display_name", "ACME Organization");
        org.put("prefix", "/org/");
        org.put("organization_id", "o-abcdef1234");
        org.put("included_accounts", List.of("222222222222", "111111111111"));
        org.put("status", "suspended");
        InitialIntegrations seeds = InitialIntegrations.fromConfig(List.of(entry("acme-prod"), org));
        assertThat(seeds.size()).isEqualTo(2);
        Integration i = seeds.integration("acme-org");
        assertThat(i.displayName).isEqualTo("ACME Organization");
        assertThat(i.prefix).isEqualTo("org");
        assertThat(i.includedAccounts).containsExactly("111111111111", "222222222222");
        assertThat(i.status).isEqualTo(IntegrationStatus.SUSPENDED);
        assertThat(i.updatedAtMillis).isZero();
        assertThat(i.lastMessageId).isNull();
        Integration plain = seeds.integration("acme-prod");
        assertThat(plain.displayName).isEqualTo("acme-prod");
        assertThat(plain.status).isEqualTo(IntegrationStatus.ACTIVE);
        assertThat(seeds.integrations()).extracting(x -> x.integrationId).containsExactly("acme-prod", "acme-org");
        assertThat(InitialIntegrations.fromConfig(null).size()).isZero();
    }

    @Test
    void badEntriesFailFastNamingTheEntry() {
        Map<String, Object> badAccount = entry("b");
        badAccount.put("organization_id", "o-abcdef1234");
        badAccount.put("included_accounts", List.of("12"));
        assertThatThrownBy(() -> InitialIntegrations.fromConfig(List.of(entry("a"), badAccount)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("integrations[1]: bad_account_id");
        Map<String, Object> noBucket = entry("c");
        noBucket.remove("bucket");
        assertThatThrownBy(() -> InitialIntegrations.fromConfig(List.of(noBucket)))
                .hasMessageContaining("'bucket' is missing");
        assertThatThrownBy(() -> InitialIntegrations.fromConfig(List.of(entry("a"), entry("a"))))
                .hasMessageContaining("listed twice");
        Map<String, Object> typo = entry("d");
        typo.put("buckt", "x");
        assertThatThrownBy(() -> InitialIntegrations.fromConfig(List.of(typo))).hasMessageContaining("unknown_field");
        Map<String, Object> listWithoutOrg = entry("e");
        listWithoutOrg.put("included_accounts", List.of("111111111111"));
        assertThatThrownBy(() -> InitialIntegrations.fromConfig(List.of(listWithoutOrg)))
                .hasMessageContaining("not_an_organization");
    }

    @Test
    void stateEntriesWinOverConfigEntries() {
        InitialIntegrations seeds = InitialIntegrations.fromConfig(List.of(entry("acme-prod"), entry("acme-dev")));
        MapBroadcastState<String, Integration> integrations = new MapBroadcastState<>();
        MapBroadcastState<String, Tenant> tenants = new MapBroadcastState<>();
        SeededControlStore store = SeededControlStore.broadcast(integrations, tenants, seeds);
        ApplyResult r = new ControlApplier()
                .apply(store, Msg.status("acme-prod", Msg.T0, IntegrationStatus.SUSPENDED), Json.NOW);
        assertThat(r.outcome)
                .as("a config integration can be changed by message")
                .isEqualTo(ApplyOutcome.APPLIED);
        assertThat(r.integrationBefore.lastMessageId).isNull();
        assertThat(integrations.map).containsOnlyKeys("acme-prod");
        assertThat(store.integration("acme-prod").status).isEqualTo(IntegrationStatus.SUSPENDED);
        assertThat(seeds.integration("acme-prod").status).as("seeds untouched").isEqualTo(IntegrationStatus.ACTIVE);
        assertThat(store.integrations())
                .extracting(i -> i.integrationId + ":" + i.status.wireName())
                .containsExactlyInAnyOrder("acme-prod:suspended", "acme-dev:active");
        new ControlApplier().apply(store, Msg.delete("acme-dev", Msg.T0), Json.NOW);
        assertThat(store.integration("acme-dev").status)
                .as("a tombstone hides the config entry")
                .isEqualTo(IntegrationStatus.DELETED);
        new ControlApplier().apply(store, Msg.licence(ControlKind.LICENCE_EXPIRED, "acme", Msg.T0, 0), Json.NOW);
        assertThat(tenants.map).containsOnlyKeys("acme");
        assertThat(store.tenants()).hasSize(1);

        SeededControlStore readOnly = SeededControlStore.readOnlyBroadcast(integrations, tenants, seeds);
        assertThat(readOnly.integrationsOf("acme")).hasSize(2);
        assertThatThrownBy(() -> readOnly.putTenant(Tenant.of("x"))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void travelsInAFunctionClosure() throws Exception {
        InitialIntegrations seeds = InitialIntegrations.fromConfig(List.of(entry("acme-prod")));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(seeds);
        }
        try (java.io.ObjectInputStream in =
                new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            InitialIntegrations back = (InitialIntegrations) in.readObject();
            assertThat(back.integration("acme-prod")).isEqualTo(seeds.integration("acme-prod"));
        }
    }

    @Test
    void inMemoryStateLayersOverSeedsToo() {
        ControlState state = new ControlState(InitialIntegrations.fromConfig(List.of(entry("acme-prod"))));
        assertThat(state.integration("acme-prod")).isNotNull();
        ApplyResult r = new ControlApplier()
                .apply(state, Msg.upsert("acme-prod", Msg.T0, new IntegrationPatch().displayName("P")), Json.NOW);
        assertThat(r.integrationAfter.bucket).isEqualTo("acme-trail");
        assertThat(state.integrations()).hasSize(1);
    }
}
