package io.trailstream.integrity.health;

/**
 * One row of the {@code integration_health} table: a part of an integration (an account and region, or the whole
 * integration when both are null) changed health, since when and why. Emitted on changes only; the latest row per
 * integration, account and region is the current health. A Flink POJO.
 */
public class IntegrationHealth {
    public String integrationId;
    public String accountId;
    public String region;
    public HealthStatus status;
    /** The status before this change; null for the first row of a part. */
    public HealthStatus previousStatus;
    /** When the status began (the observation that caused it). */
    public long sinceMillis;

    public String reason;
    public long recordedAtMillis;

    public IntegrationHealth() {}

    @Override
    public String toString() {
        return "IntegrationHealth{" + integrationId + " " + accountId + "/" + region + " " + status + " since "
                + sinceMillis + ": " + reason + "}";
    }
}
