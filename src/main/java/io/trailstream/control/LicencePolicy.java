package io.trailstream.control;

/**
 * The licence rule: an integration is fetched iff its own status is active and its tenant's licence is
 * valid now. Deriving this instead of storing it is what lets a renewal resume exactly the
 * integrations that ops did not suspend by hand, and a valid-until take effect with no message.
 */
public final class LicencePolicy {
    private LicencePolicy() {}

    /** Whether {@code tenant}'s licence holds at {@code nowMillis}; a tenant with no record is licensed. */
    public static boolean isValid(Tenant tenant, long nowMillis) {
        if (tenant == null) return true;
        if (tenant.licenceExpired) return false;
        return tenant.validUntilMillis == 0 || nowMillis < tenant.validUntilMillis;
    }

    /** Whether objects of {@code integration} are downloaded at {@code nowMillis}. */
    public static boolean isFetched(Integration integration, Tenant tenant, long nowMillis) {
        return integration != null && integration.status == IntegrationStatus.ACTIVE && isValid(tenant, nowMillis);
    }

    /**
     * The status the integration behaves with: its own, except that an active integration of a tenant
     * without a valid licence behaves as suspended.
     */
    public static IntegrationStatus effectiveStatus(Integration integration, Tenant tenant, long nowMillis) {
        if (integration.status == IntegrationStatus.ACTIVE && !isValid(tenant, nowMillis))
            return IntegrationStatus.SUSPENDED;
        return integration.status;
    }

    /**
     * When the licence will lapse by itself, for a timer: its valid-until if that is still ahead of
     * {@code nowMillis} and the licence is not already expired by hand, else -1.
     */
    public static long nextLapseMillis(Tenant tenant, long nowMillis) {
        if (tenant == null || tenant.licenceExpired || tenant.validUntilMillis == 0) return -1;
        return tenant.validUntilMillis > nowMillis ? tenant.validUntilMillis : -1;
    }

    /**
     * Whether the licence lapsed by its valid-until in {@code (fromExclusive, toInclusive]}: lets a
     * caller without timers notice lapses whenever it next runs.
     */
    public static boolean lapsedBetween(Tenant tenant, long fromExclusive, long toInclusive) {
        if (tenant == null || tenant.licenceExpired || tenant.validUntilMillis == 0) return false;
        return tenant.validUntilMillis > fromExclusive && tenant.validUntilMillis <= toInclusive;
    }
}
