package io.trailstream.it;

import io.trailstream.testing.CompletedCheckpoints;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;

/** Waiting on an unbounded trailstream job from the outside: by what its Iceberg tables hold. */
final class JobRuns {
    private JobRuns() {}

    /**
     * Polls the committed row counts until every table holds at least its expected count, or the timeout
     * passes (the caller's assertions then say what is missing). Throws the job's failure if it ends.
     *
     * @return the counts seen last
     */
    static Map<String, Long> awaitCounts(
            JobClient job, Warehouse warehouse, Map<String, Long> expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Long> seen = new LinkedHashMap<>();
        while (true) {
            JobStatus status = job.getJobStatus().get(10, TimeUnit.SECONDS);
            if (status.isGloballyTerminalState()) {
                job.getJobExecutionResult().get(10, TimeUnit.SECONDS); // throws the job's failure
                throw new AssertionError("job ended " + status + " before its input was ingested; tables " + seen);
            }
            boolean all = true;
            for (Map.Entry<String, Long> e : expected.entrySet()) {
                long n = warehouse.count(e.getKey());
                seen.put(e.getKey(), n);
                if (n < e.getValue()) all = false;
            }
            if (all || System.nanoTime() > deadline) return seen;
            Thread.sleep(200);
        }
    }

    /**
     * Waits for a few more completed checkpoints (so a late row or a duplicate would be committed by now, see
     * {@link CompletedCheckpoints}), then cancels and returns the tables' counts.
     */
    static Map<String, Long> settleAndCancel(
            JobClient job, CompletedCheckpoints checkpoints, Warehouse warehouse, Iterable<String> tables)
            throws Exception {
        checkpoints.settle(job);
        job.cancel().get(30, TimeUnit.SECONDS);
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String t : tables) counts.put(t, warehouse.count(t));
        return counts;
    }
}
