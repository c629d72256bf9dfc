package io.trailstream.object.store;

import io.trailstream.notification.ObjectRef;
import io.trailstream.object.gzip.Gzip;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Objects;

/**
 * An object that an {@link ObjectStore} opened: its raw byte stream and what the store said of it.
 * The caller reads and closes it; closing before the end releases the connection without draining it.
 */
public final class OpenedObject implements Closeable {
    private final ObjectRef ref;
    private final InputStream stream;
    private final long contentLength;
    private final String eTag;
    private final Map<String, String> userMetadata;

    public OpenedObject(ObjectRef ref, InputStream stream, long contentLength, String eTag) {
        this(ref, stream, contentLength, eTag, Map.of());
    }

    /** @param userMetadata the object's user metadata ({@code x-amz-meta-*}), names without the prefix, lower case */
    public OpenedObject(
            ObjectRef ref, InputStream stream, long contentLength, String eTag, Map<String, String> userMetadata) {
        this.ref = Objects.requireNonNull(ref);
        this.stream = Objects.requireNonNull(stream);
        this.contentLength = contentLength;
        this.eTag = eTag;
        this.userMetadata = userMetadata == null ? Map.of() : Map.copyOf(userMetadata);
    }

    public ObjectRef ref() {
        return ref;
    }

    /** The object's bytes as stored (gzip stays gzip). */
    public InputStream stream() {
        return stream;
    }

    /** The bytes as JSON text: decompressed when they are gzip, see {@link Gzip#decompressIfGzip}. */
    public InputStream decompressedStream() throws IOException {
        return Gzip.decompressIfGzip(stream);
    }

    /** Size in bytes as the store reported it, or -1 when it did not. */
    public long contentLength() {
        return contentLength;
    }

    /** ETag without surrounding quotes (comparable with {@link ObjectRef#eTag}), or null. */
    public String eTag() {
        return eTag;
    }

    /**
     * The user metadata GetObject returned (for S3, the {@code x-amz-meta-*} headers without the prefix; for a local
     * folder, the object's {@code KEY.s3meta.json} sidecar): a digest's {@code signature} is there. Never null.
     */
    public Map<String, String> userMetadata() {
        return userMetadata;
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }

    @Override
    public String toString() {
        return ref.uri() + " (" + contentLength + " bytes, etag " + eTag + ")";
    }
}
