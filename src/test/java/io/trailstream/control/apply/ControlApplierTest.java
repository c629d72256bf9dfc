package io.trailstream.control.apply;

import static io.trailstream.control.Msg.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.control.ControlState;
import io.trailstream.control.Integration;
import io.trailstream.control.IntegrationStatus;
import io.trailstream.control.Json;
import io.trailstream.control.Msg;
import io.trailstream.control.message.ControlKind;
import io.trailstream.control.message.ControlMessage;
import io.trailstream.control.message.IntegrationPatch;
import io.trailstream.control.message.WireTime;
import org.junit.jupiter.api.Test;

class ControlApplierTest {
    private final ControlApplier applier = new ControlApplier();
    private final ControlState state = new ControlState();
    private static final long NOW = Json.NOW;

    private ApplyResult apply(ControlMessage m) {
        return applier.apply(state, m, NOW);
    }

    @Test
    void createsAnIntegrationWithDefaults() {
        ApplyResult r = apply(Msg.create("acme-prod", T0));
        assertThat(r.outcome).isEqualTo(ApplyOutcome.APPLIED);
        assertThat(r.reasonCode).isEqualTo("applied");
        assertThat(r.reason).startsWith("created: ");
        assertThat(r.integrationBefore).isNull();
        Integration i = state.integration("acme-prod");
        assertThat(i).isEqualTo(r.integrationAfter);
        assertThat(i.status).isEqualTo(IntegrationStatus.ACTIVE);
        assertThat(i.displayName).isEqualTo("acme-prod");
        assertThat(i.tenantId).isEqualTo("acme");
        assertThat(i.includedAccounts).isNull();
        assertThat(i.updatedAtMillis).isEqualTo(T0);
        assertThat(i.lastMessageId).isEqualTo(r.message.messageId);
        assertThat(r.processedAtMillis).isEqualTo(NOW);
    }

    @Test
    void newIntegrationNeedsTenantAndBucket() {
        ApplyResult r = apply(Msg.upsert("x", T0, new IntegrationPatch().displayName("X")));
        assertThat(r.outcome).isEqualTo(ApplyOutcome.REJECTED);
        assertThat(r.reasonCode).isEqualTo("incomplete_integration");
        assertThat(r.integrationAfter).isNull();
        assertThat(state.integration("x")).isNull();
    }

    @Test
    void upsertOfAnExistingIntegrationChangesOnlyNamedFields() {
        apply(Msg.create("acme-prod", T0));
        apply(Msg.accounts(ControlKind.SET_ACCOUNTS, "acme-prod", T0 + 1, "111111111111"));
        apply(Msg.status("acme-prod", T0 + 2, IntegrationStatus.SUSPENDED));
        ApplyResult r = apply(Msg.upsert(
                "acme-prod", T0 + 3, new IntegrationPatch().displayName("ACME").prefix("p")));
        assertThat(r.outcome).isEqualTo(ApplyOutcome.APPLIED);
        assertThat(r.reason).isEqualTo("display_name acme-prod → ACME; prefix null → p");
        Integration i = state.integration("acme-prod");
        assertThat(i.status).as("a rename does not resume").isEqualTo(IntegrationStatus.SUSPENDED);
        assertThat(i.includedAccounts).as("nor widen the include-list").containsExactly("111111111111");
        assertThat(i.bucket).isEqualTo("acme-trail");
    }

    @Test
    void sameMessageTwiceIsADuplicateAndChangesNothing() {
        ControlMessage create = Msg.create("acme-prod", T0);
        apply(create);
        ControlMessage suspend = Msg.status("acme-prod", T0 + 10, IntegrationStatus.SUSPENDED);
        ApplyResult first = apply(suspend);
        Integration after = state.integration("acme-prod").copy();
        ApplyResult second = apply(suspend);
        assertThat(first.outcome).isEqualTo(ApplyOutcome.APPLIED);
        assertThat(second.outcome).isEqualTo(ApplyOutcome.DUPLICATE);
        assertThat(second.reasonCode).isEqualTo("duplicate");
        assertThat(second.changesState()).isFalse();
        assertThat(second.integrationAfter).isEqualTo(second.integrationBefore).isEqualTo(after);
        assertThat(state.integration("acme-prod")).isEqualTo(after);
        ApplyResult again = apply(create);
        assertThat(again.outcome).as("an older message that comes back").isEqualTo(ApplyOutcome.IGNORED_STALE);
        assertThat(state.integration("acme-prod")).isEqualTo(after);
    }

