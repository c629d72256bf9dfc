package io.trailstream.object.store;

import io.trailstream.aws.ReadRole;
import io.trailstream.notification.ObjectRef;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The store an operator holds: it hands each reference to the store of its scheme, created on first
 * use, so a job that only reads local files never builds an S3 client (nor looks for credentials).
 */
final class SchemeRoutingObjectStore implements ObjectStore {
    private final ObjectStoreFactory factory;
    private final Map<String, ObjectStore> stores = new TreeMap<>();

    SchemeRoutingObjectStore(ObjectStoreFactory factory) {
        this.factory = factory;
    }

    @Override
    public OpenedObject open(ObjectRef ref) throws IOException {
        return storeFor(ref).open(ref);
    }

    @Override
    public OpenedObject open(ObjectRef ref, ReadRole role) throws IOException {
        return storeFor(ref).open(ref, role);
    }

    private synchronized ObjectStore storeFor(ObjectRef ref) throws ObjectFetchException {
        String scheme = ref.scheme == null ? "" : ref.scheme;
        ObjectStore store = stores.get(scheme);
        if (store == null) {
            if (!factory.supports(scheme)) {
                throw new ObjectFetchException(
                        ObjectFetchException.Reason.INVALID_REF,
                        ref.uri(),
                        "no store for scheme '" + scheme + "'",
                        1,
                        null);
            }
            store = factory.create(scheme);
            stores.put(scheme, store);
        }
        return store;
    }

    /** The store made for {@code scheme} so far, or null. */
    synchronized ObjectStore storeIfCreated(String scheme) {
        return stores.get(scheme);
    }

    @Override
    public synchronized void close() throws IOException {
        IOException first = null;
        for (ObjectStore store : stores.values()) {
            try {
                store.close();
            } catch (IOException e) {
                if (first == null) first = e;
                else first.addSuppressed(e);
            }
        }
        stores.clear();
        if (first != null) throw first;
    }
}
