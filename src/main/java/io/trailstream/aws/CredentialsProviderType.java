package io.trailstream.aws;

/**
 * Where an AWS client of the job or of the command line finds its credentials: one choice for every client
 * (S3, Kinesis), so that configuration reads the same everywhere. The default chain is the one to use on AWS
 * (instance, task or pod roles, environment, profiles); static keys and anonymous access exist for emulators.
 */
public enum CredentialsProviderType {
    /** The AWS SDK's default credentials provider chain. */
    DEFAULT,
    /** A fixed access key id and secret access key from the options: for tests and emulators only. */
    STATIC,
    /** No signing: public buckets and emulators that ignore authentication (not for Kinesis). */
    ANONYMOUS
}
