package io.trailstream.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.control.ControlUpdate;
import io.trailstream.control.Integration;
import io.trailstream.control.apply.ControlAudit;
import io.trailstream.control.apply.IntegrationSnapshot;
import io.trailstream.iceberg.CatalogOptions;
import io.trailstream.input.DeadLetter;
import io.trailstream.input.RawMessage;
import io.trailstream.ledger.LedgerRow;
import io.trailstream.notification.ObjectRef;
import io.trailstream.object.DownloadedObject;
import io.trailstream.routing.ObjectTask;
import io.trailstream.routing.PendingObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
import org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every value trailstream's own operators pass on or keep is a POJO or {@code RowData} with explicit type
 * information: no operator of ours falls back to Kryo. (Iceberg's sink passes its own write results with
 * Kryo between its writer and committer; those operators are Iceberg's.) Every operator has a uid.
 */
class TopologyTypesTest {
    @TempDir
    Path dir;

    @Test
    void everyTypeTravellingBetweenOurOperatorsIsAPojoWithoutKryoInside() {
        for (Class<?> type : List.of(
                RawMessage.class,
                DeadLetter.class,
                ObjectRef.class,
                ControlUpdate.class,
                ControlAudit.class,
                IntegrationSnapshot.class,
                ObjectTask.class,
                PendingObject.class,
                DownloadedObject.class,
                LedgerRow.class,
                io.trailstream.object.FetchedDigest.class,
                io.trailstream.integrity.digest.VerifiedDigest.class,
                io.trailstream.integrity.ListedLogFile.class,
                io.trailstream.integrity.IntegrityCheck.class,
                io.trailstream.integrity.chain.ChainLink.class,
                io.trailstream.integrity.chain.ChainWatch.class,
                io.trailstream.integrity.logfile.PendingLogFile.class,
                io.trailstream.integrity.logfile.LogFileSeen.class,
                io.trailstream.integrity.health.HealthSignal.class,
                io.trailstream.integrity.health.IntegrationHealth.class,
                io.trailstream.integrity.health.IntegrationWatch.class,
                io.trailstream.integrity.health.ScopeHealth.class,
                io.trailstream.integrity.health.ControlRequest.class,
                io.trailstream.control.Integration.class,
                io.trailstream.integrity.dedupe.DedupeAck.class,
                io.trailstream.integrity.dedupe.PendingLedgerRow.class)) {
            PojoTestUtils.assertSerializedAsPojoWithoutKryo(type);
        }
    }

    @Test
    void ourOperatorsUseNoKryoAndAllHaveUids() throws Exception {
        Configuration conf = new Configuration();
        conf.set(TrailstreamOptions.NOTIFICATIONS_SOURCE, TrailstreamOptions.NotificationSource.LOCAL);
        conf.set(
                TrailstreamOptions.LOCAL_INPUT,
                Files.createDirectories(dir.resolve("bucket")).toString());
        conf.set(TrailstreamOptions.CONTROL_SOURCE, TrailstreamOptions.ControlSource.LOCAL);
        conf.set(
                TrailstreamOptions.CONTROL_LOCAL_PATH,
                Files.createDirectories(dir.resolve("control")).toString());
        conf.set(CatalogOptions.WAREHOUSE, dir.resolve("warehouse").toString());
        // Every optional part on, so each of their operators is checked too.
        conf.set(TrailstreamOptions.CONTROL_LOCAL_WATCH_INTERVAL, java.time.Duration.ofSeconds(1));
        conf.set(io.trailstream.integrity.IntegrityOptions.EVENT_DEDUPE, true);
        conf.set(io.trailstream.integrity.HealthOptions.AUTO_DISCONNECT, true);
        StreamExecutionEnvironment env = TrailstreamJob.environment(conf);
        new TrailstreamTopology(new JobConfig(conf, List.of(Integration.of("acme", "/data", null)))).build(env);
        StreamGraph graph = env.getStreamGraph();

        List<String> kryo = new ArrayList<>();
        List<String> icebergKryo = new ArrayList<>();
        List<String> pojos = new ArrayList<>();
        List<String> withoutUid = new ArrayList<>();
        for (StreamNode node : graph.getStreamNodes()) {
            boolean iceberg = node.getOperatorName().toLowerCase().contains("iceberg");
            List<TypeSerializer<?>> serializers = new ArrayList<>(List.of(node.getTypeSerializersIn()));
            if (node.getTypeSerializerOut() != null) serializers.add(node.getTypeSerializerOut());
            if (node.getStateKeySerializer() != null) serializers.add(node.getStateKeySerializer());
            for (TypeSerializer<?> s : serializers) {
                if (s instanceof KryoSerializer) (iceberg ? icebergKryo : kryo).add(node.getOperatorName() + ": " + s);
                if (s instanceof PojoSerializer) pojos.add(node.getOperatorName());
            }
            if (node.getTransformationUID() == null && !iceberg) withoutUid.add(node.getOperatorName());
        }
        assertThat(kryo).as("operators of ours passing values with Kryo").isEmpty();
        // The check sees what it looks for: Iceberg's write results are Kryo, our objects POJOs.
        assertThat(icebergKryo).as("Iceberg's own Kryo edges").isNotEmpty();
        assertThat(pojos).as("operators passing our POJOs").isNotEmpty();
        assertThat(withoutUid).as("operators of ours without a uid").isEmpty();
        assertThat(graph.getStreamNodes())
                .extracting(StreamNode::getOperatorName)
                .anyMatch(n -> n.contains("route, dedupe, decide"))
                .anyMatch(n -> n.contains("download objects"))
                .anyMatch(n -> n.contains("gunzip, parse, filter"))
                .anyMatch(n -> n.contains("apply control messages"))
                .anyMatch(n -> n.contains("check digest chains"))
                .anyMatch(n -> n.contains("integration health"))
                .anyMatch(n -> n.contains("drop repeated eventIDs"))
                .anyMatch(n -> n.contains("publish the job's control changes"));
    }
}
