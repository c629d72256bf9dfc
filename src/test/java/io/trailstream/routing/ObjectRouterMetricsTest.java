package io.trailstream.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.control.ControlStateDescriptors;
import io.trailstream.control.Integration;
import io.trailstream.control.message.InitialIntegrations;
import io.trailstream.control.message.IntegrationPatch;
import io.trailstream.notification.ObjectRef;
import io.trailstream.testing.ControlOps;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.clusterframework.types.ResourceID;
import org.apache.flink.runtime.executiongraph.ExecutionAttemptID;
import org.apache.flink.runtime.metrics.groups.TaskManagerMetricGroup;
import org.apache.flink.runtime.metrics.groups.TaskMetricGroup;
import org.apache.flink.runtime.metrics.util.TestingMetricRegistry;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * Routing serves an integration's decision series from the start of a subtask, before any of its objects: the
 * config's integrations, and after a restore those of the broadcast state (added by control messages), so that an
 * alert's {@code increase()} sees their first skip or duplicate.
 */
class ObjectRouterMetricsTest {
    private static final long T0 = Instant.parse("2026-11-27T10:00:00Z").toEpochMilli();
    private static final InitialIntegrations SEEDS =
            InitialIntegrations.of(List.of(Integration.of("acme", "acme-trail", null)));

    @Test
    void aRestoredRouterRegistersTheSeriesOfItsSeedsAndItsBroadcastStatesIntegrations() throws Exception {
        OperatorSubtaskState snapshot;
        try (var harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                router(),
                ObjectRouterFunction::keyOf,
                Types.STRING,
                ControlStateDescriptors.integrations(),
                ControlStateDescriptors.tenants())) {
            ControlOps ops = new ControlOps(SEEDS, () -> T0);
            harness.processBroadcastElement(
                    ops.apply(ops.messages()
                            .upsert(
                                    "beta",
                                    new IntegrationPatch().tenantId("beta").bucket("beta-trail"))),
                    T0);
            snapshot = harness.snapshot(1L, T0);
        }

        Set<String> registered = ConcurrentHashMap.newKeySet();
        TestingMetricRegistry registry = TestingMetricRegistry.builder()
                .setRegisterConsumer((metric, name, group) -> {
                    Map<String, String> labels = group.getAllVariables();
                    if (labels.containsKey("<decision>"))
                        registered.add(labels.get("<integration>") + " " + labels.get("<decision>") + " " + name);
                })
                .build();
        TaskMetricGroup task = TaskManagerMetricGroup.createTaskManagerMetricGroup(
                        registry, "localhost", ResourceID.generate())
                .addJob(new JobID(), "trailstream")
                .addTask(ExecutionAttemptID.randomId(), "route objects");
        var operator = new CoBroadcastWithKeyedOperator<>(
                router(), List.of(ControlStateDescriptors.integrations(), ControlStateDescriptors.tenants()));
        try (var restored = new AbstractStreamOperatorTestHarness<>(
                operator, new MockEnvironmentBuilder().setMetricGroup(task).build())) {
            restored.getStreamConfig().setOperatorName("route objects");
            restored.getStreamConfig()
                    .setStatePartitioner(0, (KeySelector<ObjectRef, String>) ObjectRouterFunction::keyOf);
            restored.getStreamConfig().setStateKeySerializer(StringSerializer.INSTANCE);
            restored.getStreamConfig().serializeAllConfigs();
            restored.initializeState(snapshot);
            restored.open();

            for (String decision : RouteOutcome.countedDecisions()) {
                assertThat(registered)
                        .contains("acme " + decision + " objects_total", "beta " + decision + " objects_total");
            }
            assertThat(registered)
                    .contains("none unrouted objects_total", "none duplicate objects_total")
                    .noneMatch(s -> s.startsWith("none fetch"));
        }
    }

    private static ObjectRouterFunction router() {
        return new ObjectRouterFunction(SEEDS, Duration.ofDays(7), Duration.ofMinutes(10), Duration.ofSeconds(5));
    }
}
