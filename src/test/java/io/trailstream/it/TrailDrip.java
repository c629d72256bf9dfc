package io.trailstream.it;

import io.trailstream.control.Integration;
import io.trailstream.job.TrailstreamOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;

/**
 * One integration's trail folder fed to an unbounded job a few files at a time, each step only once the job has
 * committed the previous one: so every step is a commit of its own (many small commits, as a long-running job
 * makes). Files are written to a staging folder first and moved in whole.
 */
final class TrailDrip {
    final String integrationId;
    final Path bucket;
    private final Path staging;
    private final String account;
    private final List<String> keys = new ArrayList<>();
    private final List<Integer> recordsPerKey = new ArrayList<>();
    private final Set<String> eventIds = new HashSet<>();
    private int delivered;
    private boolean countByJob = true;

    TrailDrip(String integrationId, Path bucket, Path staging, String account) {
        this.integrationId = integrationId;
        this.bucket = bucket;
        this.staging = staging;
        this.account = account;
    }

    /** Writes {@code files} log files of {@code records} records each into the staging folder. */
    void prepare(TrailData data, int files, int records) throws Exception {
        Files.createDirectories(bucket);
        for (int i = 0; i < files; i++) {
            String key = data.logKey(null, null, account, "us-east-1", 8 * 60 + keys.size());
            List<String> lines = new ArrayList<>();
            for (int r = 0; r < records; r++) {
                String record = data.record(account, "us-east-1");
                lines.add(record);
                eventIds.add(TrailData.tree(record).path("eventID").asText());
            }
            Path file = staging.resolve(key);
            Files.createDirectories(file.getParent());
            Files.write(file, TrailData.gzip(TrailData.logFile(lines)));
            keys.add(key);
            recordsPerKey.add(records);
        }
    }

    /**
     * Waits on the tables' totals rather than on the sum of the job's own commits: for a job whose history
     * expiry shortens. Only when no other job writes to the tables.
     */
    TrailDrip countingTableTotals() {
        countByJob = false;
        return this;
    }

    /** The configuration of an unbounded local run over this folder, checkpointing often. */
    Configuration watching(Configuration catalog) {
        Configuration conf = CatalogJobRun.localRun(bucket, catalog);
        conf.set(TrailstreamOptions.LOCAL_WATCH_INTERVAL, Duration.ofMillis(100));
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(200));
        return conf;
    }

    JobClient start(Configuration conf) throws Exception {
        return CatalogJobRun.start(conf, List.of(integration()), "drip " + integrationId);
    }

    Integration integration() {
        return Integration.of(integrationId, bucket.toString(), null);
    }

    /** Moves every staged file in, {@code perStep} at a time, each step once the previous one is committed. */
    void drip(Warehouse tables, JobClient job, int perStep) {
        drip(tables, job, perStep, keys.size() - delivered);
    }

    /**
     * Moves {@code count} more staged files in, {@code perStep} at a time, each step once {@code job} has
     * committed the previous one (counted from the files this call moved: a restored job is a new job).
     */
    void drip(Warehouse tables, JobClient job, int perStep, int count) {
        int from = delivered;
        int end = Math.min(keys.size(), delivered + count);
        try {
            long objectsBefore = countByJob ? 0 : tables.count("objects");
            long eventsBefore = countByJob ? 0 : tables.count("events");
            while (delivered < end) {
                int until = Math.min(end, delivered + perStep);
                for (int i = delivered; i < until; i++) {
                    Path target = bucket.resolve(keys.get(i));
                    Files.createDirectories(target.getParent());
                    Files.move(staging.resolve(keys.get(i)), target, StandardCopyOption.ATOMIC_MOVE);
                }
                delivered = until;
                int records = recordsPerKey.subList(from, delivered).stream()
                        .mapToInt(Integer::intValue)
                        .sum();
                awaitCommitted(tables, job, "objects", objectsBefore + delivered - from);
                awaitCommitted(tables, job, "events", eventsBefore + records);
            }
        } catch (Exception e) {
            throw new IllegalStateException(integrationId + ": " + e.getMessage(), e);
        }
    }

    /**
     * Waits until {@code job} has committed {@code n} rows to {@code table}, by its snapshots' summaries (the
     * tables commit one after the other on the same checkpoint).
     */
    private void awaitCommitted(Warehouse tables, JobClient job, String table, long n) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        String jobId = job.getJobID().toString();
        while (true) {
            if (job.getJobStatus().get(10, TimeUnit.SECONDS).isGloballyTerminalState()) {
                job.getJobExecutionResult().get(10, TimeUnit.SECONDS);
                throw new AssertionError(integrationId + ": the job ended");
            }
            long committed = !countByJob
                    ? tables.count(table)
                    : tables.snapshots(table).stream()
                            .filter(s -> jobId.equals(s.summary().get("flink.job-id")))
                            .mapToLong(s -> Long.parseLong(s.summary().getOrDefault("added-records", "0")))
                            .sum();
            if (committed >= n) return;
            if (System.nanoTime() > deadline) {
                throw new AssertionError(integrationId + ": " + committed + " of " + n + " rows committed to " + table);
            }
            Thread.sleep(50);
        }
    }

    /** What the folder holds once every staged file is in. */
    CatalogJobRun.Trail trail() {
        return new CatalogJobRun.Trail(bucket, integrationId, keys.size(), eventIds, Set.of());
    }
}
