package io.trailstream.aws;

/**
 * How the source obtains AWS credentials. The default chain is the one to use on AWS (instance or
 * task roles, environment, profiles); static keys exist for emulators in tests.
 */
public enum CredentialsProviderType {
    /** The AWS SDK's default credentials provider chain. */
    DEFAULT,
    /** Fixed access key id and secret access key from the options; meant for tests only. */
    STATIC
}
