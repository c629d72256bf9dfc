package io.trailstream.job;

import io.trailstream.control.ControlStateDescriptors;
import io.trailstream.control.ControlUpdate;
import io.trailstream.control.apply.ControlApplyFunction;
import io.trailstream.control.apply.IntegrationSnapshot;
import io.trailstream.control.apply.IntegrationSnapshots;
import io.trailstream.control.message.InitialIntegrations;
import io.trailstream.iceberg.CatalogOptions;
import io.trailstream.iceberg.ControlAuditTable;
import io.trailstream.iceberg.DeadLettersTable;
import io.trailstream.iceberg.IcebergCatalogs;
import io.trailstream.iceberg.IcebergSinks;
import io.trailstream.iceberg.IntegrationsTable;
import io.trailstream.iceberg.LedgerTable;
import io.trailstream.iceberg.TableBootstrap;
import io.trailstream.iceberg.TrailTables;
import io.trailstream.input.DeadLetter;
import io.trailstream.integrity.IntegrityOptions;
import io.trailstream.integrity.health.HealthSignal;
import io.trailstream.ledger.LedgerRow;
import io.trailstream.maintenance.JobMaintenance;
import io.trailstream.notification.LocalBucketSource;
import io.trailstream.notification.NotificationParseFunction;
import io.trailstream.notification.ObjectRef;
import io.trailstream.object.DownloadedObject;
import io.trailstream.object.FetchLimits;
import io.trailstream.object.FetchObjectFunction;
import io.trailstream.object.FetchOptions;
import io.trailstream.object.ParseObjectFunction;
import io.trailstream.object.store.ObjectStoreFactory;
import io.trailstream.record.EventRowType;
import io.trailstream.routing.ObjectRouterFunction;
import io.trailstream.routing.ObjectTask;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.iceberg.flink.CatalogLoader;

/**
 * Assembles trailstream's topology from its tested parts; it holds no logic of its own.
 *
 * <pre>
 * control ─► keyBy(constant) apply ─► control_audit │ integrations
 *                        └─► broadcast ─┐
 * notifications ─► parse ─► keyBy(object) route+dedupe ─► rebalance ─► download (async) ─► gunzip+parse
 *                     └─► dead_letters        └─► objects ledger           events │ insights │ objects
 *                                                                            └─► digests ─► integrity (IntegrityTopology)
 * </pre>
 */
public final class TrailstreamTopology {
    private final JobConfig jobConfig;
    private final Configuration conf;

    public TrailstreamTopology(JobConfig jobConfig) {
        this.jobConfig = jobConfig;
        this.conf = jobConfig.configuration();
    }

