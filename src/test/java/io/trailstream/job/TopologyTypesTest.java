package io.trailstream.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.trailstream.control.ControlUpdate;
import io.trailstream.control.Integration;
import io.trailstream.control.Tenant;
import io.trailstream.control.apply.ControlAudit;
import io.trailstream.control.apply.IntegrationSnapshot;
import io.trailstream.iceberg.CatalogOptions;
import io.trailstream.iceberg.TableDefinition;
import io.trailstream.iceberg.TrailTables;
import io.trailstream.input.DeadLetter;
import io.trailstream.input.RawMessage;
import io.trailstream.ledger.LedgerRow;
import io.trailstream.notification.ObjectRef;
import io.trailstream.object.DownloadedObject;
import io.trailstream.routing.ObjectTask;
import io.trailstream.routing.PendingObject;
import io.trailstream.trail.TrailKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every value trailstream's own operators pass on or keep is a POJO or {@code RowData} with explicit type
 * information: no operator of ours falls back to Kryo, at any depth. What Iceberg's sink does is stated
 * exactly: its only Kryo is the {@code FlinkWriteResult} each table's writer sends to its committer (Iceberg
 * gives it no type information of its own); if Iceberg changes that, this test says so. Every operator has a uid.
 */
class TopologyTypesTest {
    /** The values that travel between our operators or live in their state. */
    static final List<Class<?>> OUR_POJOS = List.of(
            RawMessage.class,
            DeadLetter.class,
            ObjectRef.class,
            ControlUpdate.class,
            Integration.class,
            Tenant.class,
            ControlAudit.class,
            IntegrationSnapshot.class,
            ObjectTask.class,
            PendingObject.class,
            DownloadedObject.class,
            LedgerRow.class,
            TrailKey.class,
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
            io.trailstream.integrity.dedupe.DedupeAck.class,
            io.trailstream.integrity.dedupe.PendingLedgerRow.class);

    private static final String ICEBERG_WRITE_RESULT = "org.apache.iceberg.flink.sink.FlinkWriteResult";

    @TempDir
    Path dir;

    @Test
    void everyTypeTravellingBetweenOurOperatorsIsAPojoWithoutKryoInside() {
        for (Class<?> type : OUR_POJOS) {
            PojoTestUtils.assertSerializedAsPojoWithoutKryo(type);
        }
    }

    @Test
    void ourOperatorsUseNoKryoAndAllHaveUids() throws Exception {
        StreamExecutionEnvironment env = TrailstreamJob.environment(configuration());
        new TrailstreamTopology(new JobConfig(configuration(), List.of(Integration.of("acme", "/data", null))))
                .build(env);
        TypeAudit audit = TypeAudit.of(env);

        assertThat(audit.kryoOfOurs)
                .as("values of ours passed or keyed with Kryo")
                .isEmpty();
        assertThat(audit.pojosOfOurs)
                .as("our POJOs in the topology, all checked field by field above")
                .isNotEmpty()
                .isSubsetOf(OUR_POJOS);
        assertThat(audit.oursWithoutUid).as("operators of ours without a uid").isEmpty();
        StreamGraph graph = env.getStreamGraph();
        assertThat(graph.getStreamNodes())
                .as("every operator, Iceberg's included, has a uid")
                .allMatch(n -> n.getTransformationUID() != null);
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

    @Test
    void icebergsOnlyKryoIsTheWriteResultFromEachWriterToItsCommitter() throws Exception {
        StreamExecutionEnvironment env = TrailstreamJob.environment(configuration());
        new TrailstreamTopology(new JobConfig(configuration(), List.of(Integration.of("acme", "/data", null))))
                .build(env);

        List<TypeAudit.KryoUse> expected = TrailTables.all().stream()
                .map(TableDefinition::name)
                .map(table ->
                        new TypeAudit.KryoUse("iceberg-" + table + "-IcebergStreamWriter", "", ICEBERG_WRITE_RESULT))
                .toList();
        assertThat(TypeAudit.of(env).kryoOfIceberg).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theAuditFindsKryoAtTheTopAndInsideAPojo() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromData(List.of(new Holder()), TypeInformation.of(Holder.class))
                .uid("holders")
                .map(h -> h.opaque)
                .returns(TypeInformation.of(Opaque.class))
                .uid("opaques")
                .name("opaques");
        TypeAudit audit = TypeAudit.of(env);

        assertThat(audit.kryoOfOurs)
                .extracting(TypeAudit.KryoUse::path, TypeAudit.KryoUse::type)
                .contains(tuple(".opaque", Opaque.class.getName()), tuple("", Opaque.class.getName()));
        assertThat(audit.kryoOfIceberg).isEmpty();
    }

    private Configuration configuration() throws Exception {
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
        return conf;
    }

    /** Not a POJO (no default constructor, final field): Flink can only use Kryo for it. */
    static final class Opaque {
        final int value;

        Opaque(int value) {
            this.value = value;
        }
    }

    /** A POJO with a Kryo field inside. */
    public static class Holder {
        public Opaque opaque = new Opaque(1);

        public Holder() {}
    }
}
