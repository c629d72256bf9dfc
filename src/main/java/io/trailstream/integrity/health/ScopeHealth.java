package io.trailstream.integrity.health;

/** The health of one part of an integration (an account and region, or the whole of it), in keyed map state. */
public class ScopeHealth {
    public String accountId;
    public String region;
    public HealthStatus status = HealthStatus.HEALTHY;
    public long sinceMillis;
    public String reason;

    public ScopeHealth() {}

    /** The map key of a part: {@code account/region}, or {@code *} for the whole integration. */
    public static String scopeOf(String accountId, String region) {
        return accountId == null && region == null
                ? "*"
                : (accountId == null ? "" : accountId) + "/" + (region == null ? "" : region);
    }
}
