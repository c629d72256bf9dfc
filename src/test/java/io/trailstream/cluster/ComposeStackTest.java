package io.trailstream.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.trailstream.cli.TrailstreamCommand;
import io.trailstream.iceberg.CatalogOptions;
import io.trailstream.job.JobConfig;
import io.trailstream.object.store.ObjectStoreOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/**
 * The compose stack ({@code docker/docker-compose.yml}) without a Docker engine: Docker Compose itself parses and
 * validates it ({@code docker-compose config}, from Debian's {@code docker-compose} package, which this test
 * installs when it is missing), its images are the versions the build tests against, the job config is not
 * named {@code compose.yaml}, talks to the emulators on the ports the services listen on, and every bucket and
 * stream it uses is one the init step creates.
 */
class ComposeStackTest {
    private static final Path PROJECT =
            Path.of(System.getProperty("trailstream.project.dir", ".")).toAbsolutePath();
    private static final Path DOCKER = PROJECT.resolve("docker");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void dockerComposeAcceptsTheStack() throws Exception {
        String compose = composeCli();
        Process p = new ProcessBuilder(
                        compose, "-f", DOCKER.resolve("docker-compose.yml").toString(), "config")
                .directory(DOCKER.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as("docker-compose config:%n%s", out).isZero();
        JsonNode resolved = YAML.readTree(out);
        assertThat(resolved.path("services").fieldNames())
                .toIterable()
                .contains("s3", "kinesis", "init", "iceberg-rest", "jobmanager", "taskmanager", "feeder");
    }

    @Test
    void theImagesAreTheTestedVersions() throws Exception {
        JsonNode services = services();
        String pom = Files.readString(PROJECT.resolve("pom.xml"));
        String kinesisLocal = YAML.readTree(
                        PROJECT.resolve("src/test/emulators/package.json").toFile())
                .path("dependencies")
                .path("kinesis-local")
                .asText();
        assertThat(image(services, "s3")).isEqualTo("adobe/s3mock:" + property(pom, "s3mock.version"));
        assertThat(image(services, "kinesis")).isEqualTo("ghcr.io/etspaceman/kinesis-mock:" + kinesisLocal);
        assertThat(image(services, "iceberg-rest"))
                .isEqualTo("apache/iceberg-rest-fixture:" + property(pom, "iceberg.version"));
        assertThat(Files.readString(DOCKER.resolve("Dockerfile")))
                .contains("FROM flink:" + property(pom, "flink.version") + "-java17")
                .contains("flink-s3-fs-hadoop-" + property(pom, "flink.version") + ".jar");
    }

    @Test
    void theJobTalksToTheEmulatorsItsInitStepPrepared() throws Exception {
        JsonNode services = services();
        assertThat(DOCKER.resolve("compose.yaml"))
                .as("a job config Compose would take for the stack")
                .doesNotExist();
        String mount = services.path("jobmanager").path("volumes").get(0).asText();
        Path jobFile = DOCKER.resolve(mount.substring(0, mount.indexOf(':')));
        assertThat(services.path("jobmanager").path("command").asText())
                .contains("--job-classname " + TrailstreamCommand.class.getName())
                .contains("run --config " + mount.split(":")[1]);
        JobConfig job = JobConfig.load(jobFile);
        Configuration conf = job.configuration();

        String plainPort = services.path("kinesis")
                .path("environment")
                .path("KINESIS_MOCK_PLAIN_PORT")
                .asText();
        for (String prefix : List.of("notifications.kinesis.", "control.kinesis.")) {
            assertThat(conf.getString(prefix + "aws.endpoint", null))
                    .as("%saws.endpoint: kinesis-mock's plain port", prefix)
                    .isEqualTo("http://kinesis:" + plainPort);
        }
        String s3Port = services.path("s3").path("ports").get(0).asText().split(":")[1];
        assertThat(conf.get(ObjectStoreOptions.ENDPOINT)).isEqualTo("http://s3:" + s3Port);

        String init = Files.readString(DOCKER.resolve("init.sh"));
        List<String> buckets = new ArrayList<>();
        buckets.add(URI.create(conf.get(CatalogOptions.WAREHOUSE)).getHost());
        job.integrations().forEach(i -> buckets.add(i.bucket));
        Matcher checkpoints = Pattern.compile("execution.checkpointing.dir: s3://([^/\\s]+)")
                .matcher(services.path("jobmanager")
                        .path("environment")
                        .path("FLINK_PROPERTIES")
                        .asText());
        assertThat(checkpoints.find()).as("checkpoints on S3").isTrue();
        buckets.add(checkpoints.group(1));
        Matcher created = Pattern.compile("for bucket in ([^;]+);").matcher(init);
        assertThat(created.find()).isTrue();
        assertThat(List.of(created.group(1).trim().split("\\s+"))).containsAll(buckets);
        for (String prefix : List.of("notifications.kinesis.", "control.kinesis.")) {
            String arn = conf.getString(prefix + "stream.arn", "");
            assertThat(init).contains(arn.substring(arn.lastIndexOf('/') + 1) + ":");
        }
        String feeder = Files.readString(DOCKER.resolve("feeder.sh"));
        String notifications = conf.getString("notifications.kinesis.stream.arn", "");
        assertThat(feeder)
                .contains("s3://" + job.integrations().get(0).bucket + "/")
                .contains("--stream-name " + notifications.substring(notifications.lastIndexOf('/') + 1));
    }

    private static JsonNode services() throws IOException {
        return YAML.readTree(DOCKER.resolve("docker-compose.yml").toFile()).path("services");
    }

    private static String image(JsonNode services, String name) {
        return services.path(name).path("image").asText();
    }

    private static String property(String pom, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
        assertThat(m.find()).as("pom property %s", name).isTrue();
        return m.group(1);
    }

    /** {@code docker-compose}; installed from Debian's packages when it is not on the PATH (as CI runs, as root). */
    private static String composeCli() throws Exception {
        if (onPath("docker-compose")) return "docker-compose";
        for (List<String> step : List.of(
                List.of("apt-get", "install", "-y", "-q", "docker-compose"),
                List.of("apt-get", "update", "-q"),
                List.of("apt-get", "install", "-y", "-q", "docker-compose"))) {
            Process p = new ProcessBuilder(step).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.MINUTES);
            if (onPath("docker-compose")) return "docker-compose";
            if (step.get(1).equals("update") && p.exitValue() != 0) {
                throw new AssertionError("apt-get update failed:\n" + out);
            }
        }
        throw new AssertionError("docker-compose is not on the PATH and 'apt-get install -y docker-compose' failed");
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) return true;
        }
        return false;
    }
}
