package io.trailstream.iceberg;

import java.util.List;

/** The tables trailstream writes, as bootstrap creates them. */
public final class TrailTables {
    private TrailTables() {}

    public static final TableDefinition EVENTS =
            new TableDefinition("events", EventsTable.schema(), EventsTable.partitionSpec(), EventsTable.properties());
    public static final TableDefinition INSIGHTS = new TableDefinition(
            "insights", EventsTable.schema(), EventsTable.partitionSpec(), EventsTable.properties());
    public static final TableDefinition OBJECTS =
            new TableDefinition(LedgerTable.NAME, LedgerTable.SCHEMA, LedgerTable.SPEC);
    public static final TableDefinition DEAD_LETTERS =
            new TableDefinition(DeadLettersTable.NAME, DeadLettersTable.SCHEMA, DeadLettersTable.SPEC);

    public static final TableDefinition CONTROL_AUDIT =
            new TableDefinition(ControlAuditTable.NAME, ControlAuditTable.SCHEMA, ControlAuditTable.SPEC);
    public static final TableDefinition INTEGRATIONS =
            new TableDefinition(IntegrationsTable.NAME, IntegrationsTable.SCHEMA, IntegrationsTable.SPEC);

    public static final TableDefinition INTEGRITY =
            new TableDefinition(IntegrityTable.NAME, IntegrityTable.SCHEMA, IntegrityTable.SPEC);

    public static final TableDefinition INTEGRATION_HEALTH = new TableDefinition(
            IntegrationHealthTable.NAME, IntegrationHealthTable.SCHEMA, IntegrationHealthTable.SPEC);

    /** Every table trailstream writes. */
    public static List<TableDefinition> all() {
        return List.of(
                EVENTS, INSIGHTS, OBJECTS, DEAD_LETTERS, CONTROL_AUDIT, INTEGRATIONS, INTEGRITY, INTEGRATION_HEALTH);
    }
}
