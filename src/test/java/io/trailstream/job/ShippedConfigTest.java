package io.trailstream.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.trailstream.iceberg.IcebergCatalogs;
import io.trailstream.kinesis.KinesisSource;
import io.trailstream.kinesis.config.KinesisSourceOptions;
import io.trailstream.object.store.ObjectStoreFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The configuration files the project ships (the cluster example, the compose stack's job config) are ones
 * the job accepts: every documented option parses to its type, the Kinesis sources and the S3 and catalog
 * settings build, and the integrations are valid. Without this, an example could rot unnoticed.
 */
class ShippedConfigTest {
    private static final Path PROJECT = Path.of(System.getProperty("trailstream.project.dir", "."));

    @ParameterizedTest
    @ValueSource(strings = {"conf/trailstream.yaml", "docker/trailstream-job.yaml"})
    void theJobAcceptsIt(String file) throws Exception {
        JobConfig config = JobConfig.load(PROJECT.resolve(file));
        Configuration conf = config.configuration();
        for (ConfigOption<?> option : options()) {
            conf.getOptional(option); // throws, naming the key, when a value does not parse
        }
        assertThat(config.integrations()).as("integrations of %s", file).isNotEmpty();
        assertThat(config.deprecatedKeys()).as("former key names in %s", file).isEmpty();
        KinesisSource.payloadsFromConfiguration(
                KinesisSourceOptions.subset(conf, InputSources.NOTIFICATIONS_KINESIS_PREFIX));
        if (conf.get(TrailstreamOptions.CONTROL_SOURCE) == TrailstreamOptions.ControlSource.KINESIS) {
            KinesisSource.payloadsFromConfiguration(
                    KinesisSourceOptions.subset(conf, InputSources.CONTROL_KINESIS_PREFIX));
        }
        ObjectStoreFactory.fromConfiguration(conf);
        assertThat(IcebergCatalogs.properties(conf)).containsKey("uri");
    }

    @Test
    void theComposeStackMountsTheJobConfigAndBuildsTheJobImage() throws Exception {
        JsonNode compose = new ObjectMapper(new YAMLFactory())
                .readTree(PROJECT.resolve("docker/docker-compose.yml").toFile());
        JsonNode services = compose.get("services");
        assertThat(services.fieldNames())
                .toIterable()
                .contains("jobmanager", "taskmanager", "s3", "kinesis", "iceberg-rest");
        JsonNode jobmanager = services.get("jobmanager");
        assertThat(jobmanager.get("build").get("dockerfile").asText()).isEqualTo("docker/Dockerfile");
        assertThat(jobmanager.get("command").asText())
                .contains("--job-classname io.trailstream.cli.TrailstreamCommand")
                .contains("run --config");
        String mount = jobmanager.get("volumes").get(0).asText();
        assertThat(PROJECT.resolve("docker").resolve(mount.substring(0, mount.indexOf(':'))))
                .exists();
        String dockerfile = Files.readString(PROJECT.resolve("docker/Dockerfile"));
        assertThat(dockerfile)
                .contains("FROM flink:2.1.1-java17")
                .contains("target/trailstream.jar")
                .contains("plugins/s3-fs-hadoop");
        for (String line : dockerfile.split("\n")) {
            if (line.startsWith("COPY") && line.contains("conf/")) {
                String source = line.split("\\s+")[line.split("\\s+").length - 2];
                assertThat(PROJECT.resolve(source)).as("COPY source %s", source).exists();
            }
        }
    }

    private static List<ConfigOption<?>> options() throws IllegalAccessException {
        List<ConfigOption<?>> out = new ArrayList<>();
        for (Class<?> holder : List.of(
                TrailstreamOptions.class,
                io.trailstream.iceberg.CatalogOptions.class,
                io.trailstream.object.store.ObjectStoreOptions.class)) {
            for (var f : holder.getFields()) {
                if (ConfigOption.class.isAssignableFrom(f.getType())) out.add((ConfigOption<?>) f.get(null));
            }
        }
        return out;
    }
}
