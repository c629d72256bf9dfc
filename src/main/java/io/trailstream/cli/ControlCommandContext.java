package io.trailstream.cli;

import io.trailstream.aws.AwsClientSettings;
import io.trailstream.aws.AwsClients;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.flink.configuration.Configuration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * What the control subcommands need from their surroundings: a clock, message ids, how to reach a
 * publisher, and where to read the current integrations for the options given. Tests replace the
 * clock and the ids; everything else follows from the command-line options.
 */
public class ControlCommandContext {
    private Clock clock = Clock.systemUTC();
    private Supplier<String> ids = () -> UUID.randomUUID().toString();
    private Function<ControlPublishOptions, KinesisClient> kinesisClients = ControlCommandContext::defaultKinesisClient;
    private java.util.List<software.amazon.awssdk.core.interceptor.ExecutionInterceptor> awsInterceptors =
            java.util.List.of();

    /** Issue times from {@code clock} and message ids from {@code ids}. */
    public ControlCommandContext withClock(Clock clock, Supplier<String> ids) {
        this.clock = clock;
        this.ids = ids;
        return this;
    }

    /** How a Kinesis client is made for the options (default: the AWS SDK's chains, with --region and --endpoint). */
    public ControlCommandContext withKinesisClients(Function<ControlPublishOptions, KinesisClient> kinesisClients) {
        this.kinesisClients = kinesisClients;
        return this;
    }

    /** Interceptors every client of {@code trailstream aws} gets (tests record the actions called). */
    public ControlCommandContext withAwsInterceptors(
            java.util.List<software.amazon.awssdk.core.interceptor.ExecutionInterceptor> interceptors) {
        this.awsInterceptors = java.util.List.copyOf(interceptors);
        return this;
    }

    /** The interceptors of {@code trailstream aws}'s clients. */
    public java.util.List<software.amazon.awssdk.core.interceptor.ExecutionInterceptor> awsInterceptors() {
        return awsInterceptors;
    }

    /** Now, by the context's clock. */
    public long nowMillis() {
        return clock.millis();
    }

    /** A Kinesis client for the stream, region and endpoint of {@code o} (validated), as the publishers use. */
    public KinesisClient kinesisClient(ControlPublishOptions o) {
        return kinesisClients.apply(o);
    }

    /** A message builder signing with the options' author. */
    public ControlMessageBuilder builder(ControlPublishOptions o) {
        return new ControlMessageBuilder(o.author(), clock, ids);
    }

    /** The publisher the (validated) options name. */
    public ControlPublisher publisher(ControlPublishOptions o) {
        if (o.folder != null) return new LocalFolderPublisher(o.folder);
        return new KinesisControlPublisher(kinesisClients.apply(o), o.stream(), true);
    }

    /**
     * Where a change is checked before it is published: with {@code --to-folder}, that folder's messages
     * replayed over the config's integrations; with {@code --kinesis-stream}, the {@code integrations}
     * table of the catalog named by {@code --warehouse} or {@code --config} (the config's integrations
     * while it does not exist yet). Null when no catalog is named.
     */
    public IntegrationLookup lookupForChange(ControlPublishOptions o, StateSourceOptions s) {
        if (o.folder != null) {
            if (s.warehouse != null) {
                throw new IllegalArgumentException("--warehouse is not read when publishing to a control folder ("
                        + o.folder
                        + "): its messages, over the integrations of --config if given, are the state a change"
                        + " is checked against");
            }
            return new FolderIntegrationLookup(o.folder, s.seeds());
        }
        Configuration catalog = s.catalog();
        return catalog == null ? null : new TableIntegrationLookup(catalog, s.seeds(), seedsLookup(s));
    }

    /**
     * Where {@code integration list} reads: the {@code integrations} table when a catalog is named, else (or
     * while the table does not exist yet) the control folder replayed over the config's integrations, or the
     * config's integrations alone. Null when none of the three is given.
     */
    public IntegrationLookup lookupForList(Path fromFolder, StateSourceOptions s) {
        IntegrationLookup local =
                fromFolder != null ? new FolderIntegrationLookup(fromFolder, s.seeds()) : seedsLookup(s);
        Configuration catalog = s.catalog();
        if (catalog != null) return new TableIntegrationLookup(catalog, s.seeds(), local);
        return fromFolder == null ? null : local;
    }

    private static IntegrationLookup seedsLookup(StateSourceOptions s) {
        return s.config != null
                ? IntegrationLookup.fixed(s.seeds(), s.seedsSource())
                : IntegrationLookup.fixed(null, "no integrations (no --config given)");
    }

    /**
     * The JDK's URLConnection HTTP client, as the job's Kinesis source uses; credentials from the SDK's chain;
     * the SDK's own retries, as a one-off command wants them.
     */
    private static KinesisClient defaultKinesisClient(ControlPublishOptions o) {
        AwsClientSettings settings = AwsClientSettings.builder()
                .region(o.stream().region(o.region))
                .endpoint(o.endpoint)
                .httpClient(AwsClientSettings.HttpClient.URL_CONNECTION)
                .build();
        try {
            return AwsClients.kinesis(settings);
        } catch (SdkClientException e) {
            throw new IllegalArgumentException("no AWS region for Kinesis stream " + o.kinesisStream
                    + ": give --region REGION, or the stream's ARN, or set AWS_REGION");
        }
    }
}