    @Test
    void olderMessageIsIgnoredWithAReason() {
        apply(Msg.create("acme-prod", T0));
        ControlMessage newer = Msg.status("acme-prod", T0 + 2000, IntegrationStatus.SUSPENDED);
        ControlMessage older = Msg.status("acme-prod", T0 + 1000, IntegrationStatus.ACTIVE);
        apply(newer);
        ApplyResult r = apply(older);
        assertThat(r.outcome).isEqualTo(ApplyOutcome.IGNORED_STALE);
        assertThat(r.reasonCode).isEqualTo("stale");
        assertThat(r.reason)
                .contains(WireTime.format(T0 + 1000))
                .contains(WireTime.format(T0 + 2000))
                .contains(newer.messageId);
        assertThat(state.integration("acme-prod").status).isEqualTo(IntegrationStatus.SUSPENDED);
    }

    @Test
    void sameIssueTimeAppliesInArrivalOrder() {
        apply(Msg.create("acme-prod", T0));
        apply(Msg.status("acme-prod", T0 + 5, IntegrationStatus.SUSPENDED));
        ApplyResult r = apply(Msg.status("acme-prod", T0 + 5, IntegrationStatus.DISCONNECTED));
        assertThat(r.outcome).isEqualTo(ApplyOutcome.APPLIED);
        assertThat(state.integration("acme-prod").status).isEqualTo(IntegrationStatus.DISCONNECTED);
    }

    @Test
    void noChangeIsStillAppliedAndMovesTheClock() {
        apply(Msg.create("acme-prod", T0));
        ApplyResult r = apply(Msg.status("acme-prod", T0 + 10, IntegrationStatus.ACTIVE));
        assertThat(r.outcome).isEqualTo(ApplyOutcome.APPLIED);
        assertThat(r.reasonCode).isEqualTo("no_change");
        assertThat(apply(Msg.status("acme-prod", T0 + 5, IntegrationStatus.SUSPENDED)).outcome)
                .as("ordering still holds against the no-op")
                .isEqualTo(ApplyOutcome.IGNORED_STALE);
    }

    @Test
    void changesToUnknownIntegrationsAreRejected() {
        for (ControlMessage m : new ControlMessage[] {
            Msg.status("ghost", T0, IntegrationStatus.SUSPENDED),
            Msg.accounts(ControlKind.ADD_ACCOUNTS, "ghost", T0, "111111111111"),
            Msg.allAccounts("ghost", T0),
            Msg.delete("ghost", T0)
        }) {
            ApplyResult r = apply(m);
            assertThat(r.outcome).isEqualTo(ApplyOutcome.REJECTED);
            assertThat(r.reasonCode).isEqualTo("unknown_integration");
            assertThat(r.reason).contains("ghost");
        }
        assertThat(state.integrations()).isEmpty();
    }

    @Test
    void includeListSetAddRemove() {
        apply(Msg.create("org", T0));
        ApplyResult add0 = apply(Msg.accounts(ControlKind.ADD_ACCOUNTS, "org", T0 + 1, "111111111111"));
        assertThat(add0.outcome).as("adding to 'all' is ambiguous").isEqualTo(ApplyOutcome.REJECTED);
        assertThat(add0.reasonCode).isEqualTo("all_accounts");
        apply(Msg.accounts(ControlKind.SET_ACCOUNTS, "org", T0 + 2, "333333333333", "111111111111"));
        assertThat(state.integration("org").includedAccounts).containsExactly("111111111111", "333333333333");
        apply(Msg.accounts(ControlKind.ADD_ACCOUNTS, "org", T0 + 3, "222222222222", "111111111111"));
        assertThat(state.integration("org").includedAccounts)
                .containsExactly("111111111111", "222222222222", "333333333333");
        ApplyResult rm =
                apply(Msg.accounts(ControlKind.REMOVE_ACCOUNTS, "org", T0 + 4, "111111111111", "999999999999"));
        assertThat(rm.reason)
                .isEqualTo(
                        "included_accounts [111111111111, 222222222222, 333333333333] → [222222222222, 333333333333]");
        assertThat(state.integration("org").includedAccounts).containsExactly("222222222222", "333333333333");
        ApplyResult empty =
                apply(Msg.accounts(ControlKind.REMOVE_ACCOUNTS, "org", T0 + 5, "222222222222", "333333333333"));
        assertThat(empty.reasonCode).isEqualTo("no_accounts_left");
        assertThat(state.integration("org").includedAccounts).hasSize(2);
        apply(Msg.allAccounts("org", T0 + 6));
        assertThat(state.integration("org").includedAccounts).isNull();
        ApplyResult rmAll = apply(Msg.accounts(ControlKind.REMOVE_ACCOUNTS, "org", T0 + 7, "222222222222"));
        assertThat(rmAll.reasonCode).isEqualTo("all_accounts");
    }

