package io.trailstream.integrity.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.control.Integration;
import io.trailstream.control.IntegrationStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The health rules: access, gaps, silence, and the job's own disconnect and reconnect, on a clock the test moves. */
class HealthRulesTest {
    private static final String ID = "acme";
    private static final long T0 = 1_764_000_000_000L;
    private static final Duration SILENCE = Duration.ofHours(2);
    private static final Duration AFTER = Duration.ofHours(1);

    private final HealthRules rules = new HealthRules(SILENCE, true, AFTER);
    private final IntegrationWatch w = new IntegrationWatch();
    private final Map<String, ScopeHealth> map = new HashMap<>();
    private final HealthRules.Scopes scopes = new HealthRules.Scopes() {
        @Override
        public ScopeHealth get(String scope) {
            return map.get(scope);
        }

        @Override
        public void put(String scope, ScopeHealth health) {
            map.put(scope, health);
        }
    };
    private final List<IntegrationHealth> rows = new ArrayList<>();
    private final List<ControlRequest> requests = new ArrayList<>();

    @Test
    void aRefusedReadIsAccessDeniedUntilAReadWorks() throws Exception {
        known(IntegrationStatus.ACTIVE, null, T0);
        signal(HealthSignalKind.ACCESS_DENIED, "111122223333", "eu-west-1", T0 + 1);
        signal(HealthSignalKind.ACCESS_DENIED, "111122223333", "eu-west-1", T0 + 2);
        signal(HealthSignalKind.READ_OK, "222233334444", "eu-west-1", T0 + 3);
        signal(HealthSignalKind.READ_OK, "111122223333", "eu-west-1", T0 + 4);
        assertThat(changes())
                .containsExactly(
                        "111122223333/eu-west-1 null->access_denied", "111122223333/eu-west-1 access_denied->healthy");
        signal(HealthSignalKind.NO_SUCH_BUCKET, "111122223333", "eu-west-1", T0 + 5);
        assertThat(changes()).last().isEqualTo("null/null null->access_denied");
    }

    @Test
    void aChainGapLastsUntilDigestsLinkAgain() throws Exception {
        known(IntegrationStatus.ACTIVE, null, T0);
        signal(HealthSignalKind.DIGEST_OVERDUE, "111122223333", "eu-west-1", T0 + 1);
        signal(HealthSignalKind.DIGEST_MISSING, "111122223333", "eu-west-1", T0 + 2);
        signal(HealthSignalKind.DIGEST_LINKED, "111122223333", "eu-west-1", T0 + 3);
        assertThat(changes())
                .containsExactly("111122223333/eu-west-1 null->gap", "111122223333/eu-west-1 gap->healthy");
    }

    @Test
    void anActiveIntegrationThatSendsNothingIsSilent() throws Exception {
        known(IntegrationStatus.ACTIVE, null, T0);
        assertThat(rules.nextDeadline(w, false)).isEqualTo(T0 + SILENCE.toMillis());
        timer(T0 + SILENCE.toMillis() - 1);
        assertThat(rows).isEmpty();
        timer(T0 + SILENCE.toMillis());
        assertThat(changes()).containsExactly("null/null null->silent");
        assertThat(rows.get(0).reason).contains("no object since");
        signal(HealthSignalKind.NOTIFIED, "111122223333", "eu-west-1", T0 + SILENCE.toMillis() + 5);
        assertThat(changes()).last().isEqualTo("null/null silent->healthy");
        HealthRules suspendedRules = new HealthRules(SILENCE, false, AFTER);
        IntegrationWatch suspended = new IntegrationWatch();
        suspendedRules.integrationChanged(ID, suspended, scopes, integration(IntegrationStatus.SUSPENDED, null), T0);
        assertThat(suspendedRules.nextDeadline(suspended, false))
                .as("no silence while suspended")
                .isEqualTo(-1);
    }

