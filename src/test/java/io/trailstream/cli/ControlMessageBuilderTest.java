package io.trailstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailstream.control.IntegrationStatus;
import io.trailstream.control.message.ControlKind;
import io.trailstream.control.message.ControlMessage;
import io.trailstream.control.message.ControlMessageParser;
import io.trailstream.control.message.IntegrationPatch;
import io.trailstream.control.message.ParsedControl;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControlMessageBuilderTest {
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private final StepClock clock = new StepClock("2026-11-27T10:00:00Z");
    private final ControlMessageBuilder b = new ControlMessageBuilder("alice@ops", clock, clock.ids());

    @Test
    void everyKindBuildsAMessageTheJobAccepts() {
        List<ControlMessage> all = List.of(
                b.upsert(
                        "acme-prod",
                        new IntegrationPatch()
                                .tenantId("acme")
                                .bucket("acme-trail")
                                .organizationId("o-abcdef1234")
                                .includedAccounts(List.of("222222222222", "111111111111"))),
                b.suspend("acme-prod"),
                b.resume("acme-prod"),
                b.disconnect("acme-prod"),
                b.delete("acme-prod"),
                b.setAccounts("acme-prod", List.of("111111111111")),
                b.setAccounts("acme-prod", null),
                b.addAccounts("acme-prod", List.of("333333333333")),
                b.removeAccounts("acme-prod", List.of("333333333333")),
                b.expireLicence("acme"),
                b.renewLicence("acme", null),
                b.renewLicence("acme", Instant.parse("2027-01-01T00:00:00Z")),
                b.licenceValidUntil("acme", Instant.parse("2027-01-01T00:00:00Z")),
                b.licenceValidUntil("acme", null));
        assertThat(all).extracting(m -> m.kind).contains(ControlKind.values());
        ControlMessageParser parser = new ControlMessageParser();
        for (ControlMessage m : all) {
            ParsedControl p = parser.parse(m.json, NOW.toEpochMilli() + 3_600_000);
            assertThat(p.isOk()).as(m.json + " " + p.reasonText()).isTrue();
            assertThat(p.message).isEqualTo(m);
            assertThat(m.author).isEqualTo("alice@ops");
        }
        assertThat(all.get(0).json)
                .isEqualTo("{\"version\":1,\"message_id\":\"m-001\",\"issued_at\":\"2026-11-27T10:00:00Z\","
                        + "\"author\":\"alice@ops\",\"kind\":\"upsert_integration\",\"integration_id\":\"acme-prod\",\"integration\":"
                        + "{\"tenant_id\":\"acme\",\"bucket\":\"acme-trail\",\"organization_id\":\"o-abcdef1234\","
                        + "\"included_accounts\":[\"111111111111\",\"222222222222\"]}}");
        assertThat(all.get(6).json).contains("\"accounts\":null");
        assertThat(all.get(13).json).contains("\"valid_until\":null");
        assertThat(all.get(1).status).isEqualTo(IntegrationStatus.SUSPENDED);
        assertThat(all.get(2).status).isEqualTo(IntegrationStatus.ACTIVE);
    }

    @Test
    void issueTimesStrictlyIncreaseEvenOnAStoppedClock() {
        ControlMessageBuilder fixed = new ControlMessageBuilder(
                "bob",
                Clock.fixed(NOW, ZoneOffset.UTC),
                () -> java.util.UUID.randomUUID().toString());
        ControlMessage first = fixed.suspend("a");
        ControlMessage second = fixed.resume("a");
        assertThat(second.issuedAtMillis).isEqualTo(first.issuedAtMillis + 1);
        assertThat(first.messageId).isNotEqualTo(second.messageId);
    }

    @Test
    void refusesWhatTheJobWouldReject() {
        assertThatThrownBy(() -> b.addAccounts("a", List.of("12345")))
                .isInstanceOf(InvalidControlMessageException.class)
                .hasMessageContaining("bad_account_id")
                .hasMessageContaining("12345");
        assertThatThrownBy(() -> b.setAccounts("a", List.of())).hasMessageStartingWith("bad_field");
        assertThatThrownBy(() -> b.upsert(
                        "a",
                        new IntegrationPatch().tenantId("t").bucket("bucket-b").organizationId("o-bad")))
                .hasMessageStartingWith("bad_organization_id");
        assertThatThrownBy(
                        () -> b.upsert("a", new IntegrationPatch().tenantId("t").bucket("Not_A_Bucket")))
                .hasMessageStartingWith("bad_bucket");
        assertThatThrownBy(() -> b.upsert("a", new IntegrationPatch())).hasMessageStartingWith("missing_field");
        assertThatThrownBy(() -> b.suspend("no spaces"))
                .hasMessageStartingWith("bad_field")
                .hasMessageContaining("integration_id");
        assertThatThrownBy(() -> b.setStatus("a", IntegrationStatus.DELETED)).hasMessageStartingWith("bad_status");
        assertThatThrownBy(() -> new ControlMessageBuilder(" ", clock, clock.ids()).suspend("a"))
                .hasMessageContaining("author");
        InvalidControlMessageException e = org.junit.jupiter.api.Assertions.assertThrows(
                InvalidControlMessageException.class, () -> b.expireLicence("acme/x"));
        assertThat(e.reasonCode()).isEqualTo("bad_field");
    }
}
