package io.trailstream.object.store;

import io.trailstream.aws.AwsClientSettings;
import io.trailstream.aws.AwsClients;
import io.trailstream.aws.ReadRole;
import io.trailstream.notification.ObjectRef;
import java.io.FilterInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Reads {@code s3} objects with the AWS SDK v2: one streaming {@code GetObject} per object (never the
 * whole object in memory), the version named by the notification when it gave one, and throttled or
 * transient failures retried with the {@link RetryPolicy}. An integration that names a read role is read by a
 * client of that role (its credentials assumed through STS, cached and refreshed), one client per role, made on
 * first use; the job's own client never reads for it.
 */
public final class S3ObjectStore implements ObjectStore {
    private static final Logger LOG = LoggerFactory.getLogger(S3ObjectStore.class);

    private final S3Client client;
    private final boolean ownsClient;
    private final RetryPolicy retryPolicy;
    private final RetryPolicy.Sleeper sleeper;
    private final S3RequestMetrics metrics;
    /**
     * The own client's settings, which role clients copy (so all share one STS client and its cached sessions);
     * null for a store over a caller's client, which cannot act as a role.
     */
    private final AwsClientSettings settings;

    private final Map<ReadRole, S3Client> roleClients = new HashMap<>();

    /** A store with its own client built from {@code settings}; closing the store closes the client. */
    public static S3ObjectStore create(S3Settings settings) {
        S3RequestMetrics metrics = new S3RequestMetrics();
        AwsClientSettings clientSettings = settings.clientSettings();
        S3Client client = AwsClients.s3(clientSettings, List.of(metrics));
        LOG.info("S3 object store: {}", settings);
        return new S3ObjectStore(
                client, true, settings.retryPolicy(), RetryPolicy.Sleeper.THREAD, metrics, clientSettings);
    }

    /**
     * A store over a client the caller owns and closes.
     *
     * @param metrics the interceptor installed on {@code client}, or null when none is
     */
    public S3ObjectStore(
            S3Client client, RetryPolicy retryPolicy, RetryPolicy.Sleeper sleeper, S3RequestMetrics metrics) {
        this(client, false, retryPolicy, sleeper, metrics, null);
    }

    private S3ObjectStore(
            S3Client client,
            boolean ownsClient,
            RetryPolicy retryPolicy,
            RetryPolicy.Sleeper sleeper,
            S3RequestMetrics metrics,
            AwsClientSettings settings) {
        this.client = Objects.requireNonNull(client);
        this.settings = settings;
        this.ownsClient = ownsClient;
        this.retryPolicy = Objects.requireNonNull(retryPolicy);
        this.sleeper = Objects.requireNonNull(sleeper);
        this.metrics = metrics == null ? new S3RequestMetrics() : metrics;
    }

    @Override
    public OpenedObject open(ObjectRef ref) throws IOException {
        return open(ref, client);
    }

    @Override
    public OpenedObject open(ObjectRef ref, ReadRole role) throws IOException {
        if (role == null) return open(ref, client);
        if (settings == null) return ObjectStore.super.open(ref, role);
        return open(ref, clientFor(role));
    }

    /** The client of {@code role}: its calls sign with the role's assumed credentials. */
    private synchronized S3Client clientFor(ReadRole role) {
        return roleClients.computeIfAbsent(role, r -> {
            LOG.info("S3 client for read role {}", r);
            return AwsClients.s3(settings.toBuilder().role(r).build(), List.of(metrics));
        });
    }

    private OpenedObject open(ObjectRef ref, S3Client client) throws IOException {
        String uri = ref.uri();
        if (!"s3".equals(ref.scheme)) {
            throw new ObjectFetchException(ObjectFetchException.Reason.INVALID_REF, uri, "not an s3 object", 1, null);
        }
        if (ref.bucket == null || ref.bucket.isEmpty() || ref.key == null || ref.key.isEmpty()) {
            throw new ObjectFetchException(ObjectFetchException.Reason.INVALID_REF, uri, "no bucket or key", 1, null);
        }
        GetObjectRequest.Builder request =
                GetObjectRequest.builder().bucket(ref.bucket).key(ref.key);
        if (ref.versionId != null && !ref.versionId.isEmpty()) request.versionId(ref.versionId);
        GetObjectRequest getObject = request.build();

        ResponseInputStream<GetObjectResponse> response = retryPolicy.run(
                "GetObject " + uri,
                attempt -> {
                    try {
                        return client.getObject(getObject);
                    } catch (RuntimeException e) {
                        // SdkException mostly; anything else the SDK or an interceptor throws is FAILED, not a crash.
                        throw S3ErrorClassifier.classify(e, uri, attempt);
                    }
                },
                sleeper);
        GetObjectResponse head = response.response();
        long length = head.contentLength() == null ? -1 : head.contentLength();
        return new OpenedObject(
                ref, new AbortingStream(response), length, ObjectRef.normalizeETag(head.eTag()), metadata(head));
    }

    /** The user metadata, names in lower case as S3 treats them. */
    private static Map<String, String> metadata(GetObjectResponse head) {
        if (!head.hasMetadata()) return Map.of();
        Map<String, String> out = new TreeMap<>();
        head.metadata().forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
        return out;
    }

    /** Requests this store's client sent, by operation. */
    public S3RequestMetrics metrics() {
        return metrics;
    }

    @Override
    public synchronized void close() {
        if (ownsClient) client.close();
        roleClients.values().forEach(S3Client::close);
        roleClients.clear();
        if (settings != null && settings.credentials() instanceof AutoCloseable) {
            // Made for this store in create(), so the STS client and sessions are this store's alone.
            closeQuietly((AutoCloseable) settings.credentials());
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("Closing the read roles' credentials failed", e);
        }
    }

    /**
     * Closing an SDK stream before its end would read the rest of the object to reuse the connection;
     * this one aborts the connection instead when the reader stopped early.
     */
    private static final class AbortingStream extends FilterInputStream {
        private final ResponseInputStream<?> response;
        private boolean finished;
        private boolean closed;

        AbortingStream(ResponseInputStream<?> response) {
            super(response);
            this.response = response;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) finished = true;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n < 0) finished = true;
            return n;
        }

        @Override
        public void close() throws IOException {
            if (closed) return;
            closed = true;
            if (!finished) response.abort();
            response.close();
        }
    }
}
