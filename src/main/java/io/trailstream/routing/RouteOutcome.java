package io.trailstream.routing;

import java.util.Locale;

/**
 * The decision on one notified object before it is downloaded. Everything but {@link #FETCH} is final
 * and goes to the objects ledger as it is; a fetched object's ledger row is written after the fetch.
 */
public enum RouteOutcome {
    FETCH,
    SKIPPED_SUSPENDED,
    SKIPPED_DISCONNECTED,
    SKIPPED_DELETED,
    /** The integration is active but its tenant's licence is expired or past its valid-until. */
    SKIPPED_LICENCE,
    /** The key's Organization segment is not the integration's Organization (or one has none). */
    SKIPPED_ORGANIZATION,
    /** The key's account is outside the integration's include-list. */
    SKIPPED_ACCOUNT,
    /** No integration claims the bucket and key. */
    UNROUTED;

    /** The ledger outcome: {@code fetch}, {@code skipped_suspended}, …, {@code unrouted}. */
    public String ledgerName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isFetch() {
        return this == FETCH;
    }
}
