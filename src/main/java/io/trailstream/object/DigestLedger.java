package io.trailstream.object;

import io.trailstream.ledger.LedgerOutcome;
import io.trailstream.ledger.LedgerRow;

/** The ledger row of a digest file that was fetched whole and handed to verification: {@code recorded}. */
final class DigestLedger {
    private DigestLedger() {}

    static LedgerRow row(DownloadedObject d) {
        LedgerRow row = LedgerRow.of(
                d.task.ref,
                d.task.trailKey,
                d.task.integrationId,
                LedgerOutcome.RECORDED,
                "digest file, fetched for verification (see the integrity table)");
        row.compressedBytes = d.bytes.length;
        if (d.eTag != null) row.eTag = d.eTag;
        row.noteReplay(d.task.ref);
        return row;
    }
}
