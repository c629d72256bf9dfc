package io.trailstream.routing;

import io.trailstream.notification.ObjectRef;

/** An object no integration claimed yet, held for the grace period in case its integration is being added. */
public class PendingObject {
    public ObjectRef ref;
    public long heldSinceMillis;

    public PendingObject() {}

    public PendingObject(ObjectRef ref, long heldSinceMillis) {
        this.ref = ref;
        this.heldSinceMillis = heldSinceMillis;
    }
}
