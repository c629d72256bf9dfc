package io.trailstream.aws;

import java.io.Serializable;
import java.util.Objects;

/**
 * The role an integration's objects are read with, as the customer's setup creates it: its ARN and the
 * external id its trust policy asks for. It keys {@link CredentialsSource#credentials}: the job reads with
 * its own identity when an integration names no role, and through {@link AssumeRoleCredentials} when it names one
 * (an integration's {@code role_arn} and {@code external_id}).
 */
public record ReadRole(String roleArn, String externalId) implements Serializable {
    public ReadRole {
        Objects.requireNonNull(roleArn, "roleArn");
    }

    /** The role of an integration's fields, or null when it names none. */
    public static ReadRole of(String roleArn, String externalId) {
        return roleArn == null || roleArn.isBlank() ? null : new ReadRole(roleArn, externalId);
    }

    /** The ARN and whether an external id is set; never the external id itself. */
    @Override
    public String toString() {
        return roleArn + (externalId == null ? "" : " (with external id)");
    }
}
