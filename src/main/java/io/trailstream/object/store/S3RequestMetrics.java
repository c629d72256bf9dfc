package io.trailstream.object.store;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the S3 requests a client really sends, per operation ({@code GetObject}, …), as an SDK
 * execution interceptor: the hook an operator reads into Flink metrics, and what tests use to prove
 * that an object was (or was not) fetched. Thread-safe.
 */
public final class S3RequestMetrics implements ExecutionInterceptor {
    private final Map<String, LongAdder> sent = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> failed = new ConcurrentHashMap<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        count(sent, attributes);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        count(failed, attributes);
    }

    private static void count(Map<String, LongAdder> counters, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        counters.computeIfAbsent(operation == null ? "unknown" : operation, k -> new LongAdder())
                .increment();
    }

    /** HTTP requests sent for {@code operation} (each attempt counts). */
    public long sent(String operation) {
        LongAdder n = sent.get(operation);
        return n == null ? 0 : n.sum();
    }

    /** Calls of {@code operation} that ended in an exception (one per failed attempt: SDK retries are off). */
    public long failed(String operation) {
        LongAdder n = failed.get(operation);
        return n == null ? 0 : n.sum();
    }

    /** Requests sent, by operation name. */
    public Map<String, Long> sentByOperation() {
        Map<String, Long> snapshot = new TreeMap<>();
        sent.forEach((k, v) -> snapshot.put(k, v.sum()));
        return snapshot;
    }

    @Override
    public String toString() {
        return "S3RequestMetrics" + sentByOperation();
    }
}
