package io.trailstream.object;

import io.trailstream.ledger.LedgerOutcome;
import io.trailstream.ledger.ReadFailure;
import io.trailstream.object.store.ObjectAccessDeniedException;
import io.trailstream.object.store.ObjectFetchException;
import io.trailstream.object.store.ObjectMissingException;

/**
 * What a store's refusal to give an object means for its ledger row: the outcome ({@code missing}, {@code
 * access_denied}, else {@code fetch_failed}) and the kind of read failure, in one place for every download path.
 */
final class FetchFailures {
    private FetchFailures() {}

    /** {@code missing}, {@code access_denied} (the object's or the read role's refusal), else {@code fetch_failed}. */
    static LedgerOutcome outcomeOf(ObjectFetchException e) {
        if (e instanceof ObjectMissingException) return LedgerOutcome.MISSING;
        if (e instanceof ObjectAccessDeniedException) return LedgerOutcome.ACCESS_DENIED;
        return LedgerOutcome.FETCH_FAILED;
    }

    static ReadFailure readFailure(ObjectFetchException e) {
        if (e instanceof ObjectMissingException) {
            return ((ObjectMissingException) e).bucketMissing() ? ReadFailure.NO_SUCH_BUCKET : ReadFailure.NOT_FOUND;
        }
        switch (e.reason()) {
            case ACCESS_DENIED:
                return ReadFailure.ACCESS_DENIED;
            case THROTTLED:
                return ReadFailure.THROTTLED;
            case TRANSIENT:
                return ReadFailure.TRANSIENT;
            case INVALID_REF:
                return ReadFailure.INVALID_REF;
            case NOT_FOUND:
                return ReadFailure.NOT_FOUND;
            default:
                return ReadFailure.FAILED;
        }
    }
}
