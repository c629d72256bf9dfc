package io.trailstream.aws;

import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The job's own identity, as configured: the SDK's default chain, static keys (emulators) or anonymous. It
 * acts as no other role: reading an integration's objects with the job's identity when the integration asked
 * for its own role would read with the wrong credentials, so that is refused, not done quietly.
 * {@link #toString()} names the kind, never a key.
 */
public final class JobCredentials implements CredentialsSource {
    private static final long serialVersionUID = 1L;

    private final CredentialsProviderType type;
    private final String accessKeyId;
    private final String secretAccessKey;

    private JobCredentials(CredentialsProviderType type, String accessKeyId, String secretAccessKey) {
        this.type = Objects.requireNonNull(type, "credentials provider type");
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        if (type == CredentialsProviderType.STATIC && (accessKeyId == null || secretAccessKey == null)) {
            throw new IllegalArgumentException("static credentials need an access key id and a secret access key");
        }
    }

    /** The SDK's default chain. */
    public static JobCredentials defaultChain() {
        return new JobCredentials(CredentialsProviderType.DEFAULT, null, null);
    }

    /**
     * Credentials of {@code type}; the keys are used only for {@link CredentialsProviderType#STATIC} (and must
     * then both be set).
     */
    public static JobCredentials of(CredentialsProviderType type, String accessKeyId, String secretAccessKey) {
        return type == CredentialsProviderType.STATIC
                ? new JobCredentials(type, accessKeyId, secretAccessKey)
                : new JobCredentials(type, null, null);
    }

    public CredentialsProviderType type() {
        return type;
    }

    @Override
    public AwsCredentialsProvider credentials(ReadRole role) {
        if (role != null) {
            throw new UnsupportedOperationException("reading as role " + role + " needs STS AssumeRole credentials;"
                    + " the job's own " + this + " cannot act as another role");
        }
        switch (type) {
            case STATIC:
                return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey));
            case ANONYMOUS:
                return AnonymousCredentialsProvider.create();
            case DEFAULT:
            default:
                return DefaultCredentialsProvider.builder().build();
        }
    }

    @Override
    public String toString() {
        return type.name().toLowerCase(java.util.Locale.ROOT) + " credentials";
    }
}
