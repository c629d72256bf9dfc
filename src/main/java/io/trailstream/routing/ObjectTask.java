package io.trailstream.routing;

import io.trailstream.notification.ObjectRef;
import io.trailstream.trail.TrailKey;
import java.util.List;

/**
 * An object routing decided to fetch, with everything the fetch needs to decide per record without
 * looking at state again: the integration it belongs to and the accounts it may keep.
 */
public class ObjectTask {
    public ObjectRef ref;
    public TrailKey trailKey;
    public String integrationId;
    /** Accounts whose records may be kept; null means all. Fixed when routing decided. */
    public List<String> includedAccounts;

    public ObjectTask() {}

    public ObjectTask(ObjectRef ref, TrailKey trailKey, String integrationId, List<String> includedAccounts) {
        this.ref = ref;
        this.trailKey = trailKey;
        this.integrationId = integrationId;
        this.includedAccounts = includedAccounts;
    }

    @Override
    public String toString() {
        return "ObjectTask{" + ref + " integration=" + integrationId + "}";
    }
}
