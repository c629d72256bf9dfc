package io.trailstream.control;

import java.util.Objects;

/**
 * A customer's licence as the job knows it: expired by hand, or bounded by a valid-until instant.
 *
 * <p>It exists so that licence changes are one message per tenant instead of one per integration: the
 * integrations keep their own status and the licence is combined with it when a decision is made (see
 * {@link LicencePolicy}). It lives in Flink broadcast state, so it is a Flink POJO.
 */
public class Tenant implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public String tenantId;
    /** Set by {@code licence_expired}, cleared by {@code licence_renewed}. */
    public boolean licenceExpired;
    /** The licence lapses at this instant (epoch millis); 0 means no such bound. */
    public long validUntilMillis;
    /** Issue time (epoch millis) of the last control message applied; orders messages per tenant. */
    public long updatedAtMillis;
    /** Id of the last control message applied, for idempotence. */
    public String lastMessageId;

    public Tenant() {}

    /** A tenant with a valid, unbounded licence and no history. */
    public static Tenant of(String tenantId) {
        Tenant t = new Tenant();
        t.tenantId = tenantId;
        return t;
    }

    public Tenant copy() {
        Tenant c = new Tenant();
        c.tenantId = tenantId;
        c.licenceExpired = licenceExpired;
        c.validUntilMillis = validUntilMillis;
        c.updatedAtMillis = updatedAtMillis;
        c.lastMessageId = lastMessageId;
        return c;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof Tenant)) return false;
        Tenant t = (Tenant) o;
        return licenceExpired == t.licenceExpired
                && validUntilMillis == t.validUntilMillis
                && updatedAtMillis == t.updatedAtMillis
                && Objects.equals(tenantId, t.tenantId)
                && Objects.equals(lastMessageId, t.lastMessageId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenantId, licenceExpired, validUntilMillis);
    }

    @Override
    public String toString() {
        return "Tenant{" + tenantId + (licenceExpired ? " expired" : " licensed")
                + (validUntilMillis == 0 ? "" : " until=" + java.time.Instant.ofEpochMilli(validUntilMillis)) + "}";
    }
}
