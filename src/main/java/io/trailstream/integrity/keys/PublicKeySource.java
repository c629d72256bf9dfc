package io.trailstream.integrity.keys;

import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.util.Map;

/**
 * Where the public keys that verify digest signatures come from: for a region and a time range, the keys by
 * fingerprint (hex MD5 of the DER bytes), each as its DER bytes. The seam that makes signed digests testable
 * with a key pair a test makes (the AWS CLI injects its key provider the same way), and lets an air-gapped site
 * pin its keys in a file. Serializable: the job's operators get it in their closure and open clients lazily.
 *
 * <pre>{@code
 * Map<String, byte[]> keys = source.keys("eu-west-1", start, end.plus(Duration.ofHours(2)));
 * byte[] der = keys.get(digest.publicKeyFingerprint);
 * }</pre>
 */
public interface PublicKeySource extends Serializable, AutoCloseable {
    /**
     * The keys valid for digests of {@code region} signed in {@code [from, to]}; never null.
     *
     * @throws IOException when the keys cannot be read (network, permissions): the caller says so, it does not
     *     conclude that the key does not exist
     */
    Map<String, byte[]> keys(String region, Instant from, Instant to) throws IOException;

    /** What this source reads, for log lines and reasons. */
    String describe();

    @Override
    default void close() {}
}
