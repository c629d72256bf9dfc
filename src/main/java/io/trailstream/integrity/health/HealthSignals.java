package io.trailstream.integrity.health;

import io.trailstream.ledger.LedgerRow;
import io.trailstream.ledger.ReadFailure;

/** What a ledger row says of its integration's health: a read that worked, one that was refused, or just an arrival. */
public final class HealthSignals {
    private HealthSignals() {}

    /** The signal of {@code row}, or null for objects of no integration. */
    public static HealthSignal of(LedgerRow row) {
        if (row.integrationId == null) return null;
        HealthSignalKind kind;
        String reason;
        if (row.readFailure == ReadFailure.ACCESS_DENIED) {
            kind = HealthSignalKind.ACCESS_DENIED;
            reason = "reading " + row.uri() + " was refused: " + row.reason;
        } else if (row.readFailure == ReadFailure.NO_SUCH_BUCKET) {
            kind = HealthSignalKind.NO_SUCH_BUCKET;
            reason = "bucket " + row.bucket + " does not exist: " + row.reason;
        } else if (isRead(row)) {
            kind = HealthSignalKind.READ_OK;
            reason = row.uri() + " read";
        } else {
            kind = HealthSignalKind.NOTIFIED;
            reason = row.uri() + " " + row.outcome;
        }
        HealthSignal s =
                HealthSignal.of(row.integrationId, row.accountId, row.region, kind, reason, row.processedAtMillis);
        s.scheme = row.scheme;
        s.bucket = row.bucket;
        s.key = row.key;
        return s;
    }

    private static boolean isRead(LedgerRow row) {
        switch (row.outcome) {
            case INGESTED:
            case PARTIAL:
            case CORRUPT:
            case NOT_CLOUDTRAIL:
                return true;
            case MISSING:
                // Told "no such key": the request was allowed.
                return row.readFailure == ReadFailure.NOT_FOUND;
            default:
                return false;
        }
    }
}
