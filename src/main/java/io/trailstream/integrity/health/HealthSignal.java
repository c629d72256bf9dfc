package io.trailstream.integrity.health;

/**
 * One observation about an integration, for its health: an object read or refused (from its ledger row), or a
 * digest chain that delivers or has a gap (from the chain operator). Keyed by {@link #integrationId} downstream;
 * {@link #accountId} and {@link #region} say which part of the integration (both null: all of it). A Flink POJO.
 */
public class HealthSignal {
    public String integrationId;
    public String accountId;
    public String region;
    public HealthSignalKind kind;
    public String reason;
    /** When it was observed (processing time, epoch millis). */
    public long atMillis;
    /** For reads: the object ({@code scheme}, bucket, key), so a disconnected integration can be probed with it. */
    public String scheme;

    public String bucket;
    public String key;

    public HealthSignal() {}

    public static HealthSignal of(
            String integrationId, String accountId, String region, HealthSignalKind kind, String reason, long at) {
        HealthSignal s = new HealthSignal();
        s.integrationId = integrationId;
        s.accountId = accountId;
        s.region = region;
        s.kind = kind;
        s.reason = reason;
        s.atMillis = at;
        return s;
    }

    @Override
    public String toString() {
        return "HealthSignal{" + integrationId + " " + accountId + "/" + region + " " + kind + ": " + reason + "}";
    }
}
