package io.trailstream.job;

import static io.trailstream.job.StateContractSnapshots.A;
import static io.trailstream.job.StateContractSnapshots.B;
import static io.trailstream.job.StateContractSnapshots.BUCKET;
import static io.trailstream.job.StateContractSnapshots.C;
import static io.trailstream.job.StateContractSnapshots.ORG;
import static io.trailstream.job.StateContractSnapshots.RECHECK;
import static io.trailstream.job.StateContractSnapshots.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.control.ControlUpdate;
import io.trailstream.control.message.InitialIntegrations;
import io.trailstream.control.message.IntegrationPatch;
import io.trailstream.ledger.LedgerRow;
import io.trailstream.notification.ObjectRef;
import io.trailstream.routing.ObjectTask;
import io.trailstream.testing.ControlOps;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.async.AsyncFunction;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.junit.jupiter.api.Test;

/**
 * Savepoint compatibility of the classes in operator state: snapshots taken with the classes as they were
 * (src/test/resources/state-contracts, see {@link StateContractSnapshots}) restore into today's operators and
 * decide as before. Flink's POJO serializer keeps each class's name and fields in the snapshot, so moving or
 * renaming {@code PendingObject}, {@code ObjectTask}, {@code TrailKey}, {@code ObjectRef}, {@code Integration}
 * or {@code Tenant} (or removing a field) fails here, as it would fail a job restored from a savepoint.
 */
class StateContractsTest {

    @Test
    void theRoutersStateOfV1Restores() throws Exception {
        try (KeyedBroadcastOperatorTestHarness<String, ObjectRef, ControlUpdate, ObjectTask> harness =
                StateContractSnapshots.router()) {
            harness.initializeState(read(StateContractSnapshots.ROUTER));
            harness.open();

            assertThat(route(harness, StateContractSnapshots.fetched()))
                    .as("the dedupe state: the version fetched before is a duplicate")
                    .containsExactly("duplicate");
            List<String> fresh = route(harness, StateContractSnapshots.log(BUCKET, ORG, A, 10));
            assertThat(fresh)
                    .as("the broadcast integration: acme-org with its include-list")
                    .containsExactly("fetch acme-org [" + A + ", " + B + "]");
            assertThat(route(harness, StateContractSnapshots.log(BUCKET, ORG, C, 11)))
                    .containsExactly("skipped_account");
            assertThat(route(harness, StateContractSnapshots.log("gamma-trail", null, A, 12)))
                    .as("the broadcast tenant: gamma's licence expired")
                    .containsExactly("skipped_licence");

            ControlOps ops = new ControlOps(InitialIntegrations.none(), () -> T0);
            harness.processBroadcastElement(
                    ops.apply(ops.messages()
                            .upsert(
                                    "late",
                                    new IntegrationPatch().tenantId("late").bucket("late-trail"))),
                    T0);
            harness.setProcessingTime(T0 + RECHECK.toMillis());
            assertThat(drain(harness))
                    .as("the held PendingObject and its timer: routed at the recheck once claimed")
                    .containsExactly("fetch late [] " + StateContractSnapshots.held().key);
        }
    }

    @Test
    void anObjectTaskInFlightInTheFetchOperatorOfV1Restores() throws Exception {
        AsyncFunction<ObjectTask, String> describe = (task, result) -> result.complete(List.of(task.integrationId
                + " " + task.ref.bucket + "/" + task.ref.key + " " + task.ref.eTag + " " + task.trailKey.kind.name()
                + " "
                + task.trailKey.organizationId + " " + task.trailKey.accountId + " " + task.trailKey.region + " "
                + task.trailKey.deliveryDate + " " + task.includedAccounts));
        try (OneInputStreamOperatorTestHarness<ObjectTask, String> harness = StateContractSnapshots.fetch(describe)) {
            harness.initializeState(read(StateContractSnapshots.FETCH));
            harness.open();
            harness.endInput();

            ObjectTask expected = StateContractSnapshots.task();
            assertThat(harness.extractOutputValues())
                    .as("the task in flight at the snapshot is downloaded again after the restore")
                    .containsExactly("acme-org " + BUCKET + "/" + expected.ref.key + " etag-3 LOG " + ORG + " " + B
                            + " us-east-1 " + expected.trailKey.deliveryDate + " [" + A + ", " + B + "]");
        }
    }

    private static OperatorSubtaskState read(String resource) throws Exception {
        return OperatorSnapshotUtil.readStateHandle(Path.of(StateContractsTest.class
                        .getClassLoader()
                        .getResource(resource)
                        .toURI())
                .toString());
    }

    private static List<String> route(
            KeyedBroadcastOperatorTestHarness<String, ObjectRef, ControlUpdate, ObjectTask> harness, ObjectRef ref)
            throws Exception {
        harness.processElement(ref, T0);
        return drain(harness).stream().map(d -> d.replace(" " + ref.key, "")).toList();
    }

    /** What the router emitted: "fetch INTEGRATION ACCOUNTS KEY" or the ledger outcome and key. */
    private static List<String> drain(
            KeyedBroadcastOperatorTestHarness<String, ObjectRef, ControlUpdate, ObjectTask> harness) {
        List<String> out = new ArrayList<>();
        for (ObjectTask t : harness.extractOutputValues()) {
            out.add("fetch " + t.integrationId + " " + (t.includedAccounts == null ? "[]" : t.includedAccounts) + " "
                    + t.ref.key);
        }
        harness.getOutput().clear();
        var side = harness.getSideOutput(LedgerRow.OUTPUT);
        if (side != null) {
            for (StreamRecord<LedgerRow> r : side) out.add(r.getValue().outcome + " " + r.getValue().key);
            side.clear();
        }
        return out;
    }
}
