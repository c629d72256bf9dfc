package io.trailstream.object;

import java.util.Map;

/**
 * A CloudTrail digest file as fetched for verification: its stored bytes and the S3 user metadata its signature
 * is in. The fetch path hands it on (it is not parsed into a table); integrity verification reads it. A Flink POJO;
 * digests are a few kilobytes.
 */
public class FetchedDigest {
    public String integrationId;
    public String scheme;
    public String bucket;
    public String key;
    /** The bytes as stored (gzip). */
    public byte[] bytes;
    /** The user metadata, names without {@code x-amz-meta-} (e.g. {@code signature}, {@code signature-algorithm}). */
    public Map<String, String> metadata;

    public long notifiedAtMillis;

    public FetchedDigest() {}

    static FetchedDigest of(DownloadedObject d) {
        FetchedDigest f = new FetchedDigest();
        f.integrationId = d.task.integrationId;
        f.scheme = d.task.ref.scheme;
        f.bucket = d.task.ref.bucket;
        f.key = d.task.ref.key;
        f.bytes = storedBytes(d);
        f.metadata = d.metadata == null ? Map.of() : d.metadata;
        f.notifiedAtMillis = d.task.ref.notifiedAtMillis;
        return f;
    }

    /** A digest is small, but one spooled to disk (a low fetch.spool-threshold) is read back whole here. */
    private static byte[] storedBytes(DownloadedObject d) {
        if (d.bytes != null) return d.bytes;
        try (java.io.InputStream in = d.openStored()) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("reading the spooled digest " + d.task.ref.uri(), e);
        }
    }

    @Override
    public String toString() {
        return "FetchedDigest{" + scheme + "://" + bucket + "/" + key + "}";
    }
}
