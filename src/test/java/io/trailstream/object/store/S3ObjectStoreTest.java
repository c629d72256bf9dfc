package io.trailstream.object.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailstream.aws.AwsClients;
import io.trailstream.notification.ObjectRef;
import io.trailstream.object.gzip.Gzip;
import io.trailstream.testing.FaultInjectingProxy;
import io.trailstream.testing.FaultInjectingProxy.Fault;
import io.trailstream.testing.S3Emulator;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

class S3ObjectStoreTest {
    @RegisterExtension
    static final S3Emulator S3 = new S3Emulator("trail-logs");

    private static final String BUCKET = "trail-logs";
    private static final String KEY = "AWSLogs/111122223333/CloudTrail/us-east-1/2025/03/14/"
            + "111122223333_CloudTrail_us-east-1_20250314T0905Z_aBcD1234eFgH5678.json.gz";
    private static final String JSON = "{\"Records\":[{\"eventName\":\"GetObject\"}]}";

    private S3ObjectStore store;

    @BeforeEach
    void setUp() {
        store = S3ObjectStore.create(S3.settings());
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private static ObjectRef ref(String bucket, String key) {
        return ObjectRef.s3(bucket, key);
    }

    @Test
    void opensAnExistingObjectAsRawBytesWithLengthAndETag() throws IOException {
        String eTag = S3.putGzip(BUCKET, KEY, JSON);
        S3.clearRequests();

        try (OpenedObject object = store.open(ref(BUCKET, KEY))) {
            byte[] raw = object.stream().readAllBytes();
            assertThat(Gzip.hasGzipMagic(raw)).as("not decompressed").isTrue();
            assertThat(object.contentLength()).isEqualTo(raw.length);
            assertThat(object.eTag()).isEqualTo(eTag).doesNotContain("\"");
            assertThat(object.ref().key).isEqualTo(KEY);
        }
        assertThat(S3.getObjectRequests(BUCKET, KEY)).isEqualTo(1);
        assertThat(store.metrics().sent("GetObject")).isEqualTo(1);
    }

    @Test
    void decompressedStreamGivesTheJson() throws IOException {
        S3.putGzip(BUCKET, KEY, JSON);

        try (OpenedObject object = store.open(ref(BUCKET, KEY));
                InputStream in = object.decompressedStream()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(JSON);
        }
    }

    @Test
    void keysWithSpacesPlusAndUnicode() throws IOException {
        String key = "exports/with space+plus/caf\u00e9 \u2713.json";
        S3.put(BUCKET, key, JSON.getBytes(StandardCharsets.UTF_8));
        S3.clearRequests();

        try (OpenedObject object = store.open(ref(BUCKET, key))) {
            assertThat(new String(object.stream().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo(JSON);
        }
        assertThat(S3.getObjectRequests(BUCKET, key)).isEqualTo(1);
    }

    @Test
    void missingKeyIsObjectMissingAndNotRetried() {
        S3.clearRequests();
        String key = "AWSLogs/111122223333/CloudTrail/us-east-1/2025/03/14/nothing-here.json.gz";

        assertThatThrownBy(() -> store.open(ref(BUCKET, key)))
                .isInstanceOf(ObjectMissingException.class)
                .hasMessageContaining("s3://trail-logs/" + key)
                .satisfies(e -> {
                    ObjectFetchException fetch = (ObjectFetchException) e;
                    assertThat(fetch.reason()).isEqualTo(ObjectFetchException.Reason.NOT_FOUND);
                    assertThat(fetch.attempts()).isEqualTo(1);
                });
        assertThat(S3.getObjectRequests(BUCKET, key)).isEqualTo(1);
    }

    @Test
    void missingBucketIsObjectMissing() {
        assertThatThrownBy(() -> store.open(ref("no-such-bucket", KEY)))
                .isInstanceOf(ObjectMissingException.class)
                .hasMessageContaining("NoSuchBucket");
    }

    @Test
    void notifiedVersionIsTheOneRead() throws IOException {
        String bucket = "versioned-logs";
        S3.createBucket(bucket);
        S3Client client = S3.client();
        client.putBucketVersioning(
                b -> b.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        PutObjectResponse first = client.putObject(
                b -> b.bucket(bucket).key("k.json"),
                software.amazon.awssdk.core.sync.RequestBody.fromString("{\"v\":1}"));
        client.putObject(
                b -> b.bucket(bucket).key("k.json"),
                software.amazon.awssdk.core.sync.RequestBody.fromString("{\"v\":2}"));
        assertThat(first.versionId()).isNotBlank();

        ObjectRef old = ref(bucket, "k.json");
        old.versionId = first.versionId();
        try (OpenedObject object = store.open(old)) {
            assertThat(new String(object.stream().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"v\":1}");
        }
        try (OpenedObject object = store.open(ref(bucket, "k.json"))) {
            assertThat(new String(object.stream().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"v\":2}");
        }
    }

    @Test
    void largeObjectIsStreamedAndAnEarlyCloseLeavesTheStoreUsable() throws IOException {
        byte[] big = new byte[16 * 1024 * 1024];
        new Random(1).nextBytes(big);
        S3.put(BUCKET, "big.bin", big);

        for (int i = 0; i < 3; i++) {
            try (OpenedObject object = store.open(ref(BUCKET, "big.bin"))) {
                assertThat(object.contentLength()).isEqualTo(big.length);
                byte[] head = object.stream().readNBytes(1024);
                assertThat(head).isEqualTo(java.util.Arrays.copyOf(big, 1024));
            }
        }
        try (OpenedObject object = store.open(ref(BUCKET, "big.bin"))) {
            assertThat(object.stream().readAllBytes()).isEqualTo(big);
        }
    }

    @Test
    void pathStyleOptionDecidesHowTheBucketIsAddressed() {
        // A host name, not an IP: for an IP endpoint the SDK's endpoint rules always fall back to path style.
        String endpoint = "http://localhost:" + S3.port();
        List<URI> pathStyle = requestedUris(settingsWithPathStyle(endpoint, true));
        List<URI> virtualHost = requestedUris(settingsWithPathStyle(endpoint, false));

        assertThat(pathStyle).singleElement().satisfies(uri -> {
            assertThat(uri.getHost()).isEqualTo("localhost");
            assertThat(uri.getRawPath()).startsWith("/trail-logs/AWSLogs/");
        });
        assertThat(virtualHost).singleElement().satisfies(uri -> {
            assertThat(uri.getHost()).isEqualTo("trail-logs.localhost");
            assertThat(uri.getRawPath()).startsWith("/AWSLogs/");
        });
    }

    private static S3Settings settingsWithPathStyle(String endpoint, boolean pathStyle) {
        return S3Settings.builder()
                .region(S3Emulator.REGION)
                .endpoint(endpoint)
                .pathStyleAccess(pathStyle)
                .staticCredentials(S3Emulator.ACCESS_KEY_ID, S3Emulator.SECRET_ACCESS_KEY)
                .retries(0)
                .build();
    }

    /** The URIs the client is about to send for one open(); stopped before transmission, so no DNS is needed. */
    private static List<URI> requestedUris(S3Settings settings) {
        List<URI> uris = new ArrayList<>();
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                uris.add(context.httpRequest().getUri());
                throw new IllegalStateException("stopped by test before transmission");
            }
        };
        try (S3Client client = AwsClients.s3(settings.clientSettings(), List.of(recorder));
                S3ObjectStore recording =
                        new S3ObjectStore(client, settings.retryPolicy(), RetryPolicy.Sleeper.THREAD, null)) {
            assertThatThrownBy(() -> recording.open(ref(BUCKET, KEY)))
                    .isInstanceOf(ObjectFetchException.class)
                    .hasMessageContaining("stopped by test");
        }
        return uris;
    }

    @Test
    void throttlingIsRetriedWithBackoffThenSucceeds() throws IOException {
        S3.putGzip(BUCKET, KEY, JSON);
        List<Long> waits = new ArrayList<>();
        try (FaultInjectingProxy proxy = new FaultInjectingProxy(S3.endpoint())) {
            proxy.failNext(Fault.slowDown(), Fault.internalError());
            S3Settings settings = settingsFor(proxy.endpoint(), 3);
            S3RequestMetrics metrics = new S3RequestMetrics();
            try (S3Client client = AwsClients.s3(settings.clientSettings(), List.of(metrics));
                    S3ObjectStore retrying = new S3ObjectStore(client, settings.retryPolicy(), waits::add, metrics);
                    OpenedObject object = retrying.open(ref(BUCKET, KEY));
                    InputStream in = object.decompressedStream()) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .isEqualTo(JSON);
                assertThat(metrics.sent("GetObject")).isEqualTo(3);
                assertThat(metrics.failed("GetObject")).isEqualTo(2);
            }
            assertThat(proxy.requests()).isEqualTo(3);
            assertThat(proxy.injected()).isEqualTo(2);
        }
        // base 100 ms: first wait in [50, 100], second in [100, 200]
        assertThat(waits).hasSize(2);
        assertThat(waits.get(0)).isBetween(50L, 100L);
        assertThat(waits.get(1)).isBetween(100L, 200L);
    }

    @Test
    void persistentThrottlingGivesUpAfterTheLastAttempt() throws IOException {
        try (FaultInjectingProxy proxy = new FaultInjectingProxy(S3.endpoint())) {
            proxy.failNext(Fault.slowDown(), Fault.slowDown(), Fault.slowDown(), Fault.slowDown());
            S3Settings settings = settingsFor(proxy.endpoint(), 2);
            try (S3Client client = AwsClients.s3(settings.clientSettings(), List.of());
                    S3ObjectStore retrying = new S3ObjectStore(client, settings.retryPolicy(), millis -> {}, null)) {
                assertThatThrownBy(() -> retrying.open(ref(BUCKET, KEY)))
                        .isExactlyInstanceOf(ObjectFetchException.class)
                        .hasMessageContaining("SlowDown")
                        .satisfies(e -> {
                            ObjectFetchException fetch = (ObjectFetchException) e;
                            assertThat(fetch.reason()).isEqualTo(ObjectFetchException.Reason.THROTTLED);
                            assertThat(fetch.attempts()).isEqualTo(3);
                        });
            }
            assertThat(proxy.requests()).isEqualTo(3);
        }
    }

    @Test
    void accessDeniedIsNotRetried() throws IOException {
        try (FaultInjectingProxy proxy = new FaultInjectingProxy(S3.endpoint())) {
            proxy.failNext(Fault.accessDenied());
            S3Settings settings = settingsFor(proxy.endpoint(), 3);
            try (S3Client client = AwsClients.s3(settings.clientSettings(), List.of());
                    S3ObjectStore retrying = new S3ObjectStore(client, settings.retryPolicy(), millis -> {}, null)) {
                assertThatThrownBy(() -> retrying.open(ref(BUCKET, KEY)))
                        .isInstanceOf(ObjectAccessDeniedException.class)
                        .hasMessageContaining("AccessDenied");
            }
            assertThat(proxy.requests()).isEqualTo(1);
        }
    }

    @Test
    void refusedConnectionsAreTransientAndRetried() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        S3Settings settings = settingsFor(URI.create("http://127.0.0.1:" + closedPort), 2);
        S3RequestMetrics metrics = new S3RequestMetrics();
        List<Long> waits = new ArrayList<>();
        try (S3Client client = AwsClients.s3(settings.clientSettings(), List.of(metrics));
                S3ObjectStore retrying = new S3ObjectStore(client, settings.retryPolicy(), waits::add, metrics)) {
            assertThatThrownBy(() -> retrying.open(ref(BUCKET, KEY)))
                    .isExactlyInstanceOf(ObjectFetchException.class)
                    .satisfies(e -> {
                        ObjectFetchException fetch = (ObjectFetchException) e;
                        assertThat(fetch.reason()).isEqualTo(ObjectFetchException.Reason.TRANSIENT);
                        assertThat(fetch.attempts()).isEqualTo(3);
                    });
            assertThat(metrics.sent("GetObject")).isEqualTo(3);
        }
        assertThat(waits).hasSize(2);
    }

    @Test
    void refusesRefsThatAreNotS3() {
        ObjectRef local = ref("/tmp", "x.json");
        local.scheme = "file";

        assertThatThrownBy(() -> store.open(local))
                .isInstanceOf(ObjectFetchException.class)
                .satisfies(e -> assertThat(((ObjectFetchException) e).reason())
                        .isEqualTo(ObjectFetchException.Reason.INVALID_REF));
    }

    private static S3Settings settingsFor(URI endpoint, int retries) {
        return S3Settings.builder()
                .region(S3Emulator.REGION)
                .endpoint(endpoint.toString())
                .pathStyleAccess(true)
                .staticCredentials(S3Emulator.ACCESS_KEY_ID, S3Emulator.SECRET_ACCESS_KEY)
                .retries(retries)
                .retryBaseDelay(Duration.ofMillis(100))
                .retryMaxDelay(Duration.ofSeconds(1))
                .build();
    }
}
