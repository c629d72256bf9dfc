package io.trailstream.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailstream.control.ControlState;
import io.trailstream.control.ControlView;
import io.trailstream.control.Integration;
import io.trailstream.control.IntegrationStatus;
import io.trailstream.control.Tenant;
import io.trailstream.control.apply.ApplyResult;
import io.trailstream.control.apply.ControlApplier;
import io.trailstream.control.apply.ControlAudit;
import io.trailstream.control.apply.IntegrationSnapshot;
import io.trailstream.control.apply.IntegrationSnapshots;
import io.trailstream.control.message.ControlKind;
import io.trailstream.control.message.ControlMessage;
import io.trailstream.control.message.ControlMessageParser;
import io.trailstream.control.message.ParsedControl;
import io.trailstream.control.message.WireTime;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.data.RowData;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.flink.sink.RowDataTaskWriterFactory;
import org.apache.iceberg.hadoop.HadoopTables;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.TaskWriter;
import org.apache.iceberg.io.WriteResult;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two control tables: their schemas, and their rows written through Iceberg's Flink writer and read back. */
class ControlTablesTest {
    private static final long NOW = WireTime.parseMillis("2026-11-27T10:00:00Z");
    private static final long T0 = NOW - 3_600_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void schemasHaveStableFieldIds() {
        assertThat(ControlAuditTable.SCHEMA.columns())
                .extracting(Types.NestedField::name)
                .containsExactly(
                        "message_id",
                        "kind",
                        "integration_id",
                        "tenant_id",
                        "author",
                        "issued_at",
                        "received_at",
                        "outcome",
                        "reason_code",
                        "reason",
                        "message",
                        "state_before",
                        "state_after");
        assertThat(ControlAuditTable.SCHEMA.columns())
                .extracting(Types.NestedField::fieldId)
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
        assertThat(IntegrationsTable.SCHEMA
                        .findField("included_accounts")
                        .type()
                        .asListType()
                        .elementId())
                .isEqualTo(16);
        assertThat(IntegrationsTable.SCHEMA.findField("sequence").fieldId()).isEqualTo(17);
        assertThat(IntegrationsTable.SCHEMA.highestFieldId()).isEqualTo(19);
        assertThat(IntegrationsTable.SCHEMA.findField("role_arn").fieldId()).isEqualTo(18);
        assertThat(IntegrationsTable.SCHEMA.findField("external_id").fieldId()).isEqualTo(19);
        assertThat(IntegrationsTable.SCHEMA.findField("role_arn").isOptional()).isTrue();
        assertThat(ControlAuditTable.ROW_TYPE.getFieldCount()).isEqualTo(13);
        assertThat(IntegrationsTable.ROW_TYPE.getFieldNames())
                .contains("effective_status", "licence_valid", "recorded_at");
        assertThat(ControlAuditTable.ROW_TYPE.getTypeAt(6).asSummaryString()).isEqualTo("TIMESTAMP_LTZ(6) NOT NULL");
    }

