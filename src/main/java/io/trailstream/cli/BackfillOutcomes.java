package io.trailstream.cli;

import io.trailstream.ledger.LedgerOutcome;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The ledger outcomes {@code trailstream backfill} may replay, and the reason each other one may not. A replay
 * is only safe for an object of which nothing was kept: replaying a {@code partial} object would write again
 * the records it kept, and an ingested, recorded or duplicate object is already accounted for.
 */
final class BackfillOutcomes {
    /** What may be replayed; with no {@code --outcome}, all of it. */
    static final Set<LedgerOutcome> REPLAYABLE = Arrays.stream(LedgerOutcome.values())
            .filter(LedgerOutcome::replayable)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(LedgerOutcome.class)));

    private static final Map<LedgerOutcome, String> REFUSED = Map.of(
            LedgerOutcome.PARTIAL, "the records it kept would be written again",
            LedgerOutcome.INGESTED, "it was ingested",
            LedgerOutcome.RECORDED, "it is recorded from its key by design, never parsed",
            LedgerOutcome.DUPLICATE,
                    "a duplicate row stands for an earlier notification of the object, whose own row counts",
            LedgerOutcome.CORRUPT,
                    "its bytes are not readable; CloudTrail never rewrites a file, so a replay ends the same",
            LedgerOutcome.NOT_CLOUDTRAIL, "it is not a CloudTrail log file; a replay ends the same");

    private BackfillOutcomes() {}

    /**
     * The outcomes named by {@code --outcome} (comma-separated ledger names), or {@link #REPLAYABLE} for null.
     *
     * @throws IllegalArgumentException naming the value that is no ledger outcome, or one that may not be replayed
     */
    static Set<LedgerOutcome> parse(String option) {
        if (option == null) return EnumSet.copyOf(REPLAYABLE);
        Set<LedgerOutcome> out = EnumSet.noneOf(LedgerOutcome.class);
        for (String part : option.split(",", -1)) {
            String name = part.strip();
            LedgerOutcome outcome = byLedgerName(name);
            if (outcome == null) {
                throw new IllegalArgumentException("--outcome: '" + name
                        + "' is not a ledger outcome that can be replayed (" + names(REPLAYABLE) + ")");
            }
            if (!REPLAYABLE.contains(outcome)) {
                throw new IllegalArgumentException(
                        "--outcome: '" + name + "' objects are not replayed: " + REFUSED.get(outcome));
            }
            out.add(outcome);
        }
        return out;
    }

    /** The ledger names of {@code outcomes}, comma-separated, in declaration order. */
    static String names(Set<LedgerOutcome> outcomes) {
        return outcomes.stream().map(LedgerOutcome::ledgerName).collect(Collectors.joining(","));
    }

    private static LedgerOutcome byLedgerName(String name) {
        return LedgerOutcome.fromLedgerName(name);
    }
}
