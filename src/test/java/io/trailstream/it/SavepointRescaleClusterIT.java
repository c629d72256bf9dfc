package io.trailstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.cluster.LocalCluster;
import io.trailstream.control.ControlView;
import io.trailstream.control.Integration;
import io.trailstream.control.message.ControlMessage;
import io.trailstream.control.message.InitialIntegrations;
import io.trailstream.control.message.IntegrationPatch;
import io.trailstream.iceberg.IntegrationsTableReader;
import io.trailstream.job.InputSources;
import io.trailstream.job.TrailstreamOptions;
import io.trailstream.testing.ControlOps;
import io.trailstream.testing.KinesisEmulator;
import io.trailstream.testing.S3Emulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An upgrade path on a separate-process cluster: the job (parallelism 2) is stopped with a savepoint, resubmitted
 * from it at parallelism 1, stopped again and resubmitted at parallelism 3, while notifications and control
 * messages keep arriving (also while no job runs). Every record lands once, every object has one ledger row,
 * every control message one audit row, and the integrations the job recorded are the state the control applier
 * computes from the same messages.
 */
class SavepointRescaleClusterIT {
    private static final String BUCKET = "trail-bucket";
    private static final long SEED = Long.getLong("trailstream.it.seed", System.nanoTime());
    private static final Integration ACME = Integration.of("acme", BUCKET, null);

    @RegisterExtension
    @Order(1)
    static final KinesisEmulator KINESIS = KinesisEmulator.shared();

    @RegisterExtension
    @Order(2)
    static final S3Emulator S3 = new S3Emulator(BUCKET);

    @Test
    void stopWithSavepointAndRestoreAtOneThenThreeKeepsCountsAndIntegrationState() throws Exception {
        System.out.println(
                "SavepointRescaleClusterIT seed " + SEED + " (rerun with -Dtrailstream.it.seed=" + SEED + ")");
        LocalCluster cluster = SharedCluster.get(SavepointRescaleClusterIT.class);
        Scenario scenario = new Scenario(KINESIS, S3, BUCKET, SEED, "cluster-rescale-" + SEED, 72, 20, 60, 12);
        String controlStream = "control-rescale-" + SEED;
        KINESIS.createStream(controlStream, 2);
        ControlOps ops = new ControlOps(InitialIntegrations.of(List.of(ACME)), System::currentTimeMillis);
        List<ControlMessage> control = controlMessages(ops);

        Path dir = cluster.layout().root().resolve("jobs/rescale-" + SEED);
        Map<String, String> options =
                ClusterJobs.jobOptions(KINESIS, scenario.stream, S3, S3.endpoint(), dir.resolve("warehouse"));
        options.put(TrailstreamOptions.CONTROL_SOURCE.key(), "KINESIS");
        KINESIS.sourceOptions(controlStream).forEach((k, v) -> options.put(InputSources.CONTROL_KINESIS_PREFIX + k, v));
        options.put(InputSources.CONTROL_KINESIS_PREFIX + "source.shard.discovery.interval", "1 s");
        Path config = ClusterJobs.writeJobConfig(dir.resolve("job.yaml"), options, List.of(ACME));
        String savepoints = cluster.layout().savepointsDir().toUri().toString();
        int[] parallelism = {2, 1, 3};
        List<String> phases = new ArrayList<>();

        try (Warehouse tables = new Warehouse(ClusterJobs.configuration(options))) {
            String savepoint = null;
            for (int phase = 0; phase < parallelism.length; phase++) {
                Thread producer = publish(scenario, controlStream, control, phase, parallelism.length);
                RestJobClient job = ClusterJobs.submit(cluster, config, parallelism[phase], savepoint);
                try {
                    if (phase < parallelism.length - 1) {
                        long ledger = tables.count("objects");
                        JobRuns.awaitCounts(job, tables, Map.of("objects", ledger + 1), Duration.ofMinutes(2));
                        // Stopped while the producer goes on: input arrives while no job runs.
                        savepoint =
                                job.stopWithSavepoint(false, savepoints, null).get(3, TimeUnit.MINUTES);
                        phases.add(String.format(
                                "p=%d until %s (savepoint %s)",
                                parallelism[phase],
                                counts(tables),
                                Path.of(savepoint).getFileName()));
                    } else {
                        producer.join(120_000);
                        Map<String, Long> expected = scenario.expectedCounts();
                        expected.put("control_audit", (long) control.size());
                        JobRuns.awaitCounts(job, tables, expected, Duration.ofMinutes(4));
                        cluster.rest()
                                .awaitCompletedCheckpoints(
                                        job.id(),
                                        cluster.rest().completedCheckpoints(job.id()) + 2,
                                        Duration.ofMinutes(1));
                        job.cancel().get(2, TimeUnit.MINUTES);
                        phases.add(String.format("p=%d until %s", parallelism[phase], counts(tables)));
                    }
                } finally {
                    TaskManagerLossClusterIT.cancelQuietly(job);
                }
                producer.join(120_000);
            }
            System.out.printf(
                    "SavepointRescaleClusterIT: %d notifications, %d control messages; %s%n",
                    scenario.notifications.size(), control.size(), String.join("; ", phases));

            scenario.assertExactlyOnce(tables);
            List<String> outcomes = new ArrayList<>();
            for (Record r : tables.rows("control_audit")) outcomes.add((String) r.getField("outcome"));
            assertThat(outcomes)
                    .as("control_audit: every message once, applied")
                    .hasSize(control.size())
                    .containsOnly("applied");
            assertThat(state(IntegrationsTableReader.read(tables.table("integrations"))))
                    .as("integrations the job recorded")
                    .isEqualTo(state(ops.state()));
        }
    }

