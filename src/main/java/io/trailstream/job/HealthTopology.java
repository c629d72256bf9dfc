package io.trailstream.job;

import io.trailstream.control.ControlUpdate;
import io.trailstream.control.Integration;
import io.trailstream.control.message.InitialIntegrations;
import io.trailstream.iceberg.IcebergSinks;
import io.trailstream.iceberg.IntegrationHealthTable;
import io.trailstream.iceberg.TrailTables;
import io.trailstream.integrity.HealthOptions;
import io.trailstream.integrity.health.ControlRequestPublisher;
import io.trailstream.integrity.health.ControlRequestSink;
import io.trailstream.integrity.health.FolderControlRequests;
import io.trailstream.integrity.health.HealthSignal;
import io.trailstream.integrity.health.HealthSignals;
import io.trailstream.integrity.health.IntegrationHealth;
import io.trailstream.integrity.health.IntegrationHealthFunction;
import io.trailstream.integrity.health.KinesisControlRequests;
import io.trailstream.integrity.health.ObjectProbe;
import io.trailstream.kinesis.config.KinesisSourceConfig;
import io.trailstream.kinesis.config.KinesisSourceOptions;
import io.trailstream.ledger.LedgerRow;
import io.trailstream.object.store.ObjectStoreFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

/**
 * Adds integration health to the topology: ledger rows and chain signals keyed by integration meet the
 * integrations' states (control updates and the config's seeds); health changes become {@code integration_health}
 * rows, and with {@code health.auto-disconnect} the job's own control changes are published to the control stream.
 *
 * <p>Why the control stream: health is known only after routing and fetching, and the control state is applied
 * before routing; feeding it back inside the job would be a cycle, which Flink's DataStream graph cannot hold
 * (iterations are gone in Flink 2 and never checkpointed exactly once). A message on the control stream takes the
 * path every ops change takes (parsed, ordered by issue time, applied once, audited with author {@code trailstream})
 * and is published only after the checkpoint that decided it ({@link ControlRequestSink}).
 */
final class HealthTopology {
    private HealthTopology() {}

    static void attach(
            StreamExecutionEnvironment env,
            Configuration conf,
            DataStream<LedgerRow> ledger,
            DataStream<HealthSignal> chainSignals,
            DataStream<ControlUpdate> control,
            InitialIntegrations seeds,
            IcebergSinks sinks) {
        DataStream<HealthSignal> signals = ledger.flatMap((LedgerRow row, Collector<HealthSignal> out) -> {
                    HealthSignal s = HealthSignals.of(row);
                    if (s != null) out.collect(s);
                })
                .returns(TypeInformation.of(HealthSignal.class))
                .uid("health-signals")
                .name("health of objects");
        if (chainSignals != null) signals = signals.union(chainSignals);
        DataStream<Integration> integrations = control.flatMap((ControlUpdate u, Collector<Integration> out) -> {
                    if (u.integration != null) out.collect(u.integration);
                })
                .returns(TypeInformation.of(Integration.class))
                .uid("health-integrations")
                .name("integration states");
        List<Integration> fromConfig = new ArrayList<>();
        seeds.integrations().forEach(fromConfig::add);
        if (!fromConfig.isEmpty()) {
            integrations = integrations.union(env.fromData(fromConfig, TypeInformation.of(Integration.class))
                    .uid("health-config-integrations")
                    .name("integrations from the config, for health"));
        }
        boolean autoDisconnect = conf.get(HealthOptions.AUTO_DISCONNECT);
        SingleOutputStreamOperator<IntegrationHealth> health = signals.keyBy(s -> s.integrationId, Types.STRING)
                .connect(integrations.keyBy(i -> i.integrationId, Types.STRING))
                .process(new IntegrationHealthFunction(
                        TrailstreamOptions.positive(conf, HealthOptions.SILENCE_TIMEOUT),
                        autoDisconnect,
                        TrailstreamOptions.positive(conf, HealthOptions.AUTO_DISCONNECT_AFTER),
                        TrailstreamOptions.positive(conf, HealthOptions.PROBE_INTERVAL),
                        new ObjectProbe(ObjectStoreFactory.fromConfiguration(conf))))
                .returns(TypeInformation.of(IntegrationHealth.class))
                .uid("integration-health")
                .name("integration health");
        sinks.append(
                health,
                IntegrationHealthTable::toRow,
                TrailTables.INTEGRATION_HEALTH,
                "integration-health-rows",
                "integration health rows");
        if (autoDisconnect) {
            health.getSideOutput(IntegrationHealthFunction.REQUESTS)
                    .sinkTo(new ControlRequestSink(publisher(conf)))
                    .setParallelism(1)
                    .uid("publish-control-requests")
                    .name("publish the job's control changes");
        }
    }

    /** Where the job's own control changes go: the control stream it reads. */
    static ControlRequestPublisher publisher(Configuration conf) {
        String key = HealthOptions.AUTO_DISCONNECT.key();
        switch (conf.get(TrailstreamOptions.CONTROL_SOURCE)) {
            case KINESIS: {
                KinesisSourceConfig c = KinesisSourceConfig.from(
                        KinesisSourceOptions.subset(conf, InputSources.CONTROL_KINESIS_PREFIX));
                return new KinesisControlRequests(c.clientSettings(), c.streamArn(), c.streamName());
            }
            case LOCAL: {
                if (conf.getOptional(TrailstreamOptions.CONTROL_LOCAL_WATCH_INTERVAL)
                        .isEmpty()) {
                    throw new JobConfig.ConfigException(key + " needs a watched control folder ("
                            + TrailstreamOptions.CONTROL_LOCAL_WATCH_INTERVAL.key() + "): a bounded run reads the "
                            + "folder once, and would never apply the job's own changes");
                }
                return new FolderControlRequests(Path.of(conf.get(TrailstreamOptions.CONTROL_LOCAL_PATH)));
            }
            case NONE:
            default:
                throw new JobConfig.ConfigException(key + " needs a control stream (control.source KINESIS or LOCAL):"
                        + " the job publishes its disconnect and reconnect there");
        }
    }
}
