package io.trailstream.routing;

import io.trailstream.ledger.LedgerOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The decision on one notified object before it is downloaded. Everything but {@link #FETCH} is final
 * and goes to the ledger as the {@link LedgerOutcome} it names; a fetched object's ledger row is written
 * after the fetch. The mapping is declared with each constant, so the compiler checks it.
 */
public enum RouteOutcome {
    FETCH(null),
    SKIPPED_SUSPENDED(LedgerOutcome.SKIPPED_SUSPENDED),
    SKIPPED_DISCONNECTED(LedgerOutcome.SKIPPED_DISCONNECTED),
    SKIPPED_DELETED(LedgerOutcome.SKIPPED_DELETED),
    /** The integration is active but its tenant's licence is expired or past its valid-until. */
    SKIPPED_LICENCE(LedgerOutcome.SKIPPED_LICENCE),
    /** The key's Organization segment is not the integration's Organization (or one has none). */
    SKIPPED_ORGANIZATION(LedgerOutcome.SKIPPED_ORGANIZATION),
    /** The key's account is outside the integration's include-list. */
    SKIPPED_ACCOUNT(LedgerOutcome.SKIPPED_ACCOUNT),
    /** No integration claims the bucket and key. */
    UNROUTED(LedgerOutcome.UNROUTED);

    private final LedgerOutcome ledgerOutcome;

    RouteOutcome(LedgerOutcome ledgerOutcome) {
        this.ledgerOutcome = ledgerOutcome;
    }

    /** {@code fetch}, or the ledger name of the outcome: {@code skipped_suspended}, …, {@code unrouted}. */
    public String ledgerName() {
        return ledgerOutcome == null ? name().toLowerCase(Locale.ROOT) : ledgerOutcome.ledgerName();
    }

    /**
     * The ledger outcome of an object routing decided not to fetch.
     *
     * @throws IllegalStateException for {@link #FETCH}: a fetched object's outcome is the fetch's
     */
    public LedgerOutcome ledgerOutcome() {
        if (ledgerOutcome == null) throw new IllegalStateException("a fetched object's ledger outcome is the fetch's");
        return ledgerOutcome;
    }

    /**
     * The decisions routing counts for the objects of an integration: {@code fetch}, every skip, and the
     * {@code duplicate} and {@code recorded} it writes itself ({@code unrouted} objects have no integration).
     */
    public static List<String> countedDecisions() {
        List<String> out = new ArrayList<>();
        for (RouteOutcome o : values()) if (o != UNROUTED) out.add(o.ledgerName());
        out.add(LedgerOutcome.DUPLICATE.ledgerName());
        out.add(LedgerOutcome.RECORDED.ledgerName());
        return List.copyOf(out);
    }

    public boolean isFetch() {
        return this == FETCH;
    }
}
