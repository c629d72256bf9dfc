package io.trailstream.control.apply;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailstream.control.ControlUpdate;
import io.trailstream.control.Integration;
import io.trailstream.control.IntegrationStatus;
import io.trailstream.control.Json;
import io.trailstream.control.message.ControlMessage;
import io.trailstream.control.message.ControlMessageParser;
import io.trailstream.control.message.InitialIntegrations;
import io.trailstream.control.message.IntegrationPatch;
import io.trailstream.iceberg.ControlAuditTable;
import io.trailstream.iceberg.IntegrationsTable;
import io.trailstream.input.DeadLetter;
import io.trailstream.input.RawMessage;
import io.trailstream.testing.ControlOps;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.RowData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The control applier as Flink runs it (keyed process operator, one key, processing-time timers), through
 * Flink's test harness: valid messages become broadcast updates, audit rows and {@code integrations} rows;
 * bad input becomes a rejected audit row and a dead letter and nothing else; redelivered and stale messages
 * change nothing; a licence's valid_until writes its lapse; a snapshot restores all of it.
 */
class ControlApplyFunctionTest {
    private static final long T0 = Json.NOW;
    private static final String ORG = "o-abcdef1234";
    private static final String A = "111111111111";
    private static final String B = "222222222222";

    private KeyedOneInputStreamOperatorTestHarness<String, RawMessage, ControlUpdate> harness;
    private ControlOps ops;
    private long now = T0;
    private int origin;

