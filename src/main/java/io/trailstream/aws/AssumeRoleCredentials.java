package io.trailstream.aws;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Credentials that act as an integration's {@link ReadRole}: the job's own identity ({@code base}) calls STS
 * {@code AssumeRole} with the role's ARN and external id, and the SDK's {@link StsAssumeRoleCredentialsProvider}
 * caches the session and refreshes it before it expires (prefetch five minutes, stale one minute before
 * expiry), on the calling thread. For no role it is the job's own identity; it never falls back to it for an
 * integration that names a role: an AssumeRole that fails fails the call (AccessDenied is the ledger's {@code
 * access_denied}).
 *
 * <p>Serializable as configuration; the STS client and the providers (one per role) are made on first use
 * where it runs, and released by {@link #close()}.
 */
public final class AssumeRoleCredentials implements CredentialsSource, AutoCloseable {
    private static final long serialVersionUID = 1L;
    /** The session name CloudTrail shows for the job's reads in the customer's account. */
    public static final String SESSION_NAME = "trailstream-read";

    private final CredentialsSource base;
    private final AwsClientSettings sts;
    private transient StsClient client;
    private transient Map<ReadRole, StsAssumeRoleCredentialsProvider> providers;

    /**
     * @param base the job's own identity, which assumes the roles
     * @param sts the STS client's region and endpoint (its credentials are replaced by {@code base})
     */
    public AssumeRoleCredentials(CredentialsSource base, AwsClientSettings sts) {
        this.base = Objects.requireNonNull(base, "base");
        this.sts = Objects.requireNonNull(sts, "sts").toBuilder()
                .credentials(base)
                .role(null)
                .build();
    }

    /** The job's own identity. */
    public CredentialsSource base() {
        return base;
    }

    @Override
    public synchronized AwsCredentialsProvider credentials(ReadRole role) {
        if (role == null) return base.credentials(null);
        if (providers == null) providers = new HashMap<>();
        return providers.computeIfAbsent(
                role,
                r -> StsAssumeRoleCredentialsProvider.builder()
                        .stsClient(client())
                        .refreshRequest(request -> request.roleArn(r.roleArn())
                                .externalId(r.externalId())
                                .roleSessionName(SESSION_NAME))
                        .asyncCredentialUpdateEnabled(false)
                        .build());
    }

    private StsClient client() {
        if (client == null) client = AwsClients.sts(sts, java.util.List.of());
        return client;
    }

    /** Closes the providers and the STS client; a later call makes new ones. */
    @Override
    public synchronized void close() {
        if (providers != null) providers.values().forEach(StsAssumeRoleCredentialsProvider::close);
        providers = null;
        if (client != null) client.close();
        client = null;
    }

    @Override
    public String toString() {
        return base + " assuming read roles through STS" + (sts.endpoint() == null ? "" : " at " + sts.endpoint());
    }
}
