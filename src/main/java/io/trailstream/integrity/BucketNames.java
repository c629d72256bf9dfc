package io.trailstream.integrity;

/**
 * The bucket name a digest speaks of, for an object as the job read it: an S3 bucket is its name; the local
 * folder that plays a bucket in the embedded run is named by its last path segment, so a digest signed for
 * bucket {@code acme-trail} verifies when read from {@code /data/acme-trail}.
 */
public final class BucketNames {
    private BucketNames() {}

    /** The name of {@code bucket} as read with {@code scheme} ({@code s3} or {@code file}). */
    public static String of(String scheme, String bucket) {
        if (bucket == null || !"file".equals(scheme)) return bucket;
        String b = bucket;
        while (b.length() > 1 && b.endsWith("/")) b = b.substring(0, b.length() - 1);
        int slash = b.lastIndexOf('/');
        return slash < 0 ? b : b.substring(slash + 1);
    }

    /** The key of a log file's expectations: its bucket's name and its key. */
    public static String fileKey(String bucketName, String key) {
        return bucketName + "/" + key;
    }
}