    @Test
    void everyReadRefusedForAWhileDisconnectsAndAWorkingProbeReconnects() throws Exception {
        known(IntegrationStatus.ACTIVE, null, T0);
        signal(HealthSignalKind.ACCESS_DENIED, "111122223333", "eu-west-1", T0 + 10);
        assertThat(rules.nextDeadline(w, false)).isEqualTo(T0 + 10 + AFTER.toMillis());
        timer(T0 + 10 + AFTER.toMillis() - 1);
        assertThat(requests).isEmpty();
        timer(T0 + 10 + AFTER.toMillis());
        assertThat(requests).singleElement().satisfies(r -> {
            assertThat(r.status).isEqualTo(IntegrationStatus.DISCONNECTED);
            assertThat(r.messageId).isEqualTo("trailstream-health-acme-disconnect-" + (T0 + 10 + AFTER.toMillis()));
            assertThat(r.issuedAtMillis).isEqualTo(T0 + 10 + AFTER.toMillis());
        });
        timer(T0 + 20 + AFTER.toMillis());
        assertThat(requests).as("asked once").hasSize(1);
        assertThat(rules.probeDue(w)).as("not before the disconnect is applied").isFalse();

        known(IntegrationStatus.DISCONNECTED, requests.get(0).messageId, T0 + 10 + AFTER.toMillis());
        assertThat(rules.probeDue(w)).isTrue();
        requests.addAll(rules.probed(ID, w, false, "DENIED", T0 + 2 * AFTER.toMillis()).requests);
        assertThat(requests).hasSize(1);
        requests.addAll(rules.probed(ID, w, true, "ACCESS_WORKS", T0 + 3 * AFTER.toMillis()).requests);
        assertThat(requests).last().satisfies(r -> {
            assertThat(r.status).isEqualTo(IntegrationStatus.ACTIVE);
            assertThat(r.messageId).isEqualTo("trailstream-health-acme-reconnect-" + (T0 + 3 * AFTER.toMillis()));
        });
        assertThat(rules.probeDue(w)).as("reconnect asked once").isFalse();
        known(IntegrationStatus.ACTIVE, requests.get(1).messageId, T0 + 3 * AFTER.toMillis());
        assertThat(w.autoDisconnected).isFalse();
        assertThat(w.deniedSinceMillis).isZero();
    }

    @Test
    void opsTakeOverFromTheJobAndStaleSeedsChangeNothing() throws Exception {
        known(IntegrationStatus.ACTIVE, null, T0);
        signal(HealthSignalKind.ACCESS_DENIED, "111122223333", "eu-west-1", T0 + 10);
        timer(T0 + 10 + AFTER.toMillis());
        known(IntegrationStatus.DISCONNECTED, requests.get(0).messageId, T0 + 10 + AFTER.toMillis());
        known(IntegrationStatus.DISCONNECTED, "ops-message-1", T0 + 20 + AFTER.toMillis());
        assertThat(rules.probeDue(w))
                .as("ops disconnected it: the job does not reconnect")
                .isFalse();
        known(IntegrationStatus.ACTIVE, null, 0); // the config's seed, again after a restore
        assertThat(w.status).isEqualTo(IntegrationStatus.DISCONNECTED);
    }

    @Test
    void aReadThatWorksResetsTheClockOfTheDisconnect() throws Exception {
        known(IntegrationStatus.ACTIVE, null, T0);
        signal(HealthSignalKind.ACCESS_DENIED, "111122223333", "eu-west-1", T0 + 10);
        signal(HealthSignalKind.READ_OK, "222233334444", "us-east-1", T0 + 20);
        timer(T0 + 10 + AFTER.toMillis());
        assertThat(requests).as("not every read was refused").isEmpty();
    }

    private void known(IntegrationStatus status, String messageId, long updatedAt) throws Exception {
        rows.addAll(rules.integrationChanged(ID, w, scopes, integration(status, messageId, updatedAt), T0).changes);
    }

    private static Integration integration(IntegrationStatus status, String messageId) {
        return integration(status, messageId, 0);
    }

    private static Integration integration(IntegrationStatus status, String messageId, long updatedAt) {
        Integration i = Integration.of(ID, "acme-trail", null);
        i.status = status;
        i.lastMessageId = messageId;
        i.updatedAtMillis = updatedAt;
        return i;
    }

    private void signal(HealthSignalKind kind, String account, String region, long at) throws Exception {
        HealthSignal s = HealthSignal.of(ID, account, region, kind, kind.name(), at);
        s.scheme = "s3";
        s.bucket = "acme-trail";
        s.key = "AWSLogs/" + account + "/CloudTrail/x.json.gz";
        HealthRules.Outcome o = rules.signal(ID, w, scopes, s, at);
        rows.addAll(o.changes);
        requests.addAll(o.requests);
    }

    private void timer(long at) throws Exception {
        HealthRules.Outcome o = rules.timer(ID, w, scopes, at);
        rows.addAll(o.changes);
        requests.addAll(o.requests);
    }

    private List<String> changes() {
        return rows.stream()
                .map(r -> r.accountId + "/" + r.region + " " + r.previousStatus + "->" + r.status)
                .collect(Collectors.toList());
    }
}
