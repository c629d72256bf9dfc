package io.trailstream.record;

import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.StringData;

/**
 * The free-form JSON columns of the record being read, copied as they arrived. Their bytes are part of the record's
 * {@code raw}, so they can hold insignificant whitespace only where {@code raw} does: CloudTrail writes compact
 * JSON, and the usual record is then scanned for whitespace once, as {@code raw}, instead of once more for every
 * JSON column inside it. Only a record whose {@code raw} had whitespace has its JSON columns compacted too.
 */
final class JsonColumns {
    private GenericRowData[] rows = new GenericRowData[8];
    private int[] positions = new int[8];
    private byte[][] copies = new byte[8][];
    private int count;

    /** Forgets the previous record's columns. */
    void clear() {
        for (int i = 0; i < count; i++) {
            rows[i] = null;
            copies[i] = null;
        }
        count = 0;
    }

    /** Notes that {@code row}'s column {@code position} holds {@code copy}, not compacted yet. */
    void add(GenericRowData row, int position, byte[] copy) {
        if (count == rows.length) {
            rows = java.util.Arrays.copyOf(rows, count * 2);
            positions = java.util.Arrays.copyOf(positions, count * 2);
            copies = java.util.Arrays.copyOf(copies, count * 2);
        }
        rows[count] = row;
        positions[count] = position;
        copies[count] = copy;
        count++;
    }

    /** Compacts every noted column in place of its copy (the record's {@code raw} had whitespace). */
    void compact() {
        for (int i = 0; i < count; i++) {
            byte[] compacted = JsonCompactor.compacted(copies[i]);
            if (compacted != copies[i]) rows[i].setField(positions[i], StringData.fromBytes(compacted));
        }
    }
}
