package io.trailstream.maintenance;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * The outcome of each maintenance task of a {@code trailstream maintain} run. Iceberg's maintenance operators
 * report a task's end only as the {@code succeededTasks} / {@code failedTasks} counters of its lock remover, so
 * the embedded run registers this reporter ({@link #configure}) and reads them by job: a failed task is then
 * told, not taken for done.
 */
public final class TaskOutcomes {
    private static final String REPORTER = "metrics.reporter.trailstream_maintain.factory.class";

    static final String SUCCEEDED = "succeededTasks";
    static final String FAILED = "failedTasks";
    /** Counters by job id, table (Iceberg's name: catalog.namespace.table), task name and metric. */
    private static final Map<String, Counter> COUNTERS = new ConcurrentHashMap<>();

    private TaskOutcomes() {}

    /** Succeeded and failed runs of a task, as counted by Iceberg. */
    public record Outcome(long succeeded, long failed) {
        public boolean ok() {
            return succeeded > 0 && failed == 0;
        }
    }

    /** Registers the reporter in the configuration of an embedded cluster. */
    public static void configure(org.apache.flink.configuration.Configuration conf) {
        conf.setString(REPORTER, ReporterFactory.class.getName());
    }

    /** The outcome of {@code task} (e.g. {@code ExpireSnapshots [0]}) on {@code table} in the job {@code jobId}. */
    static Outcome of(String jobId, String table, String task) {
        Counter succeeded = COUNTERS.get(key(jobId, table, task, SUCCEEDED));
        Counter failed = COUNTERS.get(key(jobId, table, task, FAILED));
        return new Outcome(succeeded == null ? 0 : succeeded.getCount(), failed == null ? 0 : failed.getCount());
    }

    /** Drops the counters of a job that was read. */
    static void forget(String jobId) {
        COUNTERS.keySet().removeIf(k -> k.startsWith(jobId + "|"));
    }

    private static String key(String jobId, String table, String task, String metric) {
        return jobId + "|" + table + "|" + task + "|" + metric;
    }

    /** Creates the reporter named in the embedded run's configuration. */
    public static final class ReporterFactory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new Reporter();
        }
    }

    /** Keeps the lock removers' task counters. */
    static final class Reporter implements MetricReporter {
        @Override
        public void open(MetricConfig config) {}

        @Override
        public void close() {}

        @Override
        public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
            if (!(metric instanceof Counter) || !(SUCCEEDED.equals(name) || FAILED.equals(name))) return;
            Map<String, String> variables = group.getAllVariables();
            String job = variables.get("<job_id>");
            String table = variables.get("<tableName>");
            String task = variables.get("<taskName>");
            if (job != null && table != null && task != null)
                COUNTERS.put(key(job, table, task, name), (Counter) metric);
        }

        @Override
        public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
            // the counter keeps its count: read after the job
        }
    }
}
