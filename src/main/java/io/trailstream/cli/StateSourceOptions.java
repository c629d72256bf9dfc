package io.trailstream.cli;

import io.trailstream.iceberg.CatalogOptions;
import io.trailstream.job.JobConfig;
import java.nio.file.Files;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Option;

/**
 * Where the integration commands learn the current integrations besides a control folder: the job's
 * config file ({@link JobConfigOption}) and the local warehouse of an embedded run.
 */
public class StateSourceOptions extends JobConfigOption {
    @Option(
            names = "--warehouse",
            paramLabel = "DIR",
            order = 11,
            description = "Read the integrations table from this local Iceberg warehouse (its SQLite catalog "
                    + "DIR/catalog.db, as `trailstream local` writes) instead of the config's catalog.")
    public java.nio.file.Path warehouse;

    /** Whether a catalog is named, so the {@code integrations} table can be read. */
    public boolean hasCatalog() {
        return config != null || warehouse != null;
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
            if (!Files.isDirectory(warehouse))
                throw new IllegalArgumentException("--warehouse: '" + warehouse + "' is not a folder");
            conf.set(CatalogOptions.TYPE, CatalogOptions.CatalogType.JDBC);
            conf.removeConfig(CatalogOptions.URI);
            conf.set(
                    CatalogOptions.WAREHOUSE,
                    warehouse.toAbsolutePath().normalize().toString());
        }
        return conf;
    }
}
