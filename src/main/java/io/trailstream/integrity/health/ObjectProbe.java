package io.trailstream.integrity.health;

import io.trailstream.notification.ObjectRef;
import io.trailstream.object.store.ObjectAccessDeniedException;
import io.trailstream.object.store.ObjectFetchException;
import io.trailstream.object.store.ObjectMissingException;
import io.trailstream.object.store.ObjectStore;
import io.trailstream.object.store.ObjectStoreFactory;
import io.trailstream.object.store.OpenedObject;
import java.io.IOException;
import java.io.Serializable;

/**
 * Tries whether an object can be read, without reading it: opens it through the job's object store (the same
 * credentials the fetch uses) and closes it at once. How the job learns that an integration it disconnected for
 * refused reads may be read again. Serializable; the store is made on first use.
 */
public class ObjectProbe implements Serializable, AutoCloseable {
    private static final long serialVersionUID = 1L;

    /** What a probe found. */
    public enum Result {
        /** The object opened, or the store said it does not exist (which it may only say to an allowed caller). */
        ACCESS_WORKS,
        /** Refused, or the bucket is still gone. */
        DENIED,
        /** Something else went wrong (network, throttling): try again later. */
        FAILED
    }

    private final ObjectStoreFactory stores;
    private transient ObjectStore store;

    public ObjectProbe(ObjectStoreFactory stores) {
        this.stores = stores;
    }

    public Result probe(String scheme, String bucket, String key) {
        ObjectRef ref = ObjectRef.s3(bucket, key);
        ref.scheme = scheme;
        if (store == null) store = stores.create();
        try (OpenedObject ignored = store.open(ref)) {
            return Result.ACCESS_WORKS;
        } catch (ObjectAccessDeniedException e) {
            return Result.DENIED;
        } catch (ObjectMissingException e) {
            return e.bucketMissing() ? Result.DENIED : Result.ACCESS_WORKS;
        } catch (ObjectFetchException e) {
            return Result.FAILED;
        } catch (IOException | RuntimeException e) {
            return Result.FAILED;
        }
    }

    @Override
    public void close() throws IOException {
        if (store != null) store.close();
        store = null;
    }
}
