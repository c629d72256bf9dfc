package io.trailstream.testing;

import com.adobe.testing.s3mock.S3MockApplication;
import io.trailstream.aws.CredentialsProviderType;
import io.trailstream.object.store.ObjectStoreOptions;
import io.trailstream.object.store.S3Settings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * A real S3 server for tests: S3Mock started in this JVM on a free port, talked to only on 127.0.0.1,
 * one per test class.
 *
 * <pre>
 * &#64;RegisterExtension static final S3Emulator S3 = new S3Emulator("bucket");
 * </pre>
 *
 * <p>It writes Tomcat's access log and reads it back, so a test can count the {@code GetObject}
 * requests that reached the server from any code in the JVM (an operator inside a MiniCluster
 * included), see {@link #getObjectRequests(String, String)}.
 */
public final class S3Emulator implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {
    public static final String ACCESS_KEY_ID = "trailstream-test";
    public static final String SECRET_ACCESS_KEY = "trailstream-test-secret";
    public static final String REGION = "us-east-1";

    private final String[] initialBuckets;
    private S3MockApplication server;
    private Path workDir;
    private S3Client client;
    private int requestLogMark;
    /** Started for one test (an instance field registration), so stopped after it. */
    private boolean perTest;

    /** @param initialBuckets buckets that exist from the start */
    public S3Emulator(String... initialBuckets) {
        this.initialBuckets = initialBuckets.clone();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public synchronized void beforeEach(ExtensionContext context) {
        // Registered on an instance field, the extension sees no beforeAll: one server per test then.
        if (server == null) {
            start();
            perTest = true;
        }
    }

    @Override
    public synchronized void afterEach(ExtensionContext context) {
        if (perTest) {
            stop();
            perTest = false;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** Starts the server if it is not running. */
    public synchronized void start() {
        if (server != null) return;
        try {
            workDir = Files.createTempDirectory("s3emulator");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put(S3MockApplication.PROP_HTTP_PORT, 0);
        properties.put(S3MockApplication.PROP_HTTPS_PORT, 0);
        properties.put("server.address", "127.0.0.1");
        properties.put(S3MockApplication.PROP_SILENT, true);
        properties.put(
                S3MockApplication.PROP_ROOT_DIRECTORY, workDir.resolve("store").toString());
        properties.put(S3MockApplication.PROP_INITIAL_BUCKETS, String.join(",", initialBuckets));
        properties.put("spring.main.banner-mode", "off");
        // The server-side record of every request, taken before the request is handled (S3RequestRecorder).
        properties.put("spring.main.sources", S3RequestRecorder.class.getName());
        server = S3MockApplication.start(properties);
    }

    /** Stops the server and deletes its files. */
    public synchronized void stop() {
        if (client != null) {
            client.close();
            client = null;
        }
        if (server != null) {
            S3RequestRecorder.forget(server.getHttpPort());
            server.stop();
            server = null;
        }
        if (workDir != null) {
            deleteRecursively(workDir);
            workDir = null;
        }
    }

    /** The plain-HTTP port the server listens on. */
    public int port() {
        return running().getHttpPort();
    }

    /** {@code http://127.0.0.1:port}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** Settings for trailstream's own S3 stores: this endpoint, path style, static test keys, few quick retries. */
    public S3Settings settings() {
        return S3Settings.builder()
                .region(REGION)
                .endpoint(endpoint().toString())
                .pathStyleAccess(true)
                .staticCredentials(ACCESS_KEY_ID, SECRET_ACCESS_KEY)
                .retries(2)
                .retryBaseDelay(Duration.ofMillis(10))
                .retryMaxDelay(Duration.ofMillis(50))
                .build();
    }

    /** The same as {@link #settings()}, as job configuration ({@link ObjectStoreOptions} keys). */
    public Configuration configuration() {
        Configuration config = new Configuration();
        config.set(ObjectStoreOptions.REGION, REGION);
        config.set(ObjectStoreOptions.ENDPOINT, endpoint().toString());
        config.set(ObjectStoreOptions.PATH_STYLE_ACCESS, true);
        config.set(ObjectStoreOptions.CREDENTIALS_PROVIDER, CredentialsProviderType.STATIC);
        config.set(ObjectStoreOptions.ACCESS_KEY_ID, ACCESS_KEY_ID);
        config.set(ObjectStoreOptions.SECRET_ACCESS_KEY, SECRET_ACCESS_KEY);
        config.set(ObjectStoreOptions.RETRIES, 2);
        config.set(ObjectStoreOptions.RETRY_BASE_DELAY, Duration.ofMillis(10));
        config.set(ObjectStoreOptions.RETRY_MAX_DELAY, Duration.ofMillis(50));
        return config;
    }

    /** A client for setting up and inspecting test data (its requests appear in the request log too). */
    public synchronized S3Client client() {
        if (client == null) {
            client = S3Client.builder()
                    .endpointOverride(endpoint())
                    .region(Region.of(REGION))
                    .forcePathStyle(true)
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .build();
        }
        return client;
    }

    public void createBucket(String bucket) {
        client().createBucket(b -> b.bucket(bucket));
    }

    /** Stores {@code bytes} as is; returns the ETag S3Mock gave it (without quotes). */
    public String put(String bucket, String key, byte[] bytes) {
        PutObjectResponse response = client().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
        String eTag = response.eTag();
        return eTag != null && eTag.startsWith("\"") && eTag.endsWith("\"")
                ? eTag.substring(1, eTag.length() - 1)
                : eTag;
    }

    /** Stores {@code bytes} with S3 user metadata ({@code x-amz-meta-*}, names without the prefix); returns the ETag. */
    public String put(String bucket, String key, byte[] bytes, Map<String, String> metadata) {
        PutObjectResponse response =
                client().putObject(b -> b.bucket(bucket).key(key).metadata(metadata), RequestBody.fromBytes(bytes));
        String eTag = response.eTag();
        return eTag != null && eTag.startsWith("\"") && eTag.endsWith("\"")
                ? eTag.substring(1, eTag.length() - 1)
                : eTag;
    }

    /** Stores {@code text}, gzip-compressed as CloudTrail does; returns the ETag. */
    public String putGzip(String bucket, String key, String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return put(bucket, key, out.toByteArray());
    }

    /** One request as the server logged it. */
    public static final class Request {
        public final String method;
        /** The decoded path, e.g. {@code /bucket/some key}. */
        public final String path;
        /** The raw query string without {@code ?}, or empty. */
        public final String query;

        /** The status the server set; written before the response's first byte leaves the server. */
        public volatile int status;

        Request(String method, String path, String query, int status) {
            this.method = method;
            this.path = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
            this.query = query;
            this.status = status;
        }

        /** Whether this is a path-style GetObject (of any outcome). */
        public boolean isGetObject() {
            if (!"GET".equals(method)) return false;
            int slash = path.indexOf('/', 1);
            if (slash < 0 || slash == path.length() - 1) return false;
            for (String sub :
                    new String[] {"acl", "tagging", "attributes", "uploadId", "legal-hold", "retention", "torrent"}) {
                if (("&" + query).contains("&" + sub)) return false;
            }
            return true;
        }

        public boolean isFor(String bucket, String key) {
            return path.equals("/" + bucket + "/" + key);
        }

        @Override
        public String toString() {
            return method + " " + path + (query.isEmpty() ? "" : "?" + query) + " " + status;
        }
    }

    /**
     * Requests that reached the server since the last {@link #clearRequests()}, in arrival order. A request is on
     * record before its response is sent, so every request a client has had an answer to is here.
     */
    public List<Request> requests() {
        List<Request> all = S3RequestRecorder.requests(port());
        return all.subList(Math.min(requestLogMark, all.size()), all.size());
    }

    /** GetObject requests for {@code bucket}/{@code key} since the last {@link #clearRequests()}. */
    public long getObjectRequests(String bucket, String key) {
        return requests().stream()
                .filter(r -> r.isGetObject() && r.isFor(bucket, key))
                .count();
    }

    /** All GetObject requests since the last {@link #clearRequests()}. */
    public long getObjectRequests() {
        return requests().stream().filter(Request::isGetObject).count();
    }

    /** Forgets the requests made so far (setup traffic, earlier tests). */
    public void clearRequests() {
        requestLogMark = requests().size() + requestLogMark;
    }

    private S3MockApplication running() {
        if (server == null) throw new IllegalStateException("S3Emulator is not started");
        return server;
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: it is a temp folder
        }
    }
}
