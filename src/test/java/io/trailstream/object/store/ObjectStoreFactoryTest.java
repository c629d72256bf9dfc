package io.trailstream.object.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailstream.aws.CredentialsProviderType;
import io.trailstream.notification.ObjectRef;
import io.trailstream.testing.S3Emulator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.description.HtmlFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ObjectStoreFactoryTest {
    @RegisterExtension
    static final S3Emulator S3 = new S3Emulator("trail-logs");

    @Test
    void defaults() {
        S3Settings settings =
                ObjectStoreFactory.fromConfiguration(new Configuration()).s3Settings();

        assertThat(settings.region()).isNull();
        assertThat(settings.endpoint()).isNull();
        assertThat(settings.pathStyleAccess()).isFalse();
        assertThat(settings.credentialsProvider()).isEqualTo(CredentialsProviderType.DEFAULT);
        assertThat(settings.maxConnections()).isEqualTo(64);
        assertThat(settings.retryPolicy().maxAttempts()).isEqualTo(6);
    }

    @Test
    void everyKeyIsReadFromTextConfiguration() {
        Configuration config = Configuration.fromMap(Map.of(
                "fetch.s3.region", "eu-west-1",
                "fetch.s3.endpoint", "http://127.0.0.1:9090",
                "fetch.s3.path-style-access", "true",
                "fetch.s3.credentials.provider", "static",
                "fetch.s3.credentials.access-key-id", "AKIDEXAMPLE",
                "fetch.s3.credentials.secret-access-key", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                "fetch.s3.max-connections", "8",
                "fetch.s3.retries", "2",
                "fetch.s3.retry.base-delay", "50 ms",
                "fetch.s3.retry.max-delay", "2 s"));

        S3Settings settings = S3Settings.fromConfiguration(config);

        assertThat(settings.region()).isEqualTo("eu-west-1");
        assertThat(settings.endpoint()).isEqualTo("http://127.0.0.1:9090");
        assertThat(settings.pathStyleAccess()).isTrue();
        assertThat(settings.credentialsProvider()).isEqualTo(CredentialsProviderType.STATIC);
        assertThat(settings.accessKeyId()).isEqualTo("AKIDEXAMPLE");
        assertThat(settings.maxConnections()).isEqualTo(8);
        assertThat(settings.retryPolicy().maxAttempts()).isEqualTo(3);
        assertThat(settings.retryPolicy().backoffMillis(1, 0.0)).isEqualTo(25);
        assertThat(settings.retryPolicy().backoffMillis(10, 0.0)).isEqualTo(1000);
        assertThat(settings.toString()).contains("eu-west-1", "static").doesNotContain("wJalrXUtnFEMI", "bPxRfiCY");
    }

    @Test
    void theFormerS3KeysAreStillReadAndTheNewOnesWin() {
        S3Settings old = S3Settings.fromConfiguration(Configuration.fromMap(
                Map.of("s3.region", "eu-west-1", "s3.endpoint", "http://127.0.0.1:9090", "s3.max-connections", "8")));
        assertThat(old.region()).isEqualTo("eu-west-1");
        assertThat(old.endpoint()).isEqualTo("http://127.0.0.1:9090");
        assertThat(old.maxConnections()).isEqualTo(8);

        S3Settings both = S3Settings.fromConfiguration(
                Configuration.fromMap(Map.of("s3.region", "eu-west-1", "fetch.s3.region", "us-east-2")));
        assertThat(both.region()).isEqualTo("us-east-2");
    }

    @Test
    void inconsistentSettingsFailEarly() {
        assertThatThrownBy(() -> S3Settings.fromConfiguration(
                        Configuration.fromMap(Map.of("fetch.s3.credentials.provider", "static"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fetch.s3.credentials.access-key-id");
        assertThatThrownBy(() -> S3Settings.fromConfiguration(
                        Configuration.fromMap(Map.of("fetch.s3.endpoint", "localhost:9090"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fetch.s3.endpoint");
        assertThatThrownBy(() ->
                        S3Settings.fromConfiguration(Configuration.fromMap(Map.of("fetch.s3.max-connections", "0"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> S3Settings.fromConfiguration(Configuration.fromMap(Map.of("fetch.s3.retries", "-1"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyOptionHasAKeyUnderFetchS3ADescriptionAndItsFormerName() throws IllegalAccessException {
        List<String> keys = new ArrayList<>();
        for (Field field : ObjectStoreOptions.class.getFields()) {
            if (!Modifier.isStatic(field.getModifiers()) || field.getType() != ConfigOption.class) continue;
            ConfigOption<?> option = (ConfigOption<?>) field.get(null);
            keys.add(option.key());
            assertThat(option.fallbackKeys())
                    .as("the former name of %s, still read", option.key())
                    .singleElement()
                    .satisfies(k -> {
                        assertThat(k.isDeprecated()).isTrue();
                        assertThat("fetch." + k.getKey()).isEqualTo(option.key());
                    });
            assertThat(new HtmlFormatter().format(option.description()))
                    .as(option.key())
                    .hasSizeGreaterThan(20);
        }
        assertThat(keys)
                .contains(
                        "fetch.s3.region",
                        "fetch.s3.endpoint",
                        "fetch.s3.path-style-access",
                        "fetch.s3.credentials.provider",
                        "fetch.s3.credentials.access-key-id",
                        "fetch.s3.credentials.secret-access-key",
                        "fetch.s3.max-connections",
                        "fetch.s3.retries")
                .allMatch(k -> k.startsWith(ObjectStoreOptions.PREFIX));
    }

    @Test
    void factorySurvivesJavaSerialization() throws Exception {
        ObjectStoreFactory factory = ObjectStoreFactory.fromConfiguration(S3.configuration());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(factory);
        }
        ObjectStoreFactory copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (ObjectStoreFactory) in.readObject();
        }
        S3.put("trail-logs", "serialized.json", "{}".getBytes(StandardCharsets.UTF_8));

        try (ObjectStore store = copy.create();
                OpenedObject object = store.open(ObjectRef.s3("trail-logs", "serialized.json"))) {
            assertThat(object.stream().readAllBytes()).isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void oneStoreRoutesBySchemeAndBuildsS3Lazily(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("local.json"), "{\"local\":true}");
        S3.put("trail-logs", "remote.json", "{\"remote\":true}".getBytes(StandardCharsets.UTF_8));
        ObjectRef local = new ObjectRef();
        local.scheme = "file";
        local.bucket = folder.toString();
        local.key = "local.json";

        try (SchemeRoutingObjectStore store = (SchemeRoutingObjectStore)
                ObjectStoreFactory.fromConfiguration(S3.configuration()).create()) {
            try (OpenedObject object = store.open(local)) {
                assertThat(new String(object.stream().readAllBytes(), StandardCharsets.UTF_8))
                        .isEqualTo("{\"local\":true}");
            }
            assertThat(store.storeIfCreated("s3"))
                    .as("no S3 client for local objects")
                    .isNull();

            try (OpenedObject object = store.open(ObjectRef.s3("trail-logs", "remote.json"))) {
                assertThat(new String(object.stream().readAllBytes(), StandardCharsets.UTF_8))
                        .isEqualTo("{\"remote\":true}");
            }
            assertThat(store.storeIfCreated("s3")).isInstanceOf(S3ObjectStore.class);
            assertThat(store.storeIfCreated("file")).isInstanceOf(LocalObjectStore.class);

            ObjectRef ftp = ObjectRef.s3("host", "x");
            ftp.scheme = "ftp";
            assertThatThrownBy(() -> store.open(ftp))
                    .isInstanceOf(ObjectFetchException.class)
                    .satisfies(e -> assertThat(((ObjectFetchException) e).reason())
                            .isEqualTo(ObjectFetchException.Reason.INVALID_REF));
        }
    }

    @Test
    void createForOneScheme() throws IOException {
        ObjectStoreFactory factory = new ObjectStoreFactory(S3.settings());
        try (ObjectStore s3 = factory.create("s3");
                ObjectStore file = factory.create("file")) {
            assertThat(s3).isInstanceOf(S3ObjectStore.class);
            assertThat(file).isInstanceOf(LocalObjectStore.class);
        }
        assertThat(factory.supports("gs")).isFalse();
        assertThatThrownBy(() -> factory.create("gs")).isInstanceOf(IllegalArgumentException.class);
    }
}