    @Test
    void auditRowsRoundTripThroughIceberg() throws Exception {
        ControlState state = new ControlState();
        ControlApplier applier = new ControlApplier();
        ControlMessageParser parser = new ControlMessageParser();
        List<RowData> rows = new ArrayList<>();
        ParsedControl create = parser.parse(
                "{\"version\":1,\"message_id\":\"m-1\",\"issued_at\":\"2026-11-27T09:00:00Z\","
                        + "\"author\":\"alice@ops\",\"kind\":\"upsert_integration\",\"integration_id\":\"acme-prod\",\"integration\":"
                        + "{\"tenant_id\":\"acme\",\"bucket\":\"acme-trail\",\"organization_id\":\"o-abcdef1234\",\"included_accounts\":[\"111111111111\"]}}",
                NOW);
        ApplyResult created = applier.apply(state, create.message, NOW);
        rows.add(auditRow(created));
        ParsedControl suspend = parser.parse(
                "{\"version\":1,\"message_id\":\"m-2\",\"issued_at\":\"2026-11-27T09:30:00Z\","
                        + "\"author\":\"bob@ops\",\"kind\":\"set_status\",\"integration_id\":\"acme-prod\",\"status\":\"suspended\"}",
                NOW);
        rows.add(auditRow(applier.apply(state, suspend.message, NOW + 1)));
        ParsedControl bad = parser.parse("{\"version\":1,\"kind\":\"explode\",\"message_id\":\"m-3\"}", NOW);
        rows.add(auditRow(ApplyResult.rejectedByParser(bad, NOW + 2)));
        rows.add(auditRow(ApplyResult.rejectedByParser(parser.parse("not json", NOW), NOW + 3)));
        Tenant t = Tenant.of("acme");
        t.validUntilMillis = NOW + 4;
        rows.add(lapseRow(t, NOW + 4));

        List<Record> back = writeAndRead(ControlAuditTable.SCHEMA, rows);
        assertThat(back).hasSize(5);
        Record first = back.get(0);
        assertThat(first.getField("message_id")).isEqualTo("m-1");
        assertThat(first.getField("kind")).isEqualTo("upsert_integration");
        assertThat(first.getField("outcome")).isEqualTo("applied");
        assertThat(((OffsetDateTime) first.getField("issued_at")).toInstant().toString())
                .isEqualTo("2026-11-27T09:00:00Z");
        assertThat(first.getField("state_before")).isNull();
        JsonNode after = JSON.readTree((String) first.getField("state_after"));
        assertThat(after.get("included_accounts").get(0).asText()).isEqualTo("111111111111");
        assertThat(after.get("status").asText()).isEqualTo("active");
        assertThat(JSON.readTree((String) first.getField("message"))
                        .get("author")
                        .asText())
                .isEqualTo("alice@ops");
        Record second = back.get(1);
        assertThat(second.getField("tenant_id"))
                .as("taken from the integration")
                .isEqualTo("acme");
        assertThat(second.getField("reason")).isEqualTo("status active → suspended");
        assertThat(JSON.readTree((String) second.getField("state_before"))
                        .get("status")
                        .asText())
                .isEqualTo("active");
        assertThat(JSON.readTree((String) second.getField("state_after"))
                        .get("status")
                        .asText())
                .isEqualTo("suspended");
        Record rejected = back.get(2);
        assertThat(rejected.getField("outcome")).isEqualTo("rejected");
        assertThat(rejected.getField("reason_code")).isEqualTo("unknown_kind");
        assertThat(rejected.getField("message_id")).isEqualTo("m-3");
        assertThat(rejected.getField("kind")).isNull();
        assertThat(rejected.getField("message"))
                .isEqualTo("{\"version\":1,\"kind\":\"explode\",\"message_id\":\"m-3\"}");
        assertThat(back.get(3).getField("reason_code")).isEqualTo("invalid_json");
        assertThat(back.get(3).getField("issued_at")).isNull();
        assertThat(back.get(4).getField("kind")).isEqualTo("licence_lapsed");
        assertThat((String) back.get(4).getField("reason"))
                .contains("lapsed at 2026-11-27T10:00:00.004Z")
                .contains("skipped");
    }

    @Test
    void integrationsRowsRoundTripAndTheLatestRowIsTheCurrentState() throws Exception {
        ControlState state = new ControlState();
        ControlApplier applier = new ControlApplier();
        List<RowData> rows = new ArrayList<>();
        ControlMessage a = upsert("a", T0, "m-a");
        ControlMessage b = upsert("b", T0, "m-b");
        rows.addAll(rowsFor(applier.apply(state, a, NOW), state));
        rows.addAll(rowsFor(applier.apply(state, b, NOW + 1), state));
        ControlMessage suspendB = message(ControlKind.SET_STATUS, "b", T0 + 1, "m-s");
        suspendB.status = IntegrationStatus.SUSPENDED;
        rows.addAll(rowsFor(applier.apply(state, suspendB, NOW + 2), state));
        assertThat(rowsFor(applier.apply(state, suspendB, NOW + 3), state))
                .as("duplicate: no row")
                .isEmpty();
        ControlMessage until = message(ControlKind.LICENCE_VALID_UNTIL, "acme", T0 + 2, "m-u");
        until.validUntilMillis = NOW + 10;
        List<RowData> licenceRows = rowsFor(applier.apply(state, until, NOW + 4), state);
        assertThat(licenceRows).as("one per integration of the tenant").hasSize(2);
        rows.addAll(licenceRows);
        rows.addAll(lapseRows(state.tenant("acme"), state, NOW + 10));

        List<Record> back = writeAndRead(IntegrationsTable.SCHEMA, rows);
        assertThat(back).hasSize(7);
        Record lapseA = back.get(5);
        assertThat(lapseA.getField("integration_id")).isEqualTo("a");
        assertThat(lapseA.getField("change")).isEqualTo("licence_lapsed");
        assertThat(lapseA.getField("status")).isEqualTo("active");
        assertThat(lapseA.getField("licence_valid")).isEqualTo(false);
        assertThat(lapseA.getField("effective_status")).isEqualTo("suspended");
        assertThat(lapseA.getField("included_accounts")).isEqualTo(List.of("111111111111"));
        Record firstA = back.get(0);
        assertThat(firstA.getField("effective_status")).isEqualTo("active");
        assertThat(firstA.getField("changed_by_message_id")).isEqualTo("m-a");
        assertThat(firstA.getField("licence_valid_until")).isNull();

        ControlState current = IntegrationsTableReader.read(table);
        Integration curB = current.integration("b");
        assertThat(curB.status).isEqualTo(IntegrationStatus.SUSPENDED);
        assertThat(curB.includedAccounts).containsExactly("111111111111");
        assertThat(curB.updatedAtMillis).isEqualTo(T0 + 1);
        Tenant acme = current.tenant("acme");
        assertThat(acme.validUntilMillis).isEqualTo(NOW + 10);
        assertThat(acme.licenceExpired).as("lapsed, not expired by hand").isFalse();
        assertThat(current.integration("a").lastMessageId).isNull();
    }

