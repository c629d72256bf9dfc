package io.trailstream.aws;

import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;

/**
 * The credentials of a named profile of the shared AWS config and credentials files, as {@code aws --profile
 * NAME} uses them (static keys, {@code role_arn} with a {@code source_profile}, SSO, a credential process):
 * the command line's {@code --profile}. Like {@link JobCredentials}, it acts as no other role.
 */
public final class ProfileCredentials implements CredentialsSource {
    private static final long serialVersionUID = 1L;

    private final String profile;

    public ProfileCredentials(String profile) {
        this.profile = Objects.requireNonNull(profile, "profile");
    }

    public String profile() {
        return profile;
    }

    @Override
    public AwsCredentialsProvider credentials(ReadRole role) {
        if (role != null) {
            throw new UnsupportedOperationException("profile " + profile + " cannot act as role " + role);
        }
        return ProfileCredentialsProvider.builder().profileName(profile).build();
    }

    @Override
    public String toString() {
        return "profile " + profile + " credentials";
    }
}
