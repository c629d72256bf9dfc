package io.trailstream.job;

import io.trailstream.control.ControlStateDescriptors;
import io.trailstream.control.ControlUpdate;
import io.trailstream.control.message.InitialIntegrations;
import io.trailstream.control.message.IntegrationPatch;
import io.trailstream.notification.ObjectRef;
import io.trailstream.routing.ObjectRouterFunction;
import io.trailstream.routing.ObjectTask;
import io.trailstream.testing.ControlOps;
import io.trailstream.trail.KeyClassifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.functions.async.AsyncFunction;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.operators.async.AsyncWaitOperatorFactory;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;

/**
 * The operator state whose classes are state contracts (docs/guarantees.md), as snapshots taken with the
 * classes of today: the router's keyed state (dedupe versions, a held {@code PendingObject} and its timer) and
 * broadcast state ({@code Integration}, {@code Tenant}), and an {@code ObjectTask} (with its {@code TrailKey})
 * in flight in the fetch operator. {@link StateContractsTest} restores the committed files; a class moved or
 * renamed since makes it fail. Run {@code main} only to add a new snapshot version, never to make the test
 * pass again after a move:
 *
 * <pre>
 * mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.trailstream.job.StateContractSnapshots
 * </pre>
 */
final class StateContractSnapshots {
    static final String VERSION = "v1";
    static final String ROUTER = "state-contracts/router-" + VERSION + ".snapshot";
    static final String FETCH = "state-contracts/fetch-" + VERSION + ".snapshot";

    static final String BUCKET = "acme-trail";
    static final String ORG = "o-abcdef1234";
    static final String A = "111111111111";
    static final String B = "222222222222";
    static final String C = "333333333333";
    static final long T0 = Instant.parse("2026-11-27T10:00:00Z").toEpochMilli();
    static final Duration GRACE = Duration.ofMinutes(10);
    static final Duration RECHECK = Duration.ofSeconds(5);
    static final Duration DEDUPE_TTL = Duration.ofDays(7);

    private StateContractSnapshots() {}

    public static void main(String[] args) throws Exception {
        Path resources = Path.of(args.length > 0 ? args[0] : "src/test/resources");
        write(resources.resolve(ROUTER), routerState());
        write(resources.resolve(FETCH), fetchState());
    }

    private static void write(Path file, OperatorSubtaskState state) throws Exception {
        if (Files.exists(file)) throw new IllegalStateException(file + " exists: add a new VERSION instead");
        Files.createDirectories(file.getParent());
        OperatorSnapshotUtil.writeStateHandle(state, file.toString());
        System.out.println("wrote " + file);
    }

    /** acme-org (an Organization trail including A and B), gamma with an expired licence; one object fetched, one held. */
    static OperatorSubtaskState routerState() throws Exception {
        try (KeyedBroadcastOperatorTestHarness<String, ObjectRef, ControlUpdate, ObjectTask> harness = router()) {
            harness.open();
            ControlOps ops = new ControlOps(InitialIntegrations.none(), () -> T0);
            harness.processBroadcastElement(
                    ops.apply(ops.messages()
                            .upsert(
                                    "acme-org",
                                    new IntegrationPatch()
                                            .tenantId("acme")
                                            .bucket(BUCKET)
                                            .organizationId(ORG)
                                            .includedAccounts(List.of(A, B)))),
                    T0);
            harness.processBroadcastElement(
                    ops.apply(ops.messages()
                            .upsert(
                                    "gamma",
                                    new IntegrationPatch().tenantId("gamma").bucket("gamma-trail"))),
                    T0);
            harness.processBroadcastElement(ops.apply(ops.messages().expireLicence("gamma")), T0);
            harness.processElement(fetched(), T0);
            harness.processElement(held(), T0);
            if (harness.extractOutputValues().size() != 1) throw new IllegalStateException("expected one fetch");
            return harness.snapshot(1L, T0);
        }
    }

    /** One task in flight: its download never completed before the snapshot. */
    static OperatorSubtaskState fetchState() throws Exception {
        List<ResultFuture<String>> open = new ArrayList<>();
        AsyncFunction<ObjectTask, String> neverDone = (task, result) -> open.add(result);
        try (OneInputStreamOperatorTestHarness<ObjectTask, String> harness = fetch(neverDone)) {
            harness.open();
            harness.processElement(task(), T0);
            OperatorSubtaskState state = harness.snapshot(1L, T0);
            open.forEach(r -> r.complete(List.of()));
            return state;
        }
    }

    /** The router as the topology builds it, not opened yet (restore first, or open for empty state). */
    static KeyedBroadcastOperatorTestHarness<String, ObjectRef, ControlUpdate, ObjectTask> router() throws Exception {
        KeyedBroadcastOperatorTestHarness<String, ObjectRef, ControlUpdate, ObjectTask> harness =
                new KeyedBroadcastOperatorTestHarness<>(
                        new CoBroadcastWithKeyedOperator<>(
                                new ObjectRouterFunction(InitialIntegrations.none(), DEDUPE_TTL, GRACE, RECHECK),
                                List.of(ControlStateDescriptors.integrations(), ControlStateDescriptors.tenants())),
                        ObjectRouterFunction::keyOf,
                        Types.STRING,
                        1,
                        1,
                        0);
        harness.setProcessingTime(T0);
        harness.setStateTtlProcessingTime(T0);
        return harness;
    }

    /** The fetch operator as the topology builds it (unordered async I/O over {@code ObjectTask}s), not opened yet. */
    static OneInputStreamOperatorTestHarness<ObjectTask, String> fetch(AsyncFunction<ObjectTask, String> function)
            throws Exception {
        OneInputStreamOperatorTestHarness<ObjectTask, String> harness = new OneInputStreamOperatorTestHarness<>(
                new AsyncWaitOperatorFactory<>(function, 3_600_000, 16, AsyncDataStream.OutputMode.UNORDERED),
                TypeInformation.of(ObjectTask.class).createSerializer(new SerializerConfigImpl()));
        harness.setProcessingTime(T0);
        return harness;
    }

    static ObjectRef fetched() {
        return log(BUCKET, ORG, A, 1);
    }

    static ObjectRef held() {
        return log("late-trail", null, A, 2);
    }

    static ObjectTask task() {
        ObjectRef ref = log(BUCKET, ORG, B, 3);
        return new ObjectTask(ref, new KeyClassifier().classify(ref.key), "acme-org", List.of(A, B));
    }

    /** The log object number {@code n} of {@code account}: the same key, sequencer and ETag each time. */
    static ObjectRef log(String bucket, String org, String account, int n) {
        String key = "AWSLogs/" + (org == null ? "" : org + "/") + account + "/CloudTrail/us-east-1/2026/11/27/"
                + account + "_CloudTrail_us-east-1_20261127T1000Z_" + String.format("%016d", n) + ".json.gz";
        ObjectRef ref = ObjectRef.s3(bucket, key);
        ref.sequencer = String.format("%016X", n);
        ref.eTag = "etag-" + n;
        ref.size = 1000;
        ref.shape = "s3_event";
        ref.notifiedAtMillis = T0;
        return ref;
    }
}
