package io.trailstream.cli;

import io.trailstream.control.ControlView;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;

/**
 * What the control subcommands need from their surroundings: a clock, message ids, how to reach a
 * publisher, and how to read the current integrations. The top command configures it (the Iceberg
 * catalog, the config's integrations); tests replace the clock, the ids and the Kinesis client.
 */
public class ControlCommandContext {
    private Clock clock = Clock.systemUTC();
    private Supplier<String> ids = () -> UUID.randomUUID().toString();
    private ControlView seeds;
    private Supplier<IntegrationLookup> tableLookup;
    private Function<ControlPublishOptions, KinesisClient> kinesisClients = ControlCommandContext::defaultKinesisClient;

    public ControlCommandContext withClock(Clock clock, Supplier<String> ids) {
        this.clock = clock;
        this.ids = ids;
        return this;
    }

    /** The config's integrations, which messages in a control folder are applied over. */
    public ControlCommandContext withSeeds(ControlView seeds) {
        this.seeds = seeds;
        return this;
    }

    /** How to read the {@code integrations} table when publishing to Kinesis; without it, changes need --force. */
    public ControlCommandContext withTableLookup(Supplier<IntegrationLookup> tableLookup) {
        this.tableLookup = tableLookup;
        return this;
    }

    public ControlCommandContext withKinesisClients(Function<ControlPublishOptions, KinesisClient> kinesisClients) {
        this.kinesisClients = kinesisClients;
        return this;
    }

    /** Now, by the context's clock. */
    public long nowMillis() {
        return clock.millis();
    }

    public ControlMessageBuilder builder(ControlPublishOptions o) {
        return new ControlMessageBuilder(o.author(), clock, ids);
    }

    /** The publisher the options name; exactly one of --to-folder and --kinesis-stream must be given. */
    public ControlPublisher publisher(ControlPublishOptions o) {
        requireOneTarget(o);
        if (o.folder != null) return new LocalFolderPublisher(o.folder);
        return new KinesisControlPublisher(kinesisClients.apply(o), o.kinesisStream, true);
    }

    /** Where the current integrations are read for these options, or null when nowhere is configured. */
    public IntegrationLookup lookup(ControlPublishOptions o) {
        if (o.folder != null) return new FolderIntegrationLookup(o.folder, seeds);
        return tableLookup == null ? null : tableLookup.get();
    }

    static void requireOneTarget(ControlPublishOptions o) {
        if ((o.folder == null) == (o.kinesisStream == null)) {
            throw new IllegalArgumentException("give exactly one of --to-folder DIR and --kinesis-stream NAME");
        }
    }

    private static KinesisClient defaultKinesisClient(ControlPublishOptions o) {
        KinesisClientBuilder b = KinesisClient.builder().httpClientBuilder(ApacheHttpClient.builder());
        if (o.region != null) b.region(Region.of(o.region));
        if (o.endpoint != null) b.endpointOverride(o.endpoint);
        return b.build();
    }
}
