package io.trailstream.control.apply;

import io.trailstream.control.Integration;
import io.trailstream.control.IntegrationStatus;
import io.trailstream.control.LicencePolicy;
import io.trailstream.control.Tenant;
import java.util.Locale;

/**
 * One integration's state as recorded at a moment, and what made the record: an entry of the integrations'
 * history (the {@code integrations} table). It carries what the licence rule derives at that moment (whether
 * the tenant's licence holds, the status the integration behaves with), so the table shows decisions, not
 * just inputs. The {@code iceberg} package turns it into a row. A Flink POJO.
 */
public class IntegrationSnapshot {
    /** What made a record: the {@code change} column. */
    public enum Change {
        /** A control message on the integration. */
        CONTROL_MESSAGE,
        /** A control message on its tenant's licence. */
        LICENCE,
        /** Its tenant's licence passed its valid-until. */
        LICENCE_LAPSED,
        /** The job config, at start, for an integration no message changed. */
        CONFIG;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The integration's state (a copy). */
    public Integration integration;
    /** Whether its tenant's licence held at {@link #recordedAtMillis}. */
    public boolean licenceValid;
    /** The tenant's licence bound (epoch millis), 0 for none. */
    public long licenceValidUntilMillis;
    /** The status the integration behaves with: its own, or suspended while its tenant is unlicensed. */
    public IntegrationStatus effectiveStatus;

    public Change change;
    /** The control message that made the record, or null. */
    public String messageId;

    public long recordedAtMillis;
    /**
     * Orders the records of one job's control operator, also within one millisecond: it rises by one with each
     * record. Zero for the config's records at start, which precede every message.
     */
    public long sequence;

    public IntegrationSnapshot() {}

    /** {@code integration} under {@code tenant}'s licence (null: licensed) at {@code recordedAtMillis}. */
    public static IntegrationSnapshot of(
            Integration integration, Tenant tenant, Change change, String messageId, long recordedAtMillis) {
        IntegrationSnapshot s = new IntegrationSnapshot();
        s.integration = integration.copy();
        s.licenceValid = LicencePolicy.isValid(tenant, recordedAtMillis);
        s.licenceValidUntilMillis = tenant == null ? 0 : tenant.validUntilMillis;
        s.effectiveStatus = LicencePolicy.effectiveStatus(integration, tenant, recordedAtMillis);
        s.change = change;
        s.messageId = messageId;
        s.recordedAtMillis = recordedAtMillis;
        return s;
    }

    @Override
    public String toString() {
        return "IntegrationSnapshot{" + integration.integrationId + " " + effectiveStatus.wireName() + " by "
                + change.wireName() + "}";
    }
}
