package io.trailstream.aws;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How one AWS client is built, whatever service it calls: region, endpoint override, path-style addressing,
 * credentials, HTTP client and the SDK's own retries. Serializable and immutable, so it is validated on the
 * client and travels to the task managers, where {@link AwsClients} turns it into a client. The caller
 * validates its own options (it knows their keys); {@link #toString()} never shows a credential.
 */
public final class AwsClientSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The SDK HTTP client a client uses: the SDK refuses to guess among several on the class path. */
    public enum HttpClient {
        /** Apache HTTP client with a connection pool: many parallel streaming downloads (S3). */
        APACHE,
        /** The JDK's URLConnection: no further libraries, plain http and https, a few requests a second. */
        URL_CONNECTION
    }

    private final String region;
    private final URI endpoint;
    private final boolean pathStyleAccess;
    private final CredentialsSource credentials;
    private final ReadRole role;
    private final HttpClient httpClient;
    private final int maxConnections;
    private final Duration connectionTimeout;
    private final Duration socketTimeout;
    private final Duration apiCallTimeout;
    private final boolean sdkRetries;

    private AwsClientSettings(Builder b) {
        this.region = b.region;
        this.endpoint = b.endpoint;
        this.pathStyleAccess = b.pathStyleAccess;
        this.credentials = Objects.requireNonNull(b.credentials, "credentials");
        this.role = b.role;
        this.httpClient = Objects.requireNonNull(b.httpClient, "httpClient");
        this.maxConnections = b.maxConnections;
        this.connectionTimeout = b.connectionTimeout;
        this.socketTimeout = b.socketTimeout;
        this.apiCallTimeout = b.apiCallTimeout;
        this.sdkRetries = b.sdkRetries;
    }

    /** The SDK's defaults: its region chain, AWS endpoints, default credentials, URLConnection, SDK retries on. */
    public static Builder builder() {
        return new Builder();
    }

    /** The region, or null for the SDK's region chain. */
    public String region() {
        return region;
    }

    /** The endpoint override (an emulator, an S3-compatible store), or null for AWS's. */
    public URI endpoint() {
        return endpoint;
    }

    /** S3 only: address buckets as {@code endpoint/bucket/key}. */
    public boolean pathStyleAccess() {
        return pathStyleAccess;
    }

    public CredentialsSource credentials() {
        return credentials;
    }

    /** The role the client acts as ({@link CredentialsSource#credentials} of it), or null for the own identity. */
    public ReadRole role() {
        return role;
    }

    public HttpClient httpClient() {
        return httpClient;
    }

    /** The Apache client's pool size; 0 for the SDK's default. */
    public int maxConnections() {
        return maxConnections;
    }

    /** Null for the SDK's default. */
    public Duration connectionTimeout() {
        return connectionTimeout;
    }

    /** Null for the SDK's default. */
    public Duration socketTimeout() {
        return socketTimeout;
    }

    /** Null for none. */
    public Duration apiCallTimeout() {
        return apiCallTimeout;
    }

    /** Whether the SDK retries failed calls itself; off where the caller retries with its own {@link Backoff}. */
    public boolean sdkRetries() {
        return sdkRetries;
    }

    /** A builder holding these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.region = region;
        b.endpoint = endpoint;
        b.pathStyleAccess = pathStyleAccess;
        b.credentials = credentials;
        b.role = role;
        b.httpClient = httpClient;
        b.maxConnections = maxConnections;
        b.connectionTimeout = connectionTimeout;
        b.socketTimeout = socketTimeout;
        b.apiCallTimeout = apiCallTimeout;
        b.sdkRetries = sdkRetries;
        return b;
    }

    @Override
    public String toString() {
        return "AwsClientSettings{region=" + (region == null ? "<sdk default>" : region) + ", endpoint="
                + (endpoint == null ? "<aws>" : endpoint) + (pathStyleAccess ? ", path-style" : "") + ", "
                + credentials + (role == null ? "" : " as " + role) + ", http="
                + httpClient.name().toLowerCase(java.util.Locale.ROOT)
                + (maxConnections > 0 ? ", maxConnections=" + maxConnections : "")
                + (sdkRetries ? "" : ", no SDK retries") + "}";
    }

    /** Builds settings; starts from the SDK's defaults. */
    public static final class Builder {
        private String region;
        private URI endpoint;
        private boolean pathStyleAccess;
        private CredentialsSource credentials = JobCredentials.defaultChain();
        private ReadRole role;
        private HttpClient httpClient = HttpClient.URL_CONNECTION;
        private int maxConnections;
        private Duration connectionTimeout;
        private Duration socketTimeout;
        private Duration apiCallTimeout;
        private boolean sdkRetries = true;

        private Builder() {}

        public Builder region(String region) {
            this.region = region == null || region.isBlank() ? null : region.trim();
            return this;
        }

        public Builder endpoint(URI endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        public Builder pathStyleAccess(boolean pathStyleAccess) {
            this.pathStyleAccess = pathStyleAccess;
            return this;
        }

        public Builder credentials(CredentialsSource credentials) {
            this.credentials = credentials;
            return this;
        }

        /** Acts as {@code role} (null: the credentials' own identity). */
        public Builder role(ReadRole role) {
            this.role = role;
            return this;
        }

        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        public Builder connectionTimeout(Duration timeout) {
            this.connectionTimeout = timeout;
            return this;
        }

        public Builder socketTimeout(Duration timeout) {
            this.socketTimeout = timeout;
            return this;
        }

        public Builder apiCallTimeout(Duration timeout) {
            this.apiCallTimeout = timeout;
            return this;
        }

        public Builder sdkRetries(boolean sdkRetries) {
            this.sdkRetries = sdkRetries;
            return this;
        }

        public AwsClientSettings build() {
            return new AwsClientSettings(this);
        }
    }
}
