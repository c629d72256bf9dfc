package io.trailstream.control.message;

import static io.trailstream.control.Json.NOW;
import static io.trailstream.control.Json.envelope;
import static io.trailstream.control.Json.parse;
import static io.trailstream.control.Json.upsert;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailstream.control.IntegrationStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControlMessageParserTest {

    @Test
    void upsertReadsEveryField() {
        ParsedControl p = parse(upsert());
        assertThat(p.isOk()).as(p.reasonText()).isTrue();
        ControlMessage m = p.message;
        assertThat(m.version).isEqualTo(1);
        assertThat(m.messageId).isEqualTo("m-1");
        assertThat(m.issuedAtMillis).isEqualTo(NOW - 60_000);
        assertThat(m.author).isEqualTo("alice@ops");
        assertThat(m.kind).isEqualTo(ControlKind.UPSERT_INTEGRATION);
        assertThat(m.integrationId).isEqualTo("acme-prod");
        assertThat(m.tenantId).isEqualTo("acme");
        IntegrationPatch i = m.integration;
        assertThat(i.fields).containsExactlyElementsOf(IntegrationPatch.FIELDS);
        assertThat(i.bucket).isEqualTo("acme-trail");
        assertThat(i.prefix).isEqualTo("org");
        assertThat(i.organizationId).isEqualTo("o-abcdef1234");
        assertThat(i.includedAccounts).as("canonical: sorted").containsExactly("111111111111", "222222222222");
        assertThat(i.status).isEqualTo(IntegrationStatus.ACTIVE);
        assertThat(i.roleArn).isEqualTo("arn:aws:iam::111111111111:role/trailstream-acme-prod-read");
        assertThat(i.externalId).isEqualTo("acme-lake-7f3a");
        assertThat(m.json).isEqualTo(upsert().toString());
    }

    @Test
    void aRoleArnMustBeAnIamRoleAndAnExternalIdItsCharacters() {
        ObjectNode bad = upsert();
        ((ObjectNode) bad.get("integration")).put("role_arn", "arn:aws:s3:::not-a-role");
        assertThat(parse(bad).isOk()).isFalse();
        assertThat(parse(bad).detail).contains("role_arn");
        ObjectNode badId = upsert();
        ((ObjectNode) badId.get("integration")).put("external_id", "has space");
        assertThat(parse(badId).isOk()).isFalse();
        assertThat(parse(badId).detail).contains("external_id");
        ObjectNode cleared = upsert();
        ((ObjectNode) cleared.get("integration")).putNull("role_arn").putNull("external_id");
        IntegrationPatch p = parse(cleared).message.integration;
        assertThat(p.has(IntegrationPatch.ROLE_ARN)).isTrue();
        assertThat(p.applyTo(new io.trailstream.control.Integration()).roleArn).isNull();
    }

    @Test
    void upsertKeepsOnlyNamedFieldsAndTakesTopLevelTenant() {
        ObjectNode n = envelope("upsert_integration");
        n.put("tenant_id", "acme");
        n.putObject("integration").put("display_name", "renamed").putNull("prefix");
        ParsedControl p = parse(n);
        assertThat(p.isOk()).as(p.reasonText()).isTrue();
        assertThat(p.message.integration.fields).containsExactly("tenant_id", "display_name", "prefix");
        assertThat(p.message.integration.tenantId).isEqualTo("acme");
        assertThat(p.message.integration.prefix).isNull();
    }

    @Test
    void upsertNormalizesPrefixSlashes() {
        ObjectNode n = upsert();
        ((ObjectNode) n.get("integration")).put("prefix", "/a/b/");
        assertThat(parse(n).message.integration.prefix).isEqualTo("a/b");
    }

    @Test
    void upsertWithDisagreeingTenantsIsRejected() {
        ObjectNode n = upsert();
        n.put("tenant_id", "other");
        assertRejected(n, RejectReason.BAD_FIELD, "differs");
    }

    @Test
    void setStatusReadsEachSettableStatus() {
        for (String s : List.of("active", "suspended", "disconnected", "SUSPENDED")) {
            ObjectNode n = envelope("set_status").put("status", s);
            ParsedControl p = parse(n);
            assertThat(p.isOk()).as(p.reasonText()).isTrue();
            assertThat(p.message.status.wireName()).isEqualTo(s.toLowerCase());
        }
    }

    @Test
    void accountKinds() {
        ObjectNode set = envelope("set_accounts");
        set.putArray("accounts").add("333333333333").add("111111111111").add("333333333333");
        assertThat(parse(set).message.accounts).containsExactly("111111111111", "333333333333");

        ObjectNode all = envelope("set_accounts");
        all.putNull("accounts");
        ParsedControl p = parse(all);
        assertThat(p.isOk()).isTrue();
        assertThat(p.message.accounts).as("null = all accounts").isNull();

        for (String kind : List.of("add_accounts", "remove_accounts")) {
            ObjectNode n = envelope(kind);
            n.putArray("accounts").add("123456789012");
            ParsedControl q = parse(n);
            assertThat(q.isOk()).as(q.reasonText()).isTrue();
            assertThat(q.message.kind.wireName()).isEqualTo(kind);
            assertThat(q.message.accounts).containsExactly("123456789012");
            ObjectNode nul = envelope(kind);
            nul.putNull("accounts");
            assertRejected(nul, RejectReason.BAD_FIELD, "accounts");
        }
    }

    @Test
    void deleteAndLicenceKinds() {
        ParsedControl del = parse(envelope("delete_integration"));
        assertThat(del.isOk()).isTrue();
        assertThat(del.message.targetId()).isEqualTo("acme-prod");

        ParsedControl expired = parse(envelope("licence_expired"));
        assertThat(expired.isOk()).isTrue();
        assertThat(expired.message.integrationId).isNull();
        assertThat(expired.message.targetId()).isEqualTo("acme");

        ParsedControl renewed = parse(envelope("licence_renewed"));
        assertThat(renewed.message.validUntilMillis).isZero();
        ParsedControl renewedUntil = parse(envelope("licence_renewed").put("valid_until", "2027-01-01T00:00:00Z"));
        assertThat(renewedUntil.message.validUntilMillis).isEqualTo(WireTime.parseMillis("2027-01-01T00:00:00Z"));

        ParsedControl until = parse(envelope("licence_valid_until").put("valid_until", "2027-01-01T01:00:00+01:00"));
        assertThat(until.isOk()).as(until.reasonText()).isTrue();
        assertThat(until.message.validUntilMillis).isEqualTo(WireTime.parseMillis("2027-01-01T00:00:00Z"));
        ObjectNode clear = envelope("licence_valid_until");
        clear.putNull("valid_until");
        assertThat(parse(clear).message.validUntilMillis).isZero();
    }

    @Test
    void invalidJson() {
        ParsedControl p = new ControlMessageParser().parse("{\"version\":1,", NOW);
        assertThat(p.rejection).isEqualTo(RejectReason.INVALID_JSON);
        assertThat(p.message.json).isEqualTo("{\"version\":1,");
        assertThat(new ControlMessageParser().parse("[1,2]", NOW).rejection).isEqualTo(RejectReason.INVALID_JSON);
        assertThat(new ControlMessageParser().parse("", NOW).rejection).isEqualTo(RejectReason.INVALID_JSON);
        assertThat(new ControlMessageParser().parse((byte[]) null, NOW).rejection)
                .isEqualTo(RejectReason.INVALID_JSON);
        assertThat(new ControlMessageParser().parse("{} {}", NOW).rejection)
                .as("trailing tokens")
                .isEqualTo(RejectReason.INVALID_JSON);
        String dup = envelope("delete_integration").toString().replace("\"kind\"", "\"author\":\"mallory\",\"kind\"");
        assertThat(new ControlMessageParser().parse(dup, NOW).rejection)
                .as("duplicate key")
                .isEqualTo(RejectReason.INVALID_JSON);
        byte[] notUtf8 = {(byte) 0xff, (byte) 0xfe, '{', '}'};
        assertThat(new ControlMessageParser().parse(notUtf8, NOW).rejection).isEqualTo(RejectReason.INVALID_JSON);
    }

    @Test
    void hugeMessageIsRejectedUnreadAndCutForTheAudit() {
        ObjectNode n = upsert();
        n.put("padding", "x".repeat(300 * 1024));
        byte[] bytes = n.toString().getBytes(StandardCharsets.UTF_8);
        ParsedControl p = new ControlMessageParser().parse(bytes, NOW);
        assertThat(p.rejection).isEqualTo(RejectReason.TOO_LARGE);
        assertThat(p.detail).contains(String.valueOf(bytes.length)).contains("262144");
        assertThat(p.message.json).hasSizeLessThan(5000).endsWith("bytes in all]");
        assertThat(new ControlMessageParser(100, 0).parse(upsert().toString(), NOW).rejection)
                .isEqualTo(RejectReason.TOO_LARGE);
    }

    @Test
    void unknownKindAndVersion() {
        ObjectNode n = envelope("set_status").put("kind", "reboot_everything");
        ParsedControl p = parse(n);
        assertThat(p.rejection).isEqualTo(RejectReason.UNKNOWN_KIND);
        assertThat(p.detail).contains("reboot_everything").contains("upsert_integration");
        assertThat(p.message.messageId).as("named for the audit").isEqualTo("m-1");
        assertThat(p.message.author).isEqualTo("alice@ops");
        assertRejected(envelope("delete_integration").put("version", 2), RejectReason.UNSUPPORTED_VERSION, "version 2");
        assertRejected(envelope("delete_integration").put("version", "1"), RejectReason.UNSUPPORTED_VERSION, "");
        ObjectNode noVersion = envelope("delete_integration");
        noVersion.remove("version");
        assertRejected(noVersion, RejectReason.MISSING_FIELD, "version");
    }

    @Test
    void missingFields() {
        for (String field : List.of("message_id", "issued_at", "author", "kind", "integration_id")) {
            ObjectNode n = envelope("delete_integration");
            n.remove(field);
            assertRejected(n, RejectReason.MISSING_FIELD, field);
        }
        ObjectNode noTenant = envelope("licence_expired");
        noTenant.remove("tenant_id");
        assertRejected(noTenant, RejectReason.MISSING_FIELD, "tenant_id");
        assertRejected(envelope("set_status"), RejectReason.MISSING_FIELD, "status");
        assertRejected(envelope("set_accounts"), RejectReason.MISSING_FIELD, "accounts");
        assertRejected(envelope("add_accounts"), RejectReason.MISSING_FIELD, "accounts");
        assertRejected(envelope("licence_valid_until"), RejectReason.MISSING_FIELD, "valid_until");
        assertRejected(envelope("upsert_integration"), RejectReason.MISSING_FIELD, "integration");
        ObjectNode empty = envelope("upsert_integration");
        empty.putObject("integration");
        assertRejected(empty, RejectReason.MISSING_FIELD, "integration");
        ObjectNode nullId = envelope("delete_integration");
        nullId.putNull("message_id");
        assertRejected(nullId, RejectReason.MISSING_FIELD, "message_id");
    }

    @Test
    void foreignAndUnknownFields() {
        assertRejected(
                envelope("set_status").put("status", "active").put("accounts", "x"),
                RejectReason.UNKNOWN_FIELD,
                "accounts");
        assertRejected(
                envelope("licence_expired").put("integration_id", "acme-prod"),
                RejectReason.UNKNOWN_FIELD,
                "integration_id");
        assertRejected(envelope("delete_integration").put("colour", "red"), RejectReason.UNKNOWN_FIELD, "colour");
        ObjectNode typo = upsert();
        ((ObjectNode) typo.get("integration")).put("organisation_id", "o-abcdef1234");
        assertRejected(typo, RejectReason.UNKNOWN_FIELD, "integration.organisation_id");
    }

    @Test
    void badAccountIds() {
        for (String bad : List.of("12345678901", "1234567890123", "12345678901a", " 123456789012", "")) {
            ObjectNode n = envelope("add_accounts");
            n.putArray("accounts").add("123456789012").add(bad);
            assertRejected(n, RejectReason.BAD_ACCOUNT_ID, "12 digits");
        }
        ObjectNode number = envelope("add_accounts");
        number.putArray("accounts").add(123456789012L);
        assertRejected(number, RejectReason.BAD_ACCOUNT_ID, "123456789012");
        ObjectNode empty = envelope("set_accounts");
        empty.putArray("accounts");
        assertRejected(empty, RejectReason.BAD_FIELD, "empty");
        ObjectNode notList = envelope("set_accounts").put("accounts", "123456789012");
        assertRejected(notList, RejectReason.BAD_FIELD, "list");
        ObjectNode inUpsert = upsert();
        ((ObjectNode) inUpsert.get("integration")).putArray("included_accounts").add("42");
        assertRejected(inUpsert, RejectReason.BAD_ACCOUNT_ID, "integration.included_accounts");
    }

    @Test
    void badOrganizationIdBucketStatusAndIds() {
        for (String org : List.of("o-short", "O-ABCDEF1234", "abcdef1234", "o-abcdef1234_", "o-" + "a".repeat(33))) {
            ObjectNode n = upsert();
            ((ObjectNode) n.get("integration")).put("organization_id", org);
            assertRejected(n, RejectReason.BAD_ORGANIZATION_ID, "organization_id");
        }
        for (String bucket : List.of("ab", "Upper-Case", "-dash", "a..b", "192.168.1.1", "has space", "x".repeat(64))) {
            ObjectNode n = upsert();
            ((ObjectNode) n.get("integration")).put("bucket", bucket);
            assertRejected(n, RejectReason.BAD_BUCKET, "bucket");
        }
        ObjectNode folder = upsert();
        ((ObjectNode) folder.get("integration")).put("bucket", "/tmp/trails");
        assertThat(parse(folder).isOk()).as("a local folder plays the bucket").isTrue();
        assertRejected(envelope("set_status").put("status", "paused"), RejectReason.BAD_STATUS, "paused");
        assertRejected(envelope("set_status").put("status", "deleted"), RejectReason.BAD_STATUS, "delete_integration");
        ObjectNode upsertDeleted = upsert();
        ((ObjectNode) upsertDeleted.get("integration")).put("status", "deleted");
        assertRejected(upsertDeleted, RejectReason.BAD_STATUS, "delete_integration");
        assertRejected(
                envelope("delete_integration").put("integration_id", "a/b"), RejectReason.BAD_FIELD, "integration_id");
        assertRejected(
                envelope("delete_integration").put("message_id", "../etc"), RejectReason.BAD_FIELD, "message_id");
        assertRejected(envelope("delete_integration").put("author", " "), RejectReason.BAD_FIELD, "author");
        assertRejected(
                envelope("delete_integration").put("issued_at", "yesterday"), RejectReason.BAD_FIELD, "issued_at");
        assertRejected(
                envelope("delete_integration").put("issued_at", 1764237600000L), RejectReason.BAD_FIELD, "string");
        ObjectNode prefix = upsert();
        ((ObjectNode) prefix.get("integration")).put("prefix", "a//b");
        assertRejected(prefix, RejectReason.BAD_FIELD, "prefix");
    }

    @Test
    void messageFromTheFuture() {
        assertThat(parse(envelope("delete_integration").put("issued_at", "2026-11-27T10:05:00Z"))
                        .isOk())
                .as("exactly the allowed skew")
                .isTrue();
        ParsedControl p = parse(envelope("delete_integration").put("issued_at", "2026-11-27T10:05:00.001Z"));
        assertThat(p.rejection).isEqualTo(RejectReason.FROM_THE_FUTURE);
        assertThat(p.detail).contains("2026-11-27T10:05:00.001Z").contains("300 s");
        assertThat(p.message.issuedAtMillis)
                .as("kept for the audit")
                .isEqualTo(WireTime.parseMillis("2026-11-27T10:05:00.001Z"));
        assertThat(new ControlMessageParser(1000, 0)
                        .parse(
                                envelope("delete_integration")
                                        .put("issued_at", "2026-11-27T10:00:00.001Z")
                                        .toString(),
                                NOW)
                        .rejection)
                .isEqualTo(RejectReason.FROM_THE_FUTURE);
    }

    @Test
    void deeplyNestedJsonIsRejectedNotThrown() {
        String deep = "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        ParsedControl p = new ControlMessageParser().parse(deep, NOW);
        assertThat(p.rejection).isEqualTo(RejectReason.INVALID_JSON);
    }

    @Test
    void wireWriterRoundTripsEveryKind() {
        List<ObjectNode> samples = List.of(
                upsert(),
                envelope("set_status").put("status", "suspended"),
                accounts("set_accounts"),
                accounts("add_accounts"),
                accounts("remove_accounts"),
                envelope("delete_integration"),
                envelope("licence_expired"),
                envelope("licence_renewed").put("valid_until", "2027-01-01T00:00:00Z"),
                envelope("licence_valid_until").put("valid_until", "2027-01-01T00:00:00Z"));
        assertThat(samples)
                .extracting(n -> n.get("kind").asText())
                .containsExactlyInAnyOrder(java.util.Arrays.stream(ControlKind.values())
                        .map(ControlKind::wireName)
                        .toArray(String[]::new));
        for (ObjectNode n : samples) {
            ControlMessage m = parse(n).message;
            String wire = ControlJson.toWire(m);
            ParsedControl again = new ControlMessageParser().parse(wire, NOW);
            assertThat(again.isOk()).as(wire + " " + again.reasonText()).isTrue();
            m.json = wire;
            assertThat(again.message).isEqualTo(m);
        }
    }

    private static ObjectNode accounts(String kind) {
        ObjectNode n = envelope(kind);
        n.putArray("accounts").add("111111111111");
        return n;
    }

    private static void assertRejected(ObjectNode n, RejectReason reason, String detailPart) {
        ParsedControl p = parse(n);
        assertThat(p.rejection).as(n + " -> " + p.reasonText()).isEqualTo(reason);
        assertThat(p.detail).contains(detailPart);
        assertThat(p.message).isNotNull();
        assertThat(p.message.json).isEqualTo(n.toString());
    }
}
