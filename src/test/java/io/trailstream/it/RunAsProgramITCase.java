package io.trailstream.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailstream.cli.TrailstreamCommand;
import io.trailstream.iceberg.CatalogOptions;
import io.trailstream.job.JobConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The jar's main as a Flink cluster calls it ({@code run --config FILE}, no launcher): it returns when the job is
 * done and throws what keeps the job from starting, and never calls {@code System.exit}, which inside a JobManager
 * would end the JobManager. Were it to exit, this test's JVM would die with it and the build would fail. On a real
 * cluster: {@code JobManagerFailoverClusterIT} and the other cluster tests submit through this main.
 */
class RunAsProgramITCase {
    private static final Path SAMPLES =
            Path.of(System.getProperty("trailstream.project.dir", ".")).resolve("src/main/resources/samples");

    @Test
    void aSuccessfulRunReturnsInsteadOfExiting(@TempDir Path dir) throws Exception {
        Path warehouse = dir.resolve("warehouse");
        Path config = Files.writeString(
                dir.resolve("job.yaml"), """
                notifications:
                  source: local
                  local.path: '%s'
                catalog.warehouse: '%s'
                integrations:
                  - integration_id: samples
                    tenant_id: samples
                    bucket: '%s'
                """.formatted(SAMPLES.toAbsolutePath(), warehouse, SAMPLES.toAbsolutePath()));

        TrailstreamCommand.main(new String[] {"run", "--config", config.toString()});

        Configuration conf = new Configuration();
        conf.setString(CatalogOptions.WAREHOUSE.key(), warehouse.toString());
        try (Warehouse tables = new Warehouse(conf)) {
            assertThat(tables.count("events"))
                    .as("events of the bundled samples")
                    .isGreaterThan(0);
            assertThat(tables.count("objects")).as("ledger rows").isGreaterThan(0);
        }
    }

    @Test
    void aBadConfigThrowsNamingTheKey(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("job.yaml"), "fetch.concurency: 8\n");
        assertThatThrownBy(() -> TrailstreamCommand.main(new String[] {"run", "--config", config.toString()}))
                .isInstanceOf(JobConfig.ConfigException.class)
                .hasMessageContaining("unknown option 'fetch.concurency' (did you mean 'fetch.concurrency'?)");
    }

    @Test
    void aUsageErrorThrowsNamingTheOption() {
        assertThatThrownBy(() -> TrailstreamCommand.main(new String[] {"run"}))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--config");
    }
}
