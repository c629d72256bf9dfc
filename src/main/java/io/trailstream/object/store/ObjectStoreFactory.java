package io.trailstream.object.store;

import java.io.Serializable;
import java.util.Objects;
import org.apache.flink.configuration.ReadableConfig;

/**
 * The serializable half of object reading: built on the client from the job configuration, shipped to
 * the task managers, and asked there, in an operator's {@code open()}, for the stores that read objects.
 */
public final class ObjectStoreFactory implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String S3 = "s3";
    public static final String FILE = "file";

    private final S3Settings s3Settings;

    public ObjectStoreFactory(S3Settings s3Settings) {
        this.s3Settings = Objects.requireNonNull(s3Settings);
    }

    /** Reads the {@link ObjectStoreOptions}; fails early (on the client) when they are inconsistent. */
    public static ObjectStoreFactory fromConfiguration(ReadableConfig config) {
        return new ObjectStoreFactory(S3Settings.fromConfiguration(config));
    }

    public S3Settings s3Settings() {
        return s3Settings;
    }

    /** Whether a store exists for {@code scheme}. */
    public boolean supports(String scheme) {
        return S3.equals(scheme) || FILE.equals(scheme);
    }

    /** One store for every supported scheme, each created on first use; the caller closes it. */
    public ObjectStore create() {
        return new SchemeRoutingObjectStore(this);
    }

    /** A new store for {@code scheme}; the caller closes it. */
    public ObjectStore create(String scheme) {
        switch (scheme) {
            case S3:
                return S3ObjectStore.create(s3Settings);
            case FILE:
                return new LocalObjectStore();
            default:
                throw new IllegalArgumentException("no object store for scheme '" + scheme + "'");
        }
    }
}
