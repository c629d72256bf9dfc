package io.trailstream.it;

import io.trailstream.testing.CompletedCheckpoints;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.iceberg.data.Record;

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
     * Polls {@code table}'s committed rows until {@code done} holds for them, and returns them; fails when the job
     * ends or {@code timeout} passes, with the rows seen last.
     */
    static List<Record> awaitRows(
            JobClient job, Warehouse warehouse, String table, Predicate<List<Record>> done, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Record> rows = List.of();
        while (System.nanoTime() < deadline) {
            if (job.getJobStatus().get(10, TimeUnit.SECONDS).isGloballyTerminalState()) {
                job.getJobExecutionResult().get(10, TimeUnit.SECONDS); // throws the job's failure
                throw new AssertionError("the job ended while waiting on " + table);
            }
            if (warehouse.count(table) > 0) {
                rows = warehouse.rows(table);
                if (done.test(rows)) return rows;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("timed out after " + timeout + " waiting on " + table + ": " + rows);
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
