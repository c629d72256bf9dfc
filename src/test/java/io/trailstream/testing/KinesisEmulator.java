package io.trailstream.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.HashKeyRange;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * A real Kinesis Data Streams API server for tests: kinesis-local (kinesis-mock) run by Node.js as a
 * child process on free ports, so tests exercise the SDK and the wire protocol rather than fakes.
 *
 * <p>Use it as a JUnit 5 extension ({@code @RegisterExtension static final KinesisEmulator KINESIS =
 * new KinesisEmulator();}) or as a plain {@link AutoCloseable} from {@link #start()}. The emulator
 * listens on all interfaces; everything here only ever connects to 127.0.0.1. When {@code
 * src/test/emulators/node_modules/kinesis-local} is missing, it runs {@code npm ci --prefix
 * src/test/emulators} once.
 */
public final class KinesisEmulator implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

    /** Account id kinesis-local uses by default; it appears in every stream ARN. */
    public static final String ACCOUNT_ID = "000000000000";
    /** Region the emulator serves by default. */
    public static final String REGION = "us-east-1";
    /** Dummy credentials; the emulator accepts any. */
    public static final String ACCESS_KEY_ID = "trailstreamTestKey";

    public static final String SECRET_ACCESS_KEY = "trailstreamTestSecret";

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Object INSTALL_LOCK = new Object();

    private static KinesisEmulator shared;

    private final boolean isShared;
    private Process process;
    private int plainPort;
    private Path logFile;
    private KinesisClient client;

    /** An emulator of its own for one test class (as an extension) or one {@link #start()}. */
    public KinesisEmulator() {
        this(false);
    }

    private KinesisEmulator(boolean isShared) {
        this.isShared = isShared;
    }

    /**
     * One emulator for the whole test JVM, started on first use and stopped when the JVM exits, so
     * test classes do not each pay the start-up; give each test its own stream names.
     */
    public static synchronized KinesisEmulator shared() {
        if (shared == null) {
            shared = new KinesisEmulator(true);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "kinesis-emulator-stop"));
        }
        return shared;
    }

    /** Starts an emulator outside JUnit's extension model; close it when done. */
    public static KinesisEmulator start() {
        KinesisEmulator emulator = new KinesisEmulator();
        emulator.startProcess();
        return emulator;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        startProcess();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** The plain-HTTP endpoint on the loopback address. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + plainPort);
    }

    /** The ARN kinesis-local gives a stream of this name. */
    public static String streamArn(String streamName) {
        return "arn:aws:kinesis:" + REGION + ":" + ACCOUNT_ID + ":stream/" + streamName;
    }

    /** A shared client for test code (producing records, resharding). */
    public synchronized KinesisClient client() {
        if (client == null) {
            client = newClient();
        }
        return client;
    }

    /** A new client to the emulator; the caller closes it. */
    public KinesisClient newClient() {
        return KinesisClient.builder()
                .httpClient(UrlConnectionHttpClient.builder().build())
                .endpointOverride(endpoint())
                .region(Region.of(REGION))
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
                .build();
    }

    /**
     * Source options (keys of {@code KinesisSourceOptions}) that point a source at {@code
     * streamName} on this emulator with static test credentials.
     */
    public Map<String, String> sourceOptions(String streamName) {
        return Map.of(
                "stream.arn",
                streamArn(streamName),
                "aws.region",
                REGION,
                "aws.endpoint",
                endpoint().toString(),
                "aws.credentials.provider",
                "static",
                "aws.credentials.access-key-id",
                ACCESS_KEY_ID,
                "aws.credentials.secret-access-key",
                SECRET_ACCESS_KEY);
    }

    /** Creates a provisioned stream with {@code shards} shards, waits until ACTIVE, returns its ARN. */
    public String createStream(String streamName, int shards) {
        client().createStream(r -> r.streamName(streamName).shardCount(shards));
        waitUntilActive(streamName);
        return streamArn(streamName);
    }

    /** Waits until the stream is ACTIVE (after creation or a reshard). */
    public void waitUntilActive(String streamName) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            StreamStatus status = client().describeStreamSummary(r -> r.streamName(streamName))
                    .streamDescriptionSummary()
                    .streamStatus();
            if (status == StreamStatus.ACTIVE) {
                return;
            }
            sleep(50);
        }
        throw new IllegalStateException("Stream " + streamName + " did not become ACTIVE in 30 s");
    }

    /** All shards of the stream, open and closed, following pagination. */
    public List<Shard> listShards(String streamName) {
        List<Shard> shards = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            var response = next == null
                    ? client().listShards(r -> r.streamName(streamName))
                    : client().listShards(r -> r.nextToken(next));
            shards.addAll(response.shards());
            token = response.nextToken();
        } while (token != null);
        return shards;
    }

    /** Puts one record; returns the response with its shard id and sequence number. */
    public PutRecordResponse put(String streamName, String partitionKey, byte[] data) {
        return client().putRecord(
                        r -> r.streamName(streamName).partitionKey(partitionKey).data(SdkBytes.fromByteArray(data)));
    }

    /**
     * Puts one record routed by an explicit hash key, so a test decides the shard without relying
     * on MD5 of the partition key.
     */
    public PutRecordResponse put(String streamName, String partitionKey, BigInteger explicitHashKey, byte[] data) {
        return client().putRecord(r -> r.streamName(streamName)
                .partitionKey(partitionKey)
                .explicitHashKey(explicitHashKey.toString())
                .data(SdkBytes.fromByteArray(data)));
    }

    /**
     * Puts records with PutRecords (500 per call), in list order; returns one result per record
     * with its shard id and sequence number. Fails if the emulator rejects any record.
     */
    public List<PutRecordsResultEntry> putAll(String streamName, List<Map.Entry<String, byte[]>> records) {
        List<PutRecordsResultEntry> results = new ArrayList<>(records.size());
        for (int from = 0; from < records.size(); from += 500) {
            List<PutRecordsRequestEntry> batch = new ArrayList<>();
            for (Map.Entry<String, byte[]> r : records.subList(from, Math.min(records.size(), from + 500))) {
                batch.add(PutRecordsRequestEntry.builder()
                        .partitionKey(r.getKey())
                        .data(SdkBytes.fromByteArray(r.getValue()))
                        .build());
            }
            PutRecordsResponse response =
                    client().putRecords(r -> r.streamName(streamName).records(batch));
            if (response.failedRecordCount() != null && response.failedRecordCount() > 0) {
                throw new IllegalStateException(
                        response.failedRecordCount() + " records rejected: " + response.records());
            }
            results.addAll(response.records());
        }
        return results;
    }

    /** Splits the shard at the middle of its hash key range; waits until the stream is ACTIVE. */
    public void splitShard(String streamName, String shardId) {
        Shard shard = listShards(streamName).stream()
                .filter(s -> s.shardId().equals(shardId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no shard " + shardId));
        HashKeyRange range = shard.hashKeyRange();
        BigInteger middle = new BigInteger(range.startingHashKey())
                .add(new BigInteger(range.endingHashKey()))
                .shiftRight(1);
        client().splitShard(r -> r.streamName(streamName)
                .shardToSplit(shardId)
                .newStartingHashKey(middle.add(BigInteger.ONE).toString()));
        waitUntilActive(streamName);
    }

    /** Merges two adjacent shards; waits until the stream is ACTIVE. */
    public void mergeShards(String streamName, String shardId, String adjacentShardId) {
        client().mergeShards(r -> r.streamName(streamName).shardToMerge(shardId).adjacentShardToMerge(adjacentShardId));
        waitUntilActive(streamName);
    }

    /** Where the emulator's output goes (for diagnosing a failed test). */
    public Path logFile() {
        return logFile;
    }

    /** Stops the emulator, unless it is the {@link #shared()} one (stopped at JVM exit). */
    @Override
    public void close() {
        if (!isShared) {
            stop();
        }
    }

    private synchronized void stop() {
        if (client != null) {
            client.close();
            client = null;
        }
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
            process = null;
        }
    }

    private synchronized void startProcess() {
        if (process != null) {
            return;
        }
        Path emulators = projectDir().resolve("src/test/emulators");
        Path packageDir = emulators.resolve("node_modules/kinesis-local");
        installIfMissing(emulators, packageDir);
        try {
            plainPort = freeLoopbackPort();
            int tlsPort = freeLoopbackPort();
            Path target = projectDir().resolve("target");
            Files.createDirectories(target);
            logFile = target.resolve("kinesis-emulator-" + plainPort + ".log");
            ProcessBuilder builder = new ProcessBuilder("node", "main.js")
                    .directory(packageDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile());
            Map<String, String> env = builder.environment();
            env.put("KINESIS_MOCK_PLAIN_PORT", Integer.toString(plainPort));
            env.put("KINESIS_MOCK_TLS_PORT", Integer.toString(tlsPort));
            env.put("SHOULD_PERSIST_DATA", "false");
            env.put("LOAD_DATA_IF_EXISTS", "false");
            env.put("LOG_LEVEL", "WARN");
            env.put("SHARD_LIMIT", "200");
            env.put("AWS_REGION", REGION);
            env.put("CREATE_STREAM_DURATION", "100ms");
            env.put("DELETE_STREAM_DURATION", "100ms");
            env.put("SPLIT_SHARD_DURATION", "100ms");
            env.put("MERGE_SHARDS_DURATION", "100ms");
            env.put("UPDATE_SHARD_COUNT_DURATION", "100ms");
            env.remove("INITIALIZE_STREAMS");
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Could not start kinesis-local with 'node' (is Node.js on the PATH?)", e);
        }
        awaitReady();
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("kinesis-local exited with " + process.exitValue() + ": " + readLog());
            }
            try {
                client().listStreams();
                return;
            } catch (RuntimeException e) {
                last = e;
                sleep(100);
            }
        }
        stop();
        throw new IllegalStateException(
                "kinesis-local did not answer on " + endpoint() + " within " + STARTUP_TIMEOUT + ": " + readLog(),
                last);
    }

    private String readLog() {
        try {
            return logFile == null ? "" : Files.readString(logFile);
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private static void installIfMissing(Path emulators, Path packageDir) {
        synchronized (INSTALL_LOCK) {
            if (Files.isRegularFile(packageDir.resolve("main.js"))) {
                return;
            }
            List<String> command = List.of("npm", "ci", "--no-audit", "--no-fund", "--prefix", emulators.toString());
            Process npm;
            try {
                npm = new ProcessBuilder(command).inheritIO().start();
            } catch (IOException e) {
                throw new IllegalStateException(
                        "kinesis-local is not installed and 'npm' could not be run. Install Node.js"
                                + " (with npm) or run: npm ci --prefix " + emulators,
                        e);
            }
            try {
                if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                    npm.destroyForcibly();
                    throw new IllegalStateException("'" + String.join(" ", command) + "' failed; see its output above");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while installing kinesis-local", e);
            }
            if (!Files.isRegularFile(packageDir.resolve("main.js"))) {
                throw new IllegalStateException("npm ci ran but " + packageDir + " has no main.js");
            }
        }
    }

    private static Path projectDir() {
        String dir = System.getProperty("trailstream.project.dir");
        return (dir == null || dir.isBlank() ? Paths.get("") : Paths.get(dir)).toAbsolutePath();
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