    /** Creates missing tables, then adds the whole pipeline to {@code env}. */
    public void build(StreamExecutionEnvironment env) {
        CatalogLoader catalog = IcebergCatalogs.loader(conf);
        String namespace = conf.get(CatalogOptions.NAMESPACE);
        TableBootstrap.ensure(catalog, namespace, TrailTables.all());

        NotificationStreams notifications = notifications(env);
        InitialIntegrations seeds = jobConfig.seeds();

        SingleOutputStreamOperator<ControlUpdate> control = InputSources.control(env, conf)
                .keyBy(e -> ControlApplyFunction.KEY, Types.STRING)
                .process(new ControlApplyFunction(
                        seeds,
                        conf.get(TrailstreamOptions.CONTROL_MAX_MESSAGE_BYTES),
                        conf.get(TrailstreamOptions.CONTROL_MAX_FUTURE_SKEW).toMillis()))
                .returns(TypeInformation.of(ControlUpdate.class))
                .uid("apply-control")
                .name("apply control messages")
                .setParallelism(1);
        BroadcastStream<ControlUpdate> integrationState =
                control.broadcast(ControlStateDescriptors.integrations(), ControlStateDescriptors.tenants());

        SingleOutputStreamOperator<ObjectTask> tasks = notifications
                .objects
                .keyBy(ObjectRouterFunction::keyOf, Types.STRING)
                .connect(integrationState)
                .process(router(seeds))
                .returns(TypeInformation.of(ObjectTask.class))
                .uid("route-objects")
                .name("route, dedupe, decide");

        Duration timeout = TrailstreamOptions.positive(conf, TrailstreamOptions.FETCH_TIMEOUT);
        FetchLimits limits = FetchLimits.fromConfiguration(conf);
        SingleOutputStreamOperator<DownloadedObject> downloaded = AsyncDataStream.unorderedWait(
                        tasks.rebalance(),
                        new FetchObjectFunction(
                                ObjectStoreFactory.fromConfiguration(conf),
                                TrailstreamOptions.atLeastOne(conf, TrailstreamOptions.FETCH_THREADS),
                                timeout,
                                limits),
                        timeout.toMillis(),
                        TimeUnit.MILLISECONDS,
                        TrailstreamOptions.atLeastOne(conf, TrailstreamOptions.FETCH_CONCURRENCY))
                .returns(TypeInformation.of(DownloadedObject.class))
                .uid("fetch-objects")
                .name("download objects");
        // Parsing is chained to the download: an object's rows and ledger row leave in one step.
        SingleOutputStreamOperator<RowData> events = downloaded
                .process(new ParseObjectFunction(
                        limits.maxRecordBytes(),
                        jobConfig.integrations().stream()
                                .map(i -> i.integrationId)
                                .toList(),
                        conf.get(FetchOptions.SHA256_IMPLEMENTATION)))
                .returns(InternalTypeInfo.of(EventRowType.events()))
                .uid("parse-objects")
                .name("gunzip, parse, filter");
        if (conf.getOptional(TrailstreamOptions.FETCH_PARALLELISM).isPresent()) {
            int parallelism = TrailstreamOptions.atLeastOne(conf, TrailstreamOptions.FETCH_PARALLELISM);
            downloaded.setParallelism(parallelism);
            events.setParallelism(parallelism);
        }

        IcebergSinks sinks = new IcebergSinks(catalog, namespace, conf);
        DataStream<RowData> eventRows = events;
        DataStream<RowData> insightRows = events.getSideOutput(ParseObjectFunction.INSIGHTS);
        DataStream<LedgerRow> parsedLedger = events.getSideOutput(LedgerRow.OUTPUT);
        if (conf.get(IntegrityOptions.EVENT_DEDUPE)) {
            EventDedupeTopology.Deduped d = EventDedupeTopology.attach(conf, eventRows, insightRows, parsedLedger);
            eventRows = d.events();
            insightRows = d.insights();
            parsedLedger = d.ledger();
        }
        sinks.append(eventRows, TrailTables.EVENTS);
        sinks.append(insightRows, TrailTables.INSIGHTS);
        DataStream<LedgerRow> ledger = parsedLedger.union(tasks.getSideOutput(LedgerRow.OUTPUT));
        sinks.append(ledger, LedgerTable::toRow, TrailTables.OBJECTS, "ledger-rows", "ledger rows");
        DataStream<HealthSignal> chainHealth = conf.get(IntegrityOptions.ENABLED)
                ? IntegrityTopology.attach(conf, events.getSideOutput(ParseObjectFunction.DIGESTS), ledger, sinks)
                : null;
        HealthTopology.attach(env, conf, ledger, chainHealth, control, seeds, sinks);
        DataStream<DeadLetter> deadLetters = control.getSideOutput(ControlApplyFunction.DEAD_LETTERS);
        if (notifications.deadLetters != null) deadLetters = deadLetters.union(notifications.deadLetters);
        sinks.append(
                deadLetters, DeadLettersTable::toRow, TrailTables.DEAD_LETTERS, "dead-letter-rows", "dead letter rows");

        sinks.append(
                control.getSideOutput(ControlApplyFunction.AUDIT),
                ControlAuditTable::toRow,
                TrailTables.CONTROL_AUDIT,
                "control-audit-rows",
                "control audit rows");
        DataStream<IntegrationSnapshot> snapshots = control.getSideOutput(ControlApplyFunction.INTEGRATIONS);
        List<IntegrationSnapshot> fromConfig = IntegrationSnapshots.config(seeds, System.currentTimeMillis());
        if (!fromConfig.isEmpty()) {
            snapshots = snapshots.union(env.fromData(fromConfig, TypeInformation.of(IntegrationSnapshot.class))
                    .uid("config-integration-rows")
                    .name("integrations from the config"));
        }
        sinks.append(
                snapshots, IntegrationsTable::toRow, TrailTables.INTEGRATIONS, "integration-rows", "integration rows");

        // Table upkeep beside the pipeline (maintenance.enabled): compaction, snapshot expiry, orphan removal.
        JobMaintenance.attach(env, conf, catalog);
    }

    private ObjectRouterFunction router(InitialIntegrations seeds) {
        ObjectRouterFunction router = new ObjectRouterFunction(
                seeds,
                TrailstreamOptions.positive(conf, TrailstreamOptions.DEDUPE_TTL),
                conf.get(TrailstreamOptions.UNROUTED_GRACE_PERIOD),
                conf.get(TrailstreamOptions.UNROUTED_RECHECK_INTERVAL));
        if (conf.get(IntegrityOptions.ENABLED)) router.fetchingDigests();
        return conf.get(TrailstreamOptions.HOLD_UNTIL_INPUTS_END) ? router.holdingUntilInputsEnd() : router;
    }

    private NotificationStreams notifications(StreamExecutionEnvironment env) {
        switch (conf.get(TrailstreamOptions.NOTIFICATIONS_SOURCE)) {
            case LOCAL: {
                String input = conf.getOptional(TrailstreamOptions.LOCAL_INPUT)
                        .orElseThrow(() -> new JobConfig.ConfigException(TrailstreamOptions.LOCAL_INPUT.key()
                                + " must be set when notifications.source is LOCAL"));
                DataStream<ObjectRef> refs = env.fromSource(
                                LocalBucketSource.create(
                                        Path.of(input),
                                        conf.getOptional(TrailstreamOptions.LOCAL_WATCH_INTERVAL)
                                                .orElse(null)),
                                WatermarkStrategy.noWatermarks(),
                                "local bucket " + input,
                                TypeInformation.of(ObjectRef.class))
                        .uid("local-bucket-source");
                return new NotificationStreams(refs, null);
            }
            case KINESIS:
            default: {
                SingleOutputStreamOperator<ObjectRef> refs = InputSources.notifications(env, conf)
                        .process(new NotificationParseFunction())
                        .returns(TypeInformation.of(ObjectRef.class))
                        .uid("parse-notifications")
                        .name("parse notifications");
                return new NotificationStreams(refs, refs.getSideOutput(NotificationParseFunction.DEAD_LETTERS));
            }
        }
    }

    /** The objects announced, and the notifications that could not be used. */
    private static final class NotificationStreams {
        final DataStream<ObjectRef> objects;
        final DataStream<DeadLetter> deadLetters;

        NotificationStreams(DataStream<ObjectRef> objects, DataStream<DeadLetter> deadLetters) {
            this.objects = objects;
            this.deadLetters = deadLetters;
        }
    }
}
