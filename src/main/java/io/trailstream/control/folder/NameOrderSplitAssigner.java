package io.trailstream.control.folder;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.PriorityQueue;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.assigners.FileSplitAssigner;

/**
 * Hands out a control folder's files in name order, so messages dropped in as
 * {@code <issued-at>-<id>.json} are applied in the order they were issued (the file source's default
 * assigner gives no order).
 */
public class NameOrderSplitAssigner implements FileSplitAssigner {
    private static final Comparator<FileSourceSplit> BY_NAME = Comparator.comparing(
                    (FileSourceSplit s) -> s.path().getName())
            .thenComparing(s -> s.path().toString());

    private final PriorityQueue<FileSourceSplit> splits = new PriorityQueue<>(BY_NAME);

    public NameOrderSplitAssigner(Collection<FileSourceSplit> initial) {
        splits.addAll(initial);
    }

    @Override
    public Optional<FileSourceSplit> getNext(String hostname) {
        return Optional.ofNullable(splits.poll());
    }

    @Override
    public void addSplits(Collection<FileSourceSplit> newSplits) {
        splits.addAll(newSplits);
    }

    @Override
    public Collection<FileSourceSplit> remainingSplits() {
        return new ArrayList<>(splits);
    }

    /** The provider the file source builder takes. */
    public static Provider provider() {
        return NameOrderSplitAssigner::new;
    }
}
