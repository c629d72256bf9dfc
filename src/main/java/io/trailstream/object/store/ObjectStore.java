package io.trailstream.object.store;

import io.trailstream.aws.ReadRole;
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

    /**
     * Opens the object as {@code role} (an integration's read role), or with the store's own credentials when
     * null. A store that cannot act as a role refuses rather than read with other credentials.
     *
     * @throws ObjectAccessDeniedException when the role cannot be assumed or may not read the object
     */
    default OpenedObject open(ObjectRef ref, ReadRole role) throws IOException {
        if (role == null) return open(ref);
        throw new ObjectFetchException(
                ObjectFetchException.Reason.FAILED, ref.uri(), "this store cannot read as role " + role, 1, null);
    }

    @Override
    default void close() throws IOException {}
}
