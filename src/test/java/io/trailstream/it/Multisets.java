package io.trailstream.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Multiset equality with a failure message that says what is missing and what is extra, not a 2 MB dump. */
final class Multisets {
    private Multisets() {}

    static <T> void assertSame(String what, List<T> actual, List<T> expected, Function<T, String> describe) {
        Map<T, Long> counts = new LinkedHashMap<>();
        expected.forEach(e -> counts.merge(e, 1L, Long::sum));
        actual.forEach(a -> counts.merge(a, -1L, Long::sum));
        List<String> missing = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        long missingCount = 0;
        long extraCount = 0;
        for (Map.Entry<T, Long> e : counts.entrySet()) {
            if (e.getValue() > 0) {
                missingCount += e.getValue();
                if (missing.size() < 10) missing.add(e.getValue() + " x " + describe.apply(e.getKey()));
            } else if (e.getValue() < 0) {
                extraCount -= e.getValue();
                if (extra.size() < 10) extra.add(-e.getValue() + " x " + describe.apply(e.getKey()));
            }
        }
        if (missingCount > 0 || extraCount > 0) {
            throw new AssertionError(String.format(
                    "%s: %d expected, %d actual; %d missing, e.g.%n  %s%n%d extra, e.g.%n  %s",
                    what,
                    expected.size(),
                    actual.size(),
                    missingCount,
                    missing.stream().collect(Collectors.joining("\n  ")),
                    extraCount,
                    extra.stream().collect(Collectors.joining("\n  "))));
        }
    }
}