    /** Changes to integrations other than acme's (its objects' fate must not depend on timing), and acme's name. */
    private static List<ControlMessage> controlMessages(ControlOps ops) {
        List<ControlMessage> m = new ArrayList<>();
        for (int k = 1; k <= 5; k++) {
            IntegrationPatch patch = new IntegrationPatch().tenantId("t" + k).bucket("bucket-" + k);
            if (k == 3) patch.organizationId("o-a1b2c3d4e5");
            m.add(ops.messages().upsert("tenant-" + k, patch));
        }
        m.add(ops.messages().suspend("tenant-2"));
        m.add(ops.messages().setAccounts("tenant-3", List.of("111111111111", "222222222222")));
        m.add(ops.messages().upsert("acme", new IntegrationPatch().displayName("ACME (renamed)")));
        m.add(ops.messages().resume("tenant-2"));
        m.add(ops.messages().addAccounts("tenant-3", List.of("333333333333")));
        m.add(ops.messages().disconnect("tenant-4"));
        m.add(ops.messages().delete("tenant-5"));
        m.forEach(ops::apply);
        return m;
    }

    /** Publishes this phase's share of the notifications and control messages, interleaved, at a trickle. */
    private static Thread publish(
            Scenario scenario, String controlStream, List<ControlMessage> control, int phase, int phases) {
        AtomicReference<Throwable> failure = scenario.producerFailure;
        int n = scenario.notifications.size();
        int fromN = n * phase / phases;
        int toN = n * (phase + 1) / phases;
        int fromC = control.size() * phase / phases;
        int toC = control.size() * (phase + 1) / phases;
        Thread t = new Thread(
                () -> {
                    try {
                        int c = fromC;
                        for (int i = fromN; i < toN; i++) {
                            KINESIS.putAll(scenario.stream, List.of(scenario.notifications.get(i)));
                            int due = fromC + (int) ((long) (toC - fromC) * (i - fromN + 1) / (toN - fromN));
                            for (; c < due; c++) {
                                ControlMessage m = control.get(c);
                                KINESIS.put(controlStream, m.targetId(), ControlOps.wire(m));
                            }
                            Thread.sleep(150);
                        }
                    } catch (Throwable e) {
                        failure.set(e);
                    }
                },
                "rescale-producer-" + phase);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static Map<String, Long> counts(Warehouse tables) {
        Map<String, Long> c = new TreeMap<>();
        for (String t : List.of("objects", "events", "control_audit")) c.put(t, tables.count(t));
        return c;
    }

    /** What an integration is, without the bookkeeping of when the change was applied. */
    private static Map<String, String> state(ControlView view) {
        Map<String, String> out = new TreeMap<>();
        for (Integration i : view.integrations()) {
            out.put(
                    i.integrationId,
                    String.join(
                            " | ",
                            i.tenantId,
                            i.displayName,
                            i.bucket,
                            String.valueOf(i.prefix),
                            String.valueOf(i.organizationId),
                            String.valueOf(i.includedAccounts),
                            String.valueOf(i.status),
                            String.valueOf(i.lastMessageId)));
        }
        return out;
    }
}
