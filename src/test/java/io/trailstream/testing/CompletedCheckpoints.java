package io.trailstream.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.checkpoint.CheckpointStatsSnapshot;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.runtime.minicluster.MiniCluster;

/**
 * Waiting for a running job's checkpoints instead of sleeping: the latest completed checkpoint as the
 * MiniCluster's checkpoint coordinator reports it (uncached, unlike the REST API's statistics).
 *
 * <p>Why "{@code n} more completed checkpoints" settles a job: a checkpoint completes only once every task,
 * the Iceberg committers and our test collectors included, has acknowledged it, and each of those tasks
 * handled the previous checkpoint's completion notice (where commits happen) before it took the next
 * barrier. So after checkpoint {@code c + 2} completed, everything emitted before the barrier of {@code c + 1}
 * is committed: a late row or a duplicate of what the test waited for would be visible now. Get the cluster
 * with {@code @InjectMiniCluster MiniCluster} from Flink's {@code MiniClusterExtension}.
 */
public final class CompletedCheckpoints {
    /** How many more checkpoints "settled" takes: two would do (see above), one more for margin. */
    public static final int SETTLE = 3;

    private final MiniCluster cluster;

    public CompletedCheckpoints(MiniCluster cluster) {
        this.cluster = cluster;
    }

    /** The id of the job's latest completed checkpoint; 0 when none has completed yet. */
    public long latest(JobID job) throws Exception {
        CheckpointStatsSnapshot stats =
                cluster.getExecutionGraph(job).get(10, TimeUnit.SECONDS).getCheckpointStatsSnapshot();
        if (stats == null) return 0;
        CompletedCheckpointStats latest = stats.getHistory().getLatestCompletedCheckpoint();
        return latest == null ? 0 : latest.getCheckpointId();
    }

    /**
     * Waits until {@code more} checkpoints beyond the latest completed one have completed.
     *
     * @return the id of the latest completed checkpoint then
     * @throws AssertionError when the job ends first (with its failure as the cause) or the timeout passes
     */
    public long awaitMore(JobClient job, int more, Duration timeout) throws Exception {
        long target = latest(job.getJobID()) + more;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JobStatus status = job.getJobStatus().get(10, TimeUnit.SECONDS);
            if (status.isGloballyTerminalState()) {
                job.getJobExecutionResult().get(10, TimeUnit.SECONDS); // throws the job's failure
                throw new AssertionError("job ended " + status + " while waiting for checkpoint " + target);
            }
            long reached = latest(job.getJobID());
            if (reached >= target) return reached;
            if (System.nanoTime() > deadline) {
                throw new AssertionError("checkpoint " + target + " did not complete within " + timeout
                        + "; the latest completed is " + reached);
            }
            Thread.sleep(50);
        }
    }

    /** {@link #awaitMore} with {@link #SETTLE} checkpoints and a minute to take them. */
    public long settle(JobClient job) throws Exception {
        return awaitMore(job, SETTLE, Duration.ofMinutes(1));
    }
}
