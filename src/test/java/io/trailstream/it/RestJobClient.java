package io.trailstream.it;

import io.trailstream.cluster.FlinkRestClient;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;

/**
 * A job on a separate-process cluster seen through the REST API as a Flink {@link JobClient}, so that the
 * waits the in-JVM tests use ({@link JobRuns}) work unchanged on a cluster. The execution result of a failed
 * job throws its root exception as the JobManager reports it.
 */
final class RestJobClient implements JobClient {
    private final FlinkRestClient rest;
    private final String jobId;

    RestJobClient(FlinkRestClient rest, String jobId) {
        this.rest = rest;
        this.jobId = jobId;
    }

    String id() {
        return jobId;
    }

    FlinkRestClient rest() {
        return rest;
    }

    @Override
    public JobID getJobID() {
        return JobID.fromHexString(jobId);
    }

    @Override
    public CompletableFuture<JobStatus> getJobStatus() {
        return CompletableFuture.supplyAsync(() -> JobStatus.valueOf(rest.jobState(jobId)));
    }

    @Override
    public CompletableFuture<Void> cancel() {
        return CompletableFuture.runAsync(() -> {
            rest.cancel(jobId);
            rest.awaitJobState(jobId, "CANCELED", java.time.Duration.ofMinutes(1));
        });
    }

    @Override
    public CompletableFuture<String> stopWithSavepoint(boolean drain, String directory, SavepointFormatType type) {
        return CompletableFuture.supplyAsync(
                () -> rest.stopWithSavepoint(jobId, directory, java.time.Duration.ofMinutes(2)));
    }

    @Override
    public CompletableFuture<String> triggerSavepoint(String directory, SavepointFormatType type) {
        throw new UnsupportedOperationException("the cluster tests stop with a savepoint");
    }

    @Override
    public CompletableFuture<Map<String, Object>> getAccumulators() {
        return CompletableFuture.completedFuture(Map.of());
    }

    @Override
    public CompletableFuture<JobExecutionResult> getJobExecutionResult() {
        return CompletableFuture.supplyAsync(() -> {
            String state = rest.jobState(jobId);
            if (state.equals("FAILED")) {
                throw new IllegalStateException("job " + jobId + " failed: " + rest.rootException(jobId));
            }
            return new JobExecutionResult(getJobID(), 0, Map.of());
        });
    }
}
