package io.trailstream.cli;

import io.trailstream.control.ControlView;
import io.trailstream.iceberg.CatalogOptions;
import io.trailstream.job.JobConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Option;

/**
 * Where the ops commands learn the current integrations besides a control folder: the job's config
 * file (its {@code integrations} are the state the job starts from; its {@code catalog.*} options name
 * the Iceberg catalog) and the local warehouse of an embedded run.
 */
public class StateSourceOptions {
    @Option(names = "--config", paramLabel = "FILE", order = 10,
            description = "The job's config file: its integrations are the state the job starts from; its "
                    + "catalog.* options name the Iceberg catalog holding the integrations table.")
    public Path config;

    @Option(names = "--warehouse", paramLabel = "DIR", order = 11,
            description = "Read the integrations table from this local Iceberg warehouse (its SQLite catalog "
                    + "DIR/catalog.db, as `trailstream local` writes) instead of the config's catalog.")
    public Path warehouse;

    private JobConfig loaded;

    /** Whether a catalog is named, so the {@code integrations} table can be read. */
    public boolean hasCatalog() {
        return config != null || warehouse != null;
    }

    /**
     * The config file, loaded once; null without {@code --config}.
     *
     * @throws JobConfig.ConfigException naming the file, key and value at fault
     */
    public JobConfig jobConfig() {
        if (config == null) return null;
        if (loaded == null) {
            if (!Files.isRegularFile(config)) throw new JobConfig.ConfigException("--config: '" + config + "' is not a file");
            loaded = JobConfig.load(config);
        }
        return loaded;
    }

    /** The config's integrations as the state the job starts from; null without {@code --config}. */
    public ControlView seeds() {
        JobConfig c = jobConfig();
        return c == null ? null : c.seeds();
    }

    /** Where {@link #seeds()} come from, for messages. */
    public String seedsSource() {
        return "the integrations of config " + config;
    }

    /**
     * The catalog options: the config's, with {@code --warehouse} making it the local SQLite catalog of that
     * folder; null when neither option is given.
     */
    public Configuration catalog() {
        if (!hasCatalog()) return null;
        JobConfig c = jobConfig();
        Configuration conf = c == null ? new Configuration() : new Configuration(c.configuration());
        if (warehouse != null) {
            if (!Files.isDirectory(warehouse)) throw new IllegalArgumentException("--warehouse: '" + warehouse + "' is not a folder");
            conf.set(CatalogOptions.TYPE, CatalogOptions.CatalogType.JDBC);
            conf.removeConfig(CatalogOptions.URI);
            conf.set(CatalogOptions.WAREHOUSE, warehouse.toAbsolutePath().normalize().toString());
        }
        return conf;
    }
}
