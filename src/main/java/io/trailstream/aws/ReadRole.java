package io.trailstream.aws;

import java.io.Serializable;
import java.util.Objects;

/**
 * The role an integration's objects are read with, as the customer's setup creates it: its ARN and the
 * external id its trust policy asks for. It keys {@link CredentialsSource#credentials}: the job reads with
 * its own identity when an integration names no role (every integration today; issue 9 adds {@code role_arn}
 * and {@code external_id} to integrations and the STS source that assumes them).
 */
public record ReadRole(String roleArn, String externalId) implements Serializable {
    public ReadRole {
        Objects.requireNonNull(roleArn, "roleArn");
    }

    /** The ARN and whether an external id is set; never the external id itself. */
    @Override
    public String toString() {
        return roleArn + (externalId == null ? "" : " (with external id)");
    }
}
