package io.trailstream.integrity.dedupe;

import io.trailstream.ledger.LedgerRow;

/** An object's ledger row waiting for its records' dedupe acks, and the acks counted so far. A Flink POJO. */
public class PendingLedgerRow {
    /** Null while acks came first. */
    public LedgerRow row;

    public long acks;
    public long dropped;

    public PendingLedgerRow() {}
}
