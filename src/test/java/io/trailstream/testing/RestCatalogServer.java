package io.trailstream.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Iceberg's own REST catalog server ({@code org.apache.iceberg.rest.RESTCatalogServer} from
 * {@code iceberg-open-api}'s test fixtures) in a JVM of its own, on a free port, backed by a JDBC catalog on
 * SQLite in a temporary folder. It runs apart because it is built against unshaded Iceberg and Jetty, which
 * would clash with the shaded copies of {@code iceberg-flink-runtime} on the tests' class path; its class
 * path is the one the build writes to {@code target/rest-catalog-classpath.txt}. The process is destroyed
 * after the test class and by a shutdown hook should the JVM end first.
 *
 * <pre>
 * &#64;RegisterExtension static final RestCatalogServer REST = new RestCatalogServer()
 *         .warehouse("s3://warehouse/rest").property("io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
 * ... REST.uri()
 * </pre>
 */
public final class RestCatalogServer implements BeforeAllCallback, AfterAllCallback {
    private static final String MAIN = "org.apache.iceberg.rest.RESTCatalogServer";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private final Map<String, String> properties = new LinkedHashMap<>();
    private Path dir;
    private Process process;
    private int port;
    private Thread shutdownHook;

    /** The backing catalog's warehouse (default: a folder in the server's temporary folder). */
    public RestCatalogServer warehouse(String location) {
        properties.put("warehouse", location);
        return this;
    }

    /** A property of the backing catalog, e.g. {@code io-impl} or {@code s3.endpoint}. */
    public RestCatalogServer property(String key, String value) {
        properties.put(key, value);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    public synchronized void start() throws Exception {
        if (process != null) return;
        dir = Files.createTempDirectory("rest-catalog");
        port = LocalResources.freeLoopbackPort();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("uri", "jdbc:sqlite:" + dir.resolve("catalog.db"));
        config.put("warehouse", dir.resolve("warehouse").toUri().toString());
        config.put("rest.port", String.valueOf(port));
        config.putAll(properties);

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xmx512m", "-cp", classPath(), MAIN));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile());
        config.forEach((k, v) -> builder.environment().put(environmentName(k), v));
        process = builder.start();
        shutdownHook = new Thread(this::destroy, "rest-catalog-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        awaitReady();
    }

    public synchronized void stop() {
        destroy();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
            shutdownHook = null;
        }
    }

    /** {@code http://127.0.0.1:PORT}, the catalog's {@code uri}. */
    public String uri() {
        return "http://127.0.0.1:" + port;
    }

    private synchronized void destroy() {
        if (process == null) return;
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(20, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
        LocalResources.deleteRecursively(dir);
    }

    /** Polls {@code GET /v1/config} until the server answers 200, the process ends, or the timeout passes. */
    private void awaitReady() throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest config = HttpRequest.newBuilder(URI.create(uri() + "/v1/config"))
                .timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "the REST catalog server exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                if (http.send(config, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
        destroy();
        throw new IllegalStateException("the REST catalog server did not answer within " + START_TIMEOUT);
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("server.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static String classPath() throws IOException {
        Path project = Path.of(System.getProperty("trailstream.project.dir", System.getProperty("user.dir")));
        Path file = project.resolve("target/rest-catalog-classpath.txt");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: it is written by `mvn process-test-classes`");
        }
        return Files.readString(file, StandardCharsets.UTF_8).strip();
    }

    /** The server reads its catalog properties from {@code CATALOG_*} variables: {@code -} is {@code __}, {@code .} is {@code _}. */
    static String environmentName(String property) {
        return "CATALOG_" + property.replace("-", "__").replace(".", "_").toUpperCase(Locale.ROOT);
    }
}
