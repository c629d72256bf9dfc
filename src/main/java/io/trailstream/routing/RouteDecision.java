package io.trailstream.routing;

import io.trailstream.control.Integration;
import java.util.List;
import java.util.Objects;

/**
 * What routing decided for one object, and what the per-record check after parsing needs from it:
 * the integration's include-list and the key's account. It travels with the object from routing to
 * fetching and parsing, so it is a Flink POJO; the include-list is a copy taken at decision time.
 */
public class RouteDecision {
    public RouteOutcome outcome;
    /** The integration the object is attributed to; null when unrouted. */
    public String integrationId;

    public String tenantId;
    /** Why, naming the integration and the account: for the ledger and logs. */
    public String reason;
    /** The include-list to apply per record; null means all accounts. */
    public List<String> includedAccounts;
    /** The account segment of the key, null if the key has none. */
    public String keyAccountId;
    /** The role the integration's objects are read as (and its external id); null: the job's own credentials. */
    public String roleArn;

    public String externalId;

    public RouteDecision() {}

    static RouteDecision of(RouteOutcome outcome, Integration integration, String keyAccountId, String reason) {
        RouteDecision d = new RouteDecision();
        d.outcome = outcome;
        d.reason = reason;
        d.keyAccountId = keyAccountId;
        if (integration != null) {
            d.integrationId = integration.integrationId;
            d.tenantId = integration.tenantId;
            d.roleArn = integration.roleArn;
            d.externalId = integration.externalId;
            d.includedAccounts = integration.includedAccounts == null
                    ? null
                    : new java.util.ArrayList<>(integration.includedAccounts);
        }
        return d;
    }

    public boolean isFetch() {
        return outcome == RouteOutcome.FETCH;
    }

    /** The ledger outcome, e.g. {@code skipped_suspended}. */
    public String ledgerName() {
        return outcome.ledgerName();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof RouteDecision)) return false;
        RouteDecision d = (RouteDecision) o;
        return outcome == d.outcome
                && Objects.equals(integrationId, d.integrationId)
                && Objects.equals(tenantId, d.tenantId)
                && Objects.equals(reason, d.reason)
                && Objects.equals(includedAccounts, d.includedAccounts)
                && Objects.equals(keyAccountId, d.keyAccountId)
                && Objects.equals(roleArn, d.roleArn)
                && Objects.equals(externalId, d.externalId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(outcome, integrationId, keyAccountId);
    }

    @Override
    public String toString() {
        return ledgerName() + " (" + reason + ")";
    }
}
