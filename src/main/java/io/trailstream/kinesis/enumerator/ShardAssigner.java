package io.trailstream.kinesis.enumerator;

import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;

/**
 * Picks the reader for a shard that is ready: the one with the fewest unfinished shards, ties
 * broken by rotating through the readers, so shards spread evenly and a reshard's children do not
 * all land on reader 0.
 */
final class ShardAssigner {

    private int lastChosen = -1;

    /**
     * @param readers registered reader subtasks (not empty)
     * @param loads unfinished shards per reader; readers missing from it have none
     */
    int pick(Collection<Integer> readers, Map<Integer, Integer> loads) {
        TreeSet<Integer> sorted = new TreeSet<>(readers);
        int minLoad = Integer.MAX_VALUE;
        for (int reader : sorted) {
            minLoad = Math.min(minLoad, loads.getOrDefault(reader, 0));
        }
        // The first least-loaded reader after the last one chosen, wrapping around.
        Integer chosen = null;
        for (int reader : sorted.tailSet(lastChosen, false)) {
            if (loads.getOrDefault(reader, 0) == minLoad) {
                chosen = reader;
                break;
            }
        }
        if (chosen == null) {
            for (int reader : sorted) {
                if (loads.getOrDefault(reader, 0) == minLoad) {
                    chosen = reader;
                    break;
                }
            }
        }
        lastChosen = chosen;
        return chosen;
    }
}
