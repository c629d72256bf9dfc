package io.trailstream.job;

import io.trailstream.iceberg.CatalogOptions;
import io.trailstream.iceberg.WriteOptions;
import io.trailstream.integrity.HealthOptions;
import io.trailstream.integrity.IntegrityOptions;
import io.trailstream.kinesis.config.KinesisSourceOptions;
import io.trailstream.maintenance.MaintenanceOptions;
import io.trailstream.object.FetchOptions;
import io.trailstream.object.store.ObjectStoreOptions;
import java.util.List;

/**
 * Every class of trailstream that holds {@code ConfigOption}s, in one list: the unknown-key check of the job
 * config ({@link UnknownKeys}) and the generated configuration reference ({@link ConfigReference},
 * docs/configuration.md) both read it. A package with options of its own adds its holder here, one line:
 * {@code OptionHolder.of(IntegrityOptions.class)}.
 */
public final class OptionRegistry {
    private OptionRegistry() {}

    /** The holders, in the order the documentation lists them. */
    public static final List<OptionHolder> HOLDERS = List.of(
            OptionHolder.of(TrailstreamOptions.class),
            OptionHolder.of(CatalogOptions.class).freeForm(CatalogOptions.PROPERTY_PREFIX),
            OptionHolder.of(IntegrityOptions.class),
            OptionHolder.of(HealthOptions.class),
            OptionHolder.of(FetchOptions.class),
            OptionHolder.of(WriteOptions.class),
            OptionHolder.of(MaintenanceOptions.class),
            // Read under fetch.s3.* (checked like every namespace of ours); their former s3.* names are still read,
            // with a warning, and s3. itself is Flink's: its S3 file systems read every s3.* key of a configuration.
            OptionHolder.of(ObjectStoreOptions.class).sharedWithFlink(ObjectStoreOptions.DEPRECATED_PREFIX),
            OptionHolder.of(KinesisSourceOptions.class)
                    .under(InputSources.NOTIFICATIONS_KINESIS_PREFIX, InputSources.CONTROL_KINESIS_PREFIX));
}