    private final List<ControlUpdate> updates = new ArrayList<>();
    private final List<RowData> audit = new ArrayList<>();
    private final List<RowData> integrationRows = new ArrayList<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                function(), e -> ControlApplyFunction.KEY, Types.STRING);
        harness.setProcessingTime(now);
        ops = new ControlOps(InitialIntegrations.none(), () -> now);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    private static ControlApplyFunction function() {
        return new ControlApplyFunction(
                InitialIntegrations.none(),
                ControlMessageParser.DEFAULT_MAX_BYTES,
                ControlMessageParser.DEFAULT_MAX_FUTURE_SKEW_MILLIS);
    }

    // ---- valid messages ---------------------------------------------------------------------------

    @Test
    void validMessagesBecomeUpdatesAuditRowsAndIntegrationRows() throws Exception {
        drain();
        ControlMessage create = organization("acme-org", A, B);
        send(create);
        assertThat(updates).hasSize(1);
        Integration after = updates.get(0).integration;
        assertThat(updates.get(0).tenant).isNull();
        assertThat(after.integrationId).isEqualTo("acme-org");
        assertThat(after.tenantId).isEqualTo("acme");
        assertThat(after.organizationId).isEqualTo(ORG);
        assertThat(after.includedAccounts).containsExactly(A, B);
        assertThat(after.status).isEqualTo(IntegrationStatus.ACTIVE);
        assertThat(after.lastMessageId).isEqualTo(create.messageId);
        assertThat(after.updatedAtMillis).isEqualTo(create.issuedAtMillis);

        assertThat(audit).hasSize(1);
        RowData a = audit.get(0);
        assertThat(str(a, 0)).isEqualTo(create.messageId);
        assertThat(str(a, 1)).isEqualTo("upsert_integration");
        assertThat(str(a, 2)).isEqualTo("acme-org");
        assertThat(str(a, 3)).isEqualTo("acme");
        assertThat(str(a, 4)).isEqualTo("ops@test");
        assertThat(a.getTimestamp(5, 6).getMillisecond()).isEqualTo(create.issuedAtMillis);
        assertThat(a.getTimestamp(6, 6).getMillisecond()).isEqualTo(now);
        assertThat(str(a, 7)).isEqualTo("applied");
        assertThat(str(a, 8)).isEqualTo("applied");
        assertThat(str(a, 10)).isEqualTo(create.json);
        assertThat(a.isNullAt(11)).as("no state before").isTrue();
        assertThat(Json.MAPPER.readTree(str(a, 12)).get("included_accounts").toString())
                .isEqualTo("[\"" + A + "\",\"" + B + "\"]");

        assertThat(integrationRows).hasSize(1);
        RowData i = integrationRows.get(0);
        assertThat(str(i, 0)).isEqualTo("acme-org");
        assertThat(str(i, 1)).isEqualTo("acme");
        assertThat(str(i, 3)).isEqualTo("acme-trail");
        assertThat(str(i, 5)).isEqualTo(ORG);
        assertThat(strings(i.getArray(6))).containsExactly(A, B);
        assertThat(str(i, 7)).isEqualTo("active");
        assertThat(i.getBoolean(8)).isTrue();
        assertThat(i.isNullAt(9)).isTrue();
        assertThat(str(i, 10)).isEqualTo("active");
        assertThat(str(i, 12)).isEqualTo(create.messageId);
        assertThat(str(i, 13)).isEqualTo("control_message");
        assertThat(deadLetters).isEmpty();

        // A licence message updates the tenant and writes one row per live integration of it.
        send(ops.messages()
                .upsert("acme-plain", new IntegrationPatch().tenantId("acme").bucket("acme-plain-trail")));
        send(ops.messages()
                .upsert("gone", new IntegrationPatch().tenantId("acme").bucket("gone-trail")));
        send(ops.messages().delete("gone"));
        drain();
        ControlMessage expire = ops.messages().expireLicence("acme");
        send(expire);
        assertThat(updates).hasSize(1);
        assertThat(updates.get(0).integration).isNull();
        assertThat(updates.get(0).tenant.tenantId).isEqualTo("acme");
        assertThat(updates.get(0).tenant.licenceExpired).isTrue();
        assertThat(audit).hasSize(1);
        assertThat(str(audit.get(0), 1)).isEqualTo("licence_expired");
        assertThat(str(audit.get(0), 2)).as("no integration on a licence row").isNull();
        assertThat(str(audit.get(0), 3)).isEqualTo("acme");
        assertThat(str(audit.get(0), 7)).isEqualTo("applied");
        assertThat(integrationRows).extracting(r -> str(r, 0)).containsExactlyInAnyOrder("acme-org", "acme-plain");
        for (RowData r : integrationRows) {
            assertThat(str(r, 7)).as("own status unchanged").isEqualTo("active");
            assertThat(r.getBoolean(8)).isFalse();
            assertThat(str(r, 10)).isEqualTo("suspended");
            assertThat(str(r, 12)).isEqualTo(expire.messageId);
            assertThat(str(r, 13)).isEqualTo("licence");
        }
    }

    @Test
    void configIntegrationsAreTheStartingState() throws Exception {
        harness.close();
        Integration seeded = Integration.of("seeded", "seeded-trail", "trails");
        InitialIntegrations seeds = InitialIntegrations.of(List.of(seeded));
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new ControlApplyFunction(
                        seeds,
                        ControlMessageParser.DEFAULT_MAX_BYTES,
                        ControlMessageParser.DEFAULT_MAX_FUTURE_SKEW_MILLIS),
                e -> ControlApplyFunction.KEY,
                Types.STRING);
        harness.setProcessingTime(now);
        ops = new ControlOps(seeds, () -> now);

        ControlMessage suspend = ops.messages().suspend("seeded");
        send(suspend);
        assertThat(updates).hasSize(1);
        assertThat(updates.get(0).integration.status).isEqualTo(IntegrationStatus.SUSPENDED);
        assertThat(updates.get(0).integration.prefix)
                .as("the rest comes from the config")
                .isEqualTo("trails");
        assertThat(Json.MAPPER.readTree(str(audit.get(0), 11)).get("status").asText())
                .isEqualTo("active");
        assertThat(integrationRows)
                .extracting(r -> str(r, 7) + " " + str(r, 13))
                .containsExactly("suspended control_message");

        drain();
        send(ops.messages().expireLicence("seeded"));
        assertThat(integrationRows)
                .as("the config's integration belongs to its tenant")
                .extracting(r -> str(r, 0))
                .containsExactly("seeded");
    }

    // ---- bad input --------------------------------------------------------------------------------

    @Test
    void invalidJsonIsRejected() throws Exception {
        assertRejected("{\"version\":1,", "invalid_json");
    }

    @Test
    void unknownKindIsRejected() throws Exception {
        ObjectNode n = Json.envelope("pause_integration");
        assertRejected(n.toString(), "unknown_kind");
    }

    @Test
    void missingFieldIsRejected() throws Exception {
        ObjectNode n = Json.envelope("set_status");
        n.remove("author");
        n.put("status", "suspended");
        assertRejected(n.toString(), "missing_field");
    }

    @Test
    void badAccountIdsAreRejected() throws Exception {
        send(organization("acme-prod", A));
        drain();
        ObjectNode n = Json.envelope("add_accounts");
        n.putArray("accounts").add("12345").add(A);
        assertRejected(n.toString(), "bad_account_id");
    }

    @Test
    void unknownIntegrationIsRejected() throws Exception {
        ObjectNode n = Json.envelope("set_status");
        n.put("status", "suspended");
        RowData row = assertRejected(n.toString(), "unknown_integration");
        assertThat(str(row, 0)).isEqualTo("m-1");
        assertThat(str(row, 2)).isEqualTo("acme-prod");
    }

    @Test
    void messageFromTheFutureIsRejected() throws Exception {
        ObjectNode n = Json.envelope("set_status");
        n.put("issued_at", Instant.ofEpochMilli(now + 6 * 60_000).toString());
        n.put("status", "suspended");
        assertRejected(n.toString(), "from_the_future");
    }

    @Test
    void hugeMessageIsRejectedAndCut() throws Exception {
        ObjectNode n = Json.upsert();
        n.with("integration").put("display_name", "x".repeat(300 * 1024));
        String text = n.toString();
        RowData row = assertRejected(text, "too_large");
        assertThat(str(row, 10))
                .as("the audit keeps the head")
                .startsWith(text.substring(0, 4096))
                .hasSizeLessThan(4200);
        assertThat(deadLetters.get(0).payloadBytes).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void emptyAndBinaryInputIsRejected() throws Exception {
        assertRejected("", "invalid_json");
        assertRejected(new byte[] {(byte) 0xff, 0, 1, 2}, "invalid_json");
        assertRejected("[1,2]", "invalid_json");
    }

    @Test
    void aRejectedMessageDoesNotDisturbTheNextOne() throws Exception {
        send("{oops".getBytes(StandardCharsets.UTF_8));
        ControlMessage create = organization("acme-org", A);
        send(create);
        assertThat(updates).hasSize(1);
        assertThat(audit).extracting(r -> str(r, 7)).containsExactly("rejected", "applied");
        assertThat(deadLetters).hasSize(1);
    }

    // ---- idempotence and order -------------------------------------------------------------------

    @Test
    void theSameMessageTwiceIsADuplicate() throws Exception {
        ControlMessage create = organization("acme-org", A);
        send(create);
        drain();
        send(create);
        assertThat(updates).as("no update").isEmpty();
        assertThat(integrationRows).isEmpty();
        assertThat(deadLetters).as("a redelivery is not bad input").isEmpty();
        assertThat(audit).hasSize(1);
        assertThat(str(audit.get(0), 7)).isEqualTo("duplicate");
        assertThat(str(audit.get(0), 8)).isEqualTo("duplicate");
        assertThat(str(audit.get(0), 11)).isEqualTo(str(audit.get(0), 12));

        drain();
        ControlMessage expire = ops.messages().expireLicence("acme");
        send(expire);
        drain();
        send(expire);
        assertThat(updates).isEmpty();
        assertThat(audit).extracting(r -> str(r, 7)).containsExactly("duplicate");
    }

    @Test
    void aStaleMessageIsIgnored() throws Exception {
        ControlMessage create = organization("acme-org", A);
        now += 60_000;
        ControlMessage suspend = ops.messages().suspend("acme-org");
        now += 60_000;
        ControlMessage accounts = ops.messages().setAccounts("acme-org", List.of(B));
        send(create);
        send(accounts);
        drain();

        send(suspend);
        assertThat(updates).as("older than the last change: no update").isEmpty();
        assertThat(integrationRows).isEmpty();
        assertThat(deadLetters).isEmpty();
        assertThat(audit).hasSize(1);
        assertThat(str(audit.get(0), 7)).isEqualTo("ignored_stale");
        assertThat(str(audit.get(0), 8)).isEqualTo("stale");

        ControlMessage newer = ops.messages().suspend("acme-org");
        send(newer);
        assertThat(updates).hasSize(1);
        assertThat(updates.get(0).integration.status).isEqualTo(IntegrationStatus.SUSPENDED);
        assertThat(updates.get(0).integration.includedAccounts)
                .as("the newer change stands")
                .containsExactly(B);
    }

    // ---- valid_until -----------------------------------------------------------------------------------

    @Test
    void validUntilTimerWritesLapseRows() throws Exception {
        long validUntil = T0 + 3_600_000;
        send(organization("acme-org", A));
        send(ops.messages()
                .upsert("acme-plain", new IntegrationPatch().tenantId("acme").bucket("acme-plain-trail")));
        send(ops.messages().licenceValidUntil("acme", Instant.ofEpochMilli(validUntil)));
        drain();

        advanceTo(validUntil - 1);
        assertThat(audit).isEmpty();
        advanceTo(validUntil);
        assertThat(updates)
                .as("routing compares valid_until itself: nothing to broadcast")
                .isEmpty();
        assertThat(audit).hasSize(1);
        RowData lapse = audit.get(0);
        assertThat(str(lapse, 0)).isEqualTo("lapse-acme-" + validUntil);
        assertThat(str(lapse, 1)).isEqualTo("licence_lapsed");
        assertThat(str(lapse, 3)).isEqualTo("acme");
        assertThat(str(lapse, 4)).isEqualTo("trailstream");
        assertThat(lapse.getTimestamp(5, 6).getMillisecond()).isEqualTo(validUntil);
        assertThat(lapse.getTimestamp(6, 6).getMillisecond()).isEqualTo(validUntil);
        assertThat(str(lapse, 7)).isEqualTo("applied");
        assertThat(str(lapse, 8)).isEqualTo("licence_lapsed");
        assertThat(str(lapse, 9))
                .isEqualTo(
                        "the licence of tenant acme lapsed at 2026-11-27T11:00:00Z: its active integrations are skipped");
        assertThat(integrationRows).extracting(r -> str(r, 0)).containsExactlyInAnyOrder("acme-org", "acme-plain");
        for (RowData r : integrationRows) {
            assertThat(str(r, 7)).isEqualTo("active");
            assertThat(r.getBoolean(8)).isFalse();
            assertThat(r.getTimestamp(9, 6).getMillisecond()).isEqualTo(validUntil);
            assertThat(str(r, 10)).isEqualTo("suspended");
            assertThat(str(r, 13)).isEqualTo("licence_lapsed");
            assertThat(r.getTimestamp(14, 6).getMillisecond()).isEqualTo(validUntil);
        }
        assertThat(deadLetters).isEmpty();

        advanceTo(validUntil + 86_400_000);
        assertThat(audit).as("a lapse is written once").isEmpty();
    }

    @Test
    void aMovedValidUntilLapsesOnlyAtTheNewInstant() throws Exception {
        long first = T0 + 3_600_000;
        long second = T0 + 7_200_000;
        send(organization("acme-org", A));
        send(ops.messages().licenceValidUntil("acme", Instant.ofEpochMilli(first)));
        send(ops.messages().renewLicence("acme", Instant.ofEpochMilli(second)));
        drain();

        advanceTo(first);
        assertThat(audit).as("the old bound was replaced").isEmpty();
        assertThat(integrationRows).isEmpty();
        advanceTo(second);
        assertThat(audit).extracting(r -> str(r, 0)).containsExactly("lapse-acme-" + second);
        assertThat(integrationRows).hasSize(1);

        // Expired by hand before its bound: no lapse row at the bound.
        long third = second + 3_600_000;
        send(ops.messages().renewLicence("acme", Instant.ofEpochMilli(third)));
        send(ops.messages().expireLicence("acme"));
        drain();
        advanceTo(third);
        assertThat(audit).isEmpty();
    }

    // ---- snapshot and restore -------------------------------------------------------------------------

    @Test
    void snapshotRestoreKeepsTheState() throws Exception {
        long validUntil = T0 + 3_600_000;
        ControlMessage create = organization("acme-org", A, B);
        send(create);
        ControlMessage validUntilMessage = ops.messages().licenceValidUntil("acme", Instant.ofEpochMilli(validUntil));
        send(validUntilMessage);
        drain();

        OperatorSubtaskState snapshot = harness.snapshot(1L, now);
        harness.close();
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(function()), e -> ControlApplyFunction.KEY, Types.STRING, 1, 1, 0);
        harness.setProcessingTime(now);
        harness.initializeState(snapshot);
        harness.open();

        send(create);
        assertThat(audit)
                .extracting(r -> str(r, 7))
                .as("the integration's last message id was restored")
                .containsExactly("duplicate");
        drain();
        send(validUntilMessage);
        assertThat(audit).extracting(r -> str(r, 7)).as("the tenant's too").containsExactly("duplicate");
        drain();

        ControlMessage remove = ops.messages().removeAccounts("acme-org", List.of(B));
        send(remove);
        assertThat(updates).hasSize(1);
        assertThat(updates.get(0).integration.includedAccounts)
                .as("applied to the restored state")
                .containsExactly(A);
        assertThat(updates.get(0).integration.organizationId).isEqualTo(ORG);
        JsonNode before = Json.MAPPER.readTree(str(audit.get(0), 11));
        assertThat(before.get("last_message_id").asText()).isEqualTo(create.messageId);
        assertThat(integrationRows).hasSize(1);
        assertThat(integrationRows.get(0).getTimestamp(9, 6).getMillisecond())
                .as("the row reads the restored tenant")
                .isEqualTo(validUntil);

        advanceTo(validUntil);
        assertThat(audit)
                .extracting(r -> str(r, 1))
                .as("the valid_until timer was restored")
                .containsExactly("licence_lapsed");
        assertThat(integrationRows).extracting(r -> str(r, 13)).containsExactly("licence_lapsed");
    }

    @Test
    void integrationRowsOfOneMillisecondRiseInSequenceAcrossARestore() throws Exception {
        send(organization("acme-org", A, B));
        send(ops.messages().expireLicence("acme"));
        List<Long> sequences = new ArrayList<>();
        for (RowData r : integrationRows) sequences.add(r.getLong(15));
        assertThat(integrationRows)
                .extracting(r -> r.getTimestamp(14, 6).getMillisecond())
                .containsOnly(now);
        assertThat(sequences).containsExactly(1L, 2L);

        OperatorSubtaskState snapshot = harness.snapshot(1L, now);
        harness.close();
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(function()), e -> ControlApplyFunction.KEY, Types.STRING, 1, 1, 0);
        harness.setProcessingTime(now);
        harness.initializeState(snapshot);
        harness.open();
        drain();
        send(ops.messages().renewLicence("acme", null));
        assertThat(integrationRows).extracting(r -> r.getLong(15)).containsExactly(3L);
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private ControlMessage organization(String id, String... accounts) {
        return ops.messages()
                .upsert(
                        id,
                        new IntegrationPatch()
                                .tenantId("acme")
                                .displayName("ACME")
                                .bucket("acme-trail")
                                .organizationId(ORG)
                                .includedAccounts(Arrays.asList(accounts)));
    }

    /** Sends {@code text}; it must be rejected with {@code code} and leave nothing but an audit row and a dead letter. */
    private RowData assertRejected(String text, String code) throws Exception {
        return assertRejected(text.getBytes(StandardCharsets.UTF_8), code);
    }

    private RowData assertRejected(byte[] bytes, String code) throws Exception {
        drain();
        send(bytes);
        assertThat(updates).as("no update").isEmpty();
        assertThat(integrationRows).isEmpty();
        assertThat(audit).hasSize(1);
        RowData row = audit.get(0);
        assertThat(str(row, 7)).isEqualTo("rejected");
        assertThat(str(row, 8)).isEqualTo(code);
        assertThat(str(row, 9)).isNotBlank();
        assertThat(row.getTimestamp(6, 6).getMillisecond()).isEqualTo(now);
        assertThat(deadLetters).hasSize(1);
        DeadLetter d = deadLetters.get(0);
        assertThat(d.stream).isEqualTo("control");
        assertThat(d.origin).isEqualTo("test:" + origin);
        assertThat(d.reason).startsWith(code + ": ");
        assertThat(d.payloadBytes).isEqualTo(bytes.length);
        return row;
    }

    private void send(ControlMessage m) throws Exception {
        send(ControlOps.wire(m));
    }

    private void send(byte[] bytes) throws Exception {
        harness.processElement(new RawMessage(bytes, "test:" + (++origin), now), now);
        collect();
    }

    private void advanceTo(long t) throws Exception {
        drain();
        now = t;
        harness.setProcessingTime(t);
        collect();
    }

    private void drain() {
        collect();
        updates.clear();
        audit.clear();
        integrationRows.clear();
        deadLetters.clear();
    }

    private void collect() {
        updates.addAll(harness.extractOutputValues());
        harness.getOutput().clear();
        // Audit entries and integration snapshots as the topology turns them into table rows.
        for (ControlAudit a : taken(ControlApplyFunction.AUDIT)) audit.add(ControlAuditTable.toRow(a));
        for (IntegrationSnapshot s : taken(ControlApplyFunction.INTEGRATIONS))
            integrationRows.add(IntegrationsTable.toRow(s));
        take(ControlApplyFunction.DEAD_LETTERS, deadLetters);
    }

    private <T> List<T> taken(org.apache.flink.util.OutputTag<T> tag) {
        List<T> out = new ArrayList<>();
        take(tag, out);
        return out;
    }

    private <T> void take(org.apache.flink.util.OutputTag<T> tag, List<T> into) {
        ConcurrentLinkedQueue<StreamRecord<T>> side = harness.getSideOutput(tag);
        if (side == null) return;
        for (StreamRecord<T> r : side) into.add(r.getValue());
        side.clear();
    }

    private static String str(RowData row, int pos) {
        return row.isNullAt(pos) ? null : row.getString(pos).toString();
    }

    private static List<String> strings(ArrayData a) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) out.add(a.getString(i).toString());
        return out;
    }
}