    @Test
    void includeListNeedsAnOrganizationTrail() {
        apply(Msg.upsert("single", T0, new IntegrationPatch().tenantId("acme").bucket("acme-trail")));
        ApplyResult r = apply(Msg.accounts(ControlKind.SET_ACCOUNTS, "single", T0 + 1, "111111111111"));
        assertThat(r.reasonCode).isEqualTo("not_an_organization");
        assertThat(apply(Msg.allAccounts("single", T0 + 2)).outcome).isEqualTo(ApplyOutcome.APPLIED);
        ApplyResult viaUpsert =
                apply(Msg.upsert("single", T0 + 3, new IntegrationPatch().includedAccounts(Msg.list("111111111111"))));
        assertThat(viaUpsert.reasonCode).isEqualTo("not_an_organization");
        apply(Msg.create("org", T0));
        apply(Msg.accounts(ControlKind.SET_ACCOUNTS, "org", T0 + 1, "111111111111"));
        ApplyResult dropOrg = apply(Msg.upsert("org", T0 + 2, new IntegrationPatch().organizationId(null)));
        assertThat(dropOrg.reasonCode)
                .as("dropping the Organization leaves an orphan include-list")
                .isEqualTo("not_an_organization");
        ApplyResult both = apply(Msg.upsert(
                "org", T0 + 3, new IntegrationPatch().organizationId(null).includedAccounts(null)));
        assertThat(both.outcome).isEqualTo(ApplyOutcome.APPLIED);
    }

    @Test
    void deleteKeepsATombstoneThatOrdersLateMessages() {
        apply(Msg.create("acme-prod", T0));
        ControlMessage lateSuspend = Msg.status("acme-prod", T0 + 5, IntegrationStatus.SUSPENDED);
        ApplyResult del = apply(Msg.delete("acme-prod", T0 + 10));
        assertThat(del.reason).isEqualTo("status active → deleted");
        Integration tomb = state.integration("acme-prod");
        assertThat(tomb.status).isEqualTo(IntegrationStatus.DELETED);
        assertThat(tomb.bucket).as("kept, so its objects are attributed").isEqualTo("acme-trail");
        assertThat(apply(lateSuspend).outcome).isEqualTo(ApplyOutcome.IGNORED_STALE);
        ApplyResult change = apply(Msg.status("acme-prod", T0 + 20, IntegrationStatus.ACTIVE));
        assertThat(change.outcome).isEqualTo(ApplyOutcome.REJECTED);
        assertThat(change.reasonCode).isEqualTo("integration_deleted");
        assertThat(apply(Msg.accounts(ControlKind.ADD_ACCOUNTS, "acme-prod", T0 + 21, "111111111111")).reasonCode)
                .isEqualTo("integration_deleted");
        ApplyResult again = apply(Msg.delete("acme-prod", T0 + 22));
        assertThat(again.outcome).isEqualTo(ApplyOutcome.APPLIED);
        assertThat(again.reasonCode).isEqualTo("no_change");
    }

    @Test
    void upsertAfterDeleteCreatesItAfresh() {
        apply(Msg.upsert(
                "acme-prod",
                T0,
                new IntegrationPatch()
                        .tenantId("acme")
                        .bucket("acme-trail")
                        .displayName("Old")
                        .status(IntegrationStatus.SUSPENDED)));
        apply(Msg.delete("acme-prod", T0 + 10));
        ApplyResult incomplete = apply(Msg.upsert("acme-prod", T0 + 20, new IntegrationPatch().displayName("New")));
        assertThat(incomplete.reasonCode).isEqualTo("incomplete_integration");
        ApplyResult r = apply(Msg.upsert(
                "acme-prod", T0 + 30, new IntegrationPatch().tenantId("acme").bucket("other-bucket")));
        assertThat(r.outcome).isEqualTo(ApplyOutcome.APPLIED);
        assertThat(r.reason).startsWith("re-created after deletion: ");
        Integration i = state.integration("acme-prod");
        assertThat(i.status).isEqualTo(IntegrationStatus.ACTIVE);
        assertThat(i.displayName).as("nothing of the deleted one carries over").isEqualTo("acme-prod");
        assertThat(i.bucket).isEqualTo("other-bucket");
    }

    @Test
    void resumingAnUnlicensedIntegrationSaysSo() {
        apply(Msg.create("acme-prod", T0));
        apply(Msg.licence(ControlKind.LICENCE_EXPIRED, "acme", T0, 0));
        apply(Msg.status("acme-prod", T0 + 1, IntegrationStatus.SUSPENDED));
        ApplyResult r = apply(Msg.status("acme-prod", T0 + 2, IntegrationStatus.ACTIVE));
        assertThat(r.outcome).isEqualTo(ApplyOutcome.APPLIED);
        assertThat(r.reason).contains("tenant acme has no valid licence");
    }

    @Test
    void applyDoesNotMutateItsInputs() {
        Integration before = new ControlApplier().apply(Msg.create("a", T0), null, null, NOW).integrationAfter;
        Integration snapshot = before.copy();
        new ControlApplier().apply(Msg.status("a", T0 + 1, IntegrationStatus.SUSPENDED), before, null, NOW);
        new ControlApplier()
                .apply(Msg.accounts(ControlKind.SET_ACCOUNTS, "a", T0 + 1, "111111111111"), before, null, NOW);
        assertThat(before).isEqualTo(snapshot);
    }
}
