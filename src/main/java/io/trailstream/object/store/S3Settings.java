package io.trailstream.object.store;

import io.trailstream.aws.AssumeRoleCredentials;
import io.trailstream.aws.AwsClientSettings;
import io.trailstream.aws.AwsClients;
import io.trailstream.aws.CredentialsProviderType;
import io.trailstream.aws.JobCredentials;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.configuration.ReadableConfig;

/**
 * The settings of reading objects from S3, read from the job configuration in a serializable form that
 * travels to the task managers: the S3 client's ({@link #clientSettings()}, which {@link AwsClients} turns
 * into a client) and the {@link RetryPolicy} of GetObject. {@link #toString()} never shows the secret key.
 */
public final class S3Settings implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String region;
    private final String endpoint;
    private final String stsEndpoint;
    private final boolean pathStyleAccess;
    private final CredentialsProviderType credentialsProvider;
    private final String accessKeyId;
    private final String secretAccessKey;
    private final int maxConnections;
    private final RetryPolicy retryPolicy;

    private S3Settings(Builder b) {
        this.region = blankToNull(b.region);
        this.endpoint = blankToNull(b.endpoint);
        this.stsEndpoint = blankToNull(b.stsEndpoint);
        this.pathStyleAccess = b.pathStyleAccess;
        this.credentialsProvider = Objects.requireNonNull(b.credentialsProvider, "credentials provider");
        this.accessKeyId = blankToNull(b.accessKeyId);
        this.secretAccessKey = blankToNull(b.secretAccessKey);
        this.maxConnections = b.maxConnections;
        if (b.retries < 0) {
            throw new IllegalArgumentException(
                    ObjectStoreOptions.RETRIES.key() + " must be 0 or more, got " + b.retries);
        }
        this.retryPolicy = new RetryPolicy(b.retries, b.retryBaseDelay, b.retryMaxDelay);
        if (endpoint != null) {
            URI uri = URI.create(endpoint);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException(
                        ObjectStoreOptions.ENDPOINT.key() + " is not an absolute URI: " + endpoint);
            }
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException(
                    ObjectStoreOptions.MAX_CONNECTIONS.key() + " must be at least 1, got " + maxConnections);
        }
        if (credentialsProvider == CredentialsProviderType.STATIC && (accessKeyId == null || secretAccessKey == null)) {
            throw new IllegalArgumentException(ObjectStoreOptions.CREDENTIALS_PROVIDER.key() + "=static needs "
                    + ObjectStoreOptions.ACCESS_KEY_ID.key() + " and " + ObjectStoreOptions.SECRET_ACCESS_KEY.key());
        }
    }

    /** Reads the {@link ObjectStoreOptions} keys; throws IllegalArgumentException for inconsistent ones. */
    public static S3Settings fromConfiguration(ReadableConfig config) {
        return builder()
                .region(config.get(ObjectStoreOptions.REGION))
                .endpoint(config.get(ObjectStoreOptions.ENDPOINT))
                .stsEndpoint(config.get(ObjectStoreOptions.STS_ENDPOINT))
                .pathStyleAccess(config.get(ObjectStoreOptions.PATH_STYLE_ACCESS))
                .credentialsProvider(config.get(ObjectStoreOptions.CREDENTIALS_PROVIDER))
                .accessKeyId(config.get(ObjectStoreOptions.ACCESS_KEY_ID))
                .secretAccessKey(config.get(ObjectStoreOptions.SECRET_ACCESS_KEY))
                .maxConnections(config.get(ObjectStoreOptions.MAX_CONNECTIONS))
                .retries(config.get(ObjectStoreOptions.RETRIES))
                .retryBaseDelay(config.get(ObjectStoreOptions.RETRY_BASE_DELAY))
                .retryMaxDelay(config.get(ObjectStoreOptions.RETRY_MAX_DELAY))
                .build();
    }

    /** The defaults of {@link ObjectStoreOptions}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The region, or null to let the SDK find it. */
    public String region() {
        return region;
    }

    /** The endpoint override, or null. */
    public String endpoint() {
        return endpoint;
    }

    public boolean pathStyleAccess() {
        return pathStyleAccess;
    }

    public CredentialsProviderType credentialsProvider() {
        return credentialsProvider;
    }

    public String accessKeyId() {
        return accessKeyId;
    }

    /**
     * The S3 client these settings describe: the Apache HTTP client with the configured pool and the SDK's own
     * retries off, because {@link S3ObjectStore} retries with its {@link RetryPolicy} (retries would otherwise
     * multiply).
     */
    public AwsClientSettings clientSettings() {
        JobCredentials own = JobCredentials.of(credentialsProvider, accessKeyId, secretAccessKey);
        AwsClientSettings sts = AwsClientSettings.builder()
                .region(region)
                .endpoint(stsEndpoint == null ? null : URI.create(stsEndpoint))
                .httpClient(AwsClientSettings.HttpClient.URL_CONNECTION)
                .build();
        return AwsClientSettings.builder()
                .region(region)
                .endpoint(endpoint == null ? null : URI.create(endpoint))
                .pathStyleAccess(pathStyleAccess)
                .credentials(new AssumeRoleCredentials(own, sts))
                .httpClient(AwsClientSettings.HttpClient.APACHE)
                .maxConnections(maxConnections)
                .sdkRetries(false)
                .build();
    }

    public int maxConnections() {
        return maxConnections;
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    @Override
    public String toString() {
        return "S3Settings{region=" + region + ", endpoint=" + endpoint + ", pathStyle=" + pathStyleAccess
                + ", credentials=" + credentialsProvider.name().toLowerCase(java.util.Locale.ROOT)
                + ", maxConnections=" + maxConnections + ", " + retryPolicy + "}";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** Builds settings in code (tests, the CLI); starts from the options' defaults. */
    public static final class Builder {
        private String region;
        private String endpoint;
        private String stsEndpoint;
        private boolean pathStyleAccess = ObjectStoreOptions.PATH_STYLE_ACCESS.defaultValue();
        private CredentialsProviderType credentialsProvider = ObjectStoreOptions.CREDENTIALS_PROVIDER.defaultValue();
        private String accessKeyId;
        private String secretAccessKey;
        private int maxConnections = ObjectStoreOptions.MAX_CONNECTIONS.defaultValue();
        private int retries = ObjectStoreOptions.RETRIES.defaultValue();
        private Duration retryBaseDelay = ObjectStoreOptions.RETRY_BASE_DELAY.defaultValue();
        private Duration retryMaxDelay = ObjectStoreOptions.RETRY_MAX_DELAY.defaultValue();

        private Builder() {}

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder endpoint(String endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /** Where the job assumes integrations' read roles; null for AWS's regional STS endpoint. */
        public Builder stsEndpoint(String stsEndpoint) {
            this.stsEndpoint = stsEndpoint;
            return this;
        }

        public Builder pathStyleAccess(boolean pathStyleAccess) {
            this.pathStyleAccess = pathStyleAccess;
            return this;
        }

        public Builder credentialsProvider(CredentialsProviderType provider) {
            this.credentialsProvider = provider;
            return this;
        }

        /** Sets {@link CredentialsProviderType#STATIC} with these keys. */
        public Builder staticCredentials(String accessKeyId, String secretAccessKey) {
            this.credentialsProvider = CredentialsProviderType.STATIC;
            this.accessKeyId = accessKeyId;
            this.secretAccessKey = secretAccessKey;
            return this;
        }

        public Builder accessKeyId(String accessKeyId) {
            this.accessKeyId = accessKeyId;
            return this;
        }

        public Builder secretAccessKey(String secretAccessKey) {
            this.secretAccessKey = secretAccessKey;
            return this;
        }

        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        public Builder retries(int retries) {
            this.retries = retries;
            return this;
        }

        public Builder retryBaseDelay(Duration retryBaseDelay) {
            this.retryBaseDelay = retryBaseDelay;
            return this;
        }

        public Builder retryMaxDelay(Duration retryMaxDelay) {
            this.retryMaxDelay = retryMaxDelay;
            return this;
        }

        public S3Settings build() {
            return new S3Settings(this);
        }
    }
}
