package io.trailstream.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailstream.control.Integration;
import io.trailstream.control.apply.ApplyOutcome;
import io.trailstream.control.apply.ControlAudit;
import io.trailstream.control.message.ControlJson;
import io.trailstream.control.message.WireTime;
import io.trailstream.iceberg.IntegrationPurge;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The {@code control_audit} entry of one {@code trailstream integration purge}: kind {@code purge}, reason code
 * {@code purged} (or {@code nothing_to_purge} when the tables held none of the integration's rows), the counts
 * per table in the reason and, as JSON, in the message column; the integration's (deleted) state before and after.
 */
final class PurgeAudit {
    static final String KIND = "purge";
    static final String PURGED = "purged";
    static final String NOTHING = "nothing_to_purge";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PurgeAudit() {}

    static ControlAudit of(
            Integration integration, List<IntegrationPurge.Count> deleted, String author, long nowMillis) {
        long records =
                deleted.stream().mapToLong(IntegrationPurge.Count::records).sum();
        long files = deleted.stream().mapToLong(IntegrationPurge.Count::files).sum();
        ControlAudit a = new ControlAudit();
        a.messageId = "purge-" + UUID.randomUUID();
        a.kind = KIND;
        a.integrationId = integration.integrationId;
        a.tenantId = integration.tenantId;
        a.author = author;
        a.issuedAtMillis = nowMillis;
        a.receivedAtMillis = nowMillis;
        a.outcome = ApplyOutcome.APPLIED;
        a.reasonCode = files == 0 ? NOTHING : PURGED;
        a.reason = "deleted " + describe(integration.integrationId, deleted)
                + "; the ledger and the audit keep their rows";
        ObjectNode m = MAPPER.createObjectNode();
        m.put("kind", KIND);
        m.put("integration_id", integration.integrationId);
        m.put("issued_at", WireTime.format(nowMillis));
        m.put("author", author);
        ObjectNode tables = m.putObject("deleted");
        for (IntegrationPurge.Count c : deleted) {
            tables.putObject(c.table()).put("data_files", c.files()).put("records", c.records());
        }
        m.put("records", records);
        a.message = m.toString();
        a.stateBefore = ControlJson.integration(integration);
        a.stateAfter = a.stateBefore;
        return a;
    }

    /** {@code 120 records (3 data files) of integration x: events 100 (2), insights 20 (1)}. */
    static String describe(String integrationId, List<IntegrationPurge.Count> counts) {
        long records =
                counts.stream().mapToLong(IntegrationPurge.Count::records).sum();
        long files = counts.stream().mapToLong(IntegrationPurge.Count::files).sum();
        return records + " records (" + files + " data files) of integration " + integrationId + ": "
                + counts.stream()
                        .map(c -> c.table() + " " + c.records() + " (" + c.files() + ")")
                        .collect(Collectors.joining(", "));
    }
}
