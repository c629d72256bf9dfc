package io.trailstream.testing;

import io.trailstream.aws.AwsClientSettings;
import io.trailstream.aws.CredentialsProviderType;
import io.trailstream.aws.JobCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * moto in server mode (PyPI {@code moto[server]} 5.2.5) on 127.0.0.1 and a free port, for one test class: the
 * AWS control-plane APIs (S3, STS, IAM, Organizations, CloudTrail, EventBridge, EC2, KMS, SQS, Kinesis). It
 * pip-installs moto into the project's {@link PythonVenv} when missing (about 20 s once), starts {@code
 * moto_server}, waits until it answers, and stops it after the class. {@link #withIamEnforcement(int)} turns
 * on moto's IAM checks after that many unauthenticated calls. What moto does not do is listed in
 * {@code ../shared/AWS-ONBOARDING.md} and docs/onboarding.md.
 *
 * <pre>{@code @RegisterExtension static final MotoServer MOTO = new MotoServer();}</pre>
 */
public final class MotoServer implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    public static final String VERSION = "5.2.5";
    /** moto's default account, the one unauthenticated calls and these keys act in. */
    public static final String ACCOUNT_ID = "123456789012";

    public static final String REGION = "us-east-1";
    public static final String ACCESS_KEY_ID = "testing";
    public static final String SECRET_ACCESS_KEY = "testing";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final Integer initialNoAuthActions;
    private Process process;
    private int port;
    private Path logFile;

    /** Without IAM enforcement: every call is allowed. */
    public MotoServer() {
        this(null);
    }

    private MotoServer(Integer initialNoAuthActions) {
        this.initialNoAuthActions = initialNoAuthActions;
    }

    /**
     * With moto's IAM enforcement: the first {@code unauthenticatedCalls} calls are allowed (to create the users
     * and their keys), every later one must be signed by a moto IAM user's (or assumed role's) keys whose
     * policies allow it.
     */
    public static MotoServer withIamEnforcement(int unauthenticatedCalls) {
        return new MotoServer(unauthenticatedCalls);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** The endpoint every client of a test calls. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Client settings for this server: its endpoint, {@link #REGION}, the static test keys. */
    public AwsClientSettings settings() {
        return settings(ACCESS_KEY_ID, SECRET_ACCESS_KEY);
    }

    /** Client settings for this server, signing with these keys (an IAM user's made in moto). */
    public AwsClientSettings settings(String accessKeyId, String secretAccessKey) {
        return AwsClientSettings.builder()
                .region(REGION)
                .endpoint(endpoint())
                .pathStyleAccess(true)
                .credentials(JobCredentials.of(CredentialsProviderType.STATIC, accessKeyId, secretAccessKey))
                .build();
    }

    /** Forgets every resource (moto's reset API), so each test starts from an empty account. */
    public void reset() {
        post("/moto-api/reset");
    }

    public synchronized void start() {
        if (process != null) return;
        try {
            PythonVenv.ensure();
            port = freeLoopbackPort();
            Path target = PythonVenv.projectDir().resolve("target");
            Files.createDirectories(target);
            logFile = target.resolve("moto-" + port + ".log");
            ProcessBuilder builder = new ProcessBuilder(
                            PythonVenv.bin("moto_server").toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile());
            Map<String, String> env = builder.environment();
            env.put("AWS_DEFAULT_REGION", REGION);
            env.remove("MOTO_ACCOUNT_ID");
            if (initialNoAuthActions != null) {
                env.put("INITIAL_NO_AUTH_ACTION_COUNT", Integer.toString(initialNoAuthActions));
            }
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start moto_server from " + PythonVenv.dir(), e);
        }
        awaitReady();
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited with " + process.exitValue() + ": " + log());
            }
            try {
                HttpResponse<Void> r = http().send(
                                HttpRequest.newBuilder(endpoint().resolve("/moto-api/data.json"))
                                        .GET()
                                        .build(),
                                HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) return;
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                process.waitFor(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException("moto_server did not answer on " + endpoint() + " within " + STARTUP_TIMEOUT);
    }

    private void post(String path) {
        try {
            HttpResponse<String> r = http().send(
                            HttpRequest.newBuilder(endpoint().resolve(path))
                                    .POST(HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) throw new IllegalStateException(path + " answered " + r.statusCode());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpClient http() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    /** What moto printed (for a failed test's message). */
    public String log() {
        try {
            return logFile == null ? "" : Files.readString(logFile);
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public synchronized void close() {
        if (process == null) return;
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
