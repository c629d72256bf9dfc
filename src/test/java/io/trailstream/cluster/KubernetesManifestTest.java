package io.trailstream.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.trailstream.cli.TrailstreamCommand;
import io.trailstream.job.JobConfig;
import io.trailstream.object.store.ObjectStoreOptions;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code k8s/trailstream.yaml} against the Flink Kubernetes Operator's own CRD schema (the openAPIV3Schema of
 * {@code flinkdeployments.flink.apache.org} in {@code flink-kubernetes-operator-api}, the newest release Maven
 * Central serves here: 1.10.0): every field is one the operator knows, of its type and enum. One deviation is
 * stated, not skipped: {@code flinkVersion: v2_1} is in the enum from operator 1.13.0 on (FLINK-38147), after
 * 1.10's {@code v1_20}. On top, what the operator's validator requires for this deployment: application mode with
 * a {@code local://} jar in {@code usrlib/}, savepoint upgrades with checkpoint and savepoint folders, Kubernetes
 * HA, and the IRSA service account.
 */
class KubernetesManifestTest {
    private static final Path PROJECT = Path.of(System.getProperty("trailstream.project.dir", "."));
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String CRD = "/META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml";

    @Test
    void theFlinkDeploymentMatchesTheOperatorsSchema() throws Exception {
        JsonNode deployment = document("FlinkDeployment");
        JsonNode schema;
        try (InputStream in = KubernetesManifestTest.class.getResourceAsStream(CRD)) {
            assertThat(in).as("the operator's CRD on the test class path").isNotNull();
            JsonNode crd = YAML.readTree(in);
            JsonNode version = crd.path("spec").path("versions").get(0);
            assertThat(version.path("name").asText())
                    .isEqualTo(deployment.path("apiVersion").asText().split("/")[1]);
            schema = version.path("schema").path("openAPIV3Schema");
        }
        List<String> errors = new ArrayList<>();
        validate(deployment.path("spec"), schema.path("properties").path("spec"), "spec", errors);
        assertThat(errors)
                .as("fields the operator 1.10 schema rejects")
                .containsExactly("spec.flinkVersion: 'v2_1' not in [v1_13, v1_14, v1_15, v1_16, v1_17, v1_18,"
                        + " v1_19, v1_20]");
    }

    @Test
    void theDeploymentIsAnApplicationUpgradedThroughSavepointsWithKubernetesHaAndIrsa() throws Exception {
        JsonNode spec = document("FlinkDeployment").path("spec");
        JsonNode job = spec.path("job");
        JsonNode conf = spec.path("flinkConfiguration");
        assertThat(job.path("jarURI").asText()).isEqualTo("local:///opt/flink/usrlib/trailstream.jar");
        assertThat(job.path("entryClass").asText()).isEqualTo(TrailstreamCommand.class.getName());
        assertThat(job.path("args").get(0).asText()).as("the command").isEqualTo("run");
        assertThat(job.path("upgradeMode").asText()).isEqualTo("savepoint");
        assertThat(conf.path("high-availability.type").asText()).isEqualTo("kubernetes");
        assertThat(conf.path("high-availability.storageDir").asText()).startsWith("s3://");
        assertThat(conf.path("execution.checkpointing.dir").asText()).startsWith("s3://");
        assertThat(conf.path("execution.checkpointing.savepoint-dir").asText()).startsWith("s3://");
        assertThat(conf.path("state.backend.type").asText()).isEqualTo("rocksdb");
        List<String> keys = new ArrayList<>();
        conf.fieldNames().forEachRemaining(keys::add);
        assertThat(FlinkOptionKeys.unknown(keys, "s3.", "metrics.reporter.prom.", "kubernetes.", "high-availability."))
                .as("flinkConfiguration keys Flink 2.1 does not know")
                .isEmpty();

        JsonNode account = document("ServiceAccount");
        assertThat(spec.path("serviceAccount").asText())
                .isEqualTo(account.path("metadata").path("name").asText());
        assertThat(account.path("metadata")
                        .path("annotations")
                        .path("eks.amazonaws.com/role-arn")
                        .asText())
                .startsWith("arn:aws:iam::");
        JsonNode mount = spec.path("podTemplate")
                .path("spec")
                .path("containers")
                .get(0)
                .path("volumeMounts")
                .get(0);
        assertThat(job.path("args").get(1).asText()).isEqualTo("--config");
        assertThat(job.path("args").get(2).asText())
                .isEqualTo(mount.path("mountPath").asText() + "/trailstream.yaml");
        assertThat(document("ConfigMap").path("data").has("trailstream.yaml")).isTrue();
    }

    @Test
    void theConfigMapHoldsAJobConfigTheJobAccepts(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("trailstream.yaml");
        Files.writeString(
                file,
                document("ConfigMap").path("data").path("trailstream.yaml").asText());
        JobConfig config = JobConfig.load(file);
        assertThat(config.integrations()).isNotEmpty();
        assertThat(config.deprecatedKeys()).as("former key names").isEmpty();
        assertThat(config.configuration().get(ObjectStoreOptions.REGION)).isEqualTo("eu-west-1");
    }

    private static JsonNode document(String kind) throws Exception {
        try (YAMLParser parser = new YAMLFactory()
                .createParser(PROJECT.resolve("k8s/trailstream.yaml").toFile())) {
            Iterator<JsonNode> docs = YAML.readValues(parser, JsonNode.class);
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (kind.equals(doc.path("kind").asText())) return doc;
            }
        }
        throw new AssertionError("no " + kind + " in k8s/trailstream.yaml");
    }

    /** The structural part of OpenAPI v3 schema validation that Kubernetes applies to a custom resource. */
    static void validate(JsonNode value, JsonNode schema, String path, List<String> errors) {
        if (schema.path("x-kubernetes-int-or-string").asBoolean()) {
            if (!value.isIntegralNumber() && !value.isTextual()) errors.add(path + ": not an int or a string");
            return;
        }
        String type = schema.path("type").asText("");
        switch (type) {
            case "object":
                if (!value.isObject()) {
                    errors.add(path + ": not an object");
                    return;
                }
                JsonNode properties = schema.path("properties");
                JsonNode additional = schema.path("additionalProperties");
                boolean open =
                        schema.path("x-kubernetes-preserve-unknown-fields").asBoolean();
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    String at = path + "." + field.getKey();
                    if (properties.has(field.getKey())) {
                        validate(field.getValue(), properties.get(field.getKey()), at, errors);
                    } else if (additional.isObject()) {
                        validate(field.getValue(), additional, at, errors);
                    } else if (!open) {
                        errors.add(at + ": no such field");
                    }
                }
                for (JsonNode required : schema.path("required")) {
                    if (!value.has(required.asText())) errors.add(path + "." + required.asText() + ": required");
                }
                return;
            case "array":
                if (!value.isArray()) {
                    errors.add(path + ": not an array");
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    validate(value.get(i), schema.path("items"), path + "[" + i + "]", errors);
                }
                return;
            case "string":
                if (!value.isTextual()) errors.add(path + ": not a string but " + value);
                else if (schema.has("enum")) {
                    List<String> allowed = new ArrayList<>();
                    schema.path("enum").forEach(e -> allowed.add(e.asText()));
                    if (!allowed.contains(value.asText())) {
                        errors.add(path + ": '" + value.asText() + "' not in " + allowed);
                    }
                }
                return;
            case "integer":
                if (!value.isIntegralNumber()) errors.add(path + ": not an integer but " + value);
                return;
            case "number":
                if (!value.isNumber()) errors.add(path + ": not a number but " + value);
                return;
            case "boolean":
                if (!value.isBoolean()) errors.add(path + ": not a boolean but " + value);
                return;
            default:
            // no type: anything (x-kubernetes-preserve-unknown-fields)
        }
    }
}