    @Test
    void rowsOfTheSameMillisecondAreOrderedBySequenceWhateverTheirOrderInTheFile() throws Exception {
        // An integration added and its tenant's licence expired in one millisecond: recorded_at ties.
        ControlState state = new ControlState();
        ControlApplier applier = new ControlApplier();
        IntegrationSnapshot added = IntegrationSnapshots.of(applier.apply(state, upsert("a", T0, "m-a"), NOW), state)
                .get(0);
        ControlMessage expire = message(ControlKind.LICENCE_EXPIRED, "acme", T0 + 1, "m-x");
        IntegrationSnapshot expired = IntegrationSnapshots.of(applier.apply(state, expire, NOW), state)
                .get(0);
        added.sequence = 1;
        expired.sequence = 2;
        assertThat(added.recordedAtMillis).isEqualTo(expired.recordedAtMillis);

        // The later change written first: only the sequence can tell.
        writeAndRead(IntegrationsTable.SCHEMA, rows(List.of(expired, added)));
        ControlState current = IntegrationsTableReader.read(table);
        assertThat(current.tenant("acme").licenceExpired)
                .as("the expiry is the latest row")
                .isTrue();
    }

    @Test
    void configRowsCoverIntegrationsNoMessageChanged() {
        ControlState state = new ControlState(io.trailstream.control.message.InitialIntegrations.fromConfig(List.of(
                Map.of("integration_id", "c1", "tenant_id", "t", "bucket", "b-one"),
                Map.of("integration_id", "c2", "tenant_id", "t", "bucket", "b-two"))));
        ControlMessage del = message(ControlKind.DELETE_INTEGRATION, "c2", T0, "m-d");
        new ControlApplier().apply(state, del, NOW);
        List<RowData> rows = configRows(state, NOW);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getString(0).toString()).isEqualTo("c1");
        assertThat(rows.get(0).getString(13).toString()).isEqualTo("config");
    }

    private Table table;

    // The applier emits audit entries and integration snapshots; the tables turn them into these rows.

    private static RowData auditRow(ApplyResult r) {
        return ControlAuditTable.toRow(ControlAudit.of(r));
    }

    private static RowData lapseRow(Tenant t, long atMillis) {
        return ControlAuditTable.toRow(ControlAudit.lapse(t, atMillis));
    }

    private static List<RowData> rowsFor(ApplyResult r, ControlView view) {
        return rows(IntegrationSnapshots.of(r, view));
    }

    private static List<RowData> lapseRows(Tenant t, ControlView view, long atMillis) {
        return rows(IntegrationSnapshots.lapse(t, view, atMillis));
    }

    private static List<RowData> configRows(ControlView view, long atMillis) {
        return rows(IntegrationSnapshots.config(view, atMillis));
    }

    private static List<RowData> rows(List<IntegrationSnapshot> snapshots) {
        return snapshots.stream().map(IntegrationsTable::toRow).toList();
    }

    private List<Record> writeAndRead(Schema schema, List<RowData> rows) throws Exception {
        table = new HadoopTables(new Configuration())
                .create(schema, dir.resolve("t").toString());
        RowDataTaskWriterFactory factory = new RowDataTaskWriterFactory(
                table,
                org.apache.iceberg.flink.FlinkSchemaUtil.convert(schema),
                1L << 20,
                FileFormat.PARQUET,
                Map.of(),
                List.of(),
                false);
        factory.initialize(0, 0);
        TaskWriter<RowData> writer = factory.create();
        for (RowData r : rows) writer.write(r);
        WriteResult result = writer.complete();
        var append = table.newAppend();
        for (var f : result.dataFiles()) append.appendFile(f);
        append.commit();
        List<Record> out = new ArrayList<>();
        try (CloseableIterable<Record> it = IcebergGenerics.read(table).build()) {
            it.forEach(out::add);
        }
        return out;
    }

    private static ControlMessage message(ControlKind kind, String target, long at, String id) {
        ControlMessage m = new ControlMessage();
        m.kind = kind;
        m.messageId = id;
        m.issuedAtMillis = at;
        m.author = "alice@ops";
        if (kind.isTenantKind()) m.tenantId = target;
        else m.integrationId = target;
        return m;
    }

    private static ControlMessage upsert(String id, long at, String messageId) {
        ControlMessage m = message(ControlKind.UPSERT_INTEGRATION, id, at, messageId);
        m.integration = new io.trailstream.control.message.IntegrationPatch()
                .tenantId("acme")
                .bucket("acme-trail")
                .prefix(id)
                .organizationId("o-abcdef1234")
                .includedAccounts(List.of("111111111111"));
        m.tenantId = "acme";
        return m;
    }
}
