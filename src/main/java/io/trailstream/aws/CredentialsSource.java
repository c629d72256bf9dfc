package io.trailstream.aws;

import java.io.Serializable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Where the credentials of one AWS client come from, keyed by the optional role the client acts as. It is the
 * seam per-integration credentials plug into: a source that assumes a {@link ReadRole} with STS (cached,
 * refreshed before expiry) wraps {@link JobCredentials}, and the S3 store keeps one client per role and
 * region. Serializable: it travels with the job's settings to the task managers, where providers are made.
 */
public interface CredentialsSource extends Serializable {
    /**
     * The credentials of calls made for {@code role}; for null, the job's own identity.
     *
     * @throws UnsupportedOperationException when this source cannot act as {@code role}
     */
    AwsCredentialsProvider credentials(ReadRole role);
}
