package io.trailstream.object.store;

import io.trailstream.notification.ObjectRef;
import java.io.Closeable;
import java.io.IOException;

/**
 * Where announced objects are read from: S3, or a local folder for tests and replays. Operators get one
 * from an {@link ObjectStoreFactory} in {@code open()} and close it in {@code close()}; a store is not
 * serializable, its factory is.
 */
public interface ObjectStore extends Closeable {

    /**
     * Opens the object's raw bytes (not decompressed) as a stream, without buffering the whole object.
     * Transient failures are retried inside with backoff.
     *
     * @throws ObjectMissingException when the object (or its bucket) does not exist
     * @throws ObjectAccessDeniedException when the store refuses access
     * @throws ObjectFetchException for every other failure, transient ones after the last attempt
     */
    OpenedObject open(ObjectRef ref) throws IOException;

    @Override
    default void close() throws IOException {}
}
