package io.trailstream.routing;

import io.trailstream.aws.ReadRole;
import io.trailstream.notification.ObjectRef;
import io.trailstream.trail.TrailKey;
import java.util.List;

/**
 * An object routing decided to fetch, with everything the fetch needs without looking at state again: the
 * integration it belongs to, the accounts it may keep, and the role its objects are read as.
 */
public class ObjectTask {
    public ObjectRef ref;
    public TrailKey trailKey;
    public String integrationId;
    /** Accounts whose records may be kept; null means all. Fixed when routing decided. */
    public List<String> includedAccounts;
    /** The integration's read role at decision time; null: read with the job's own credentials. */
    public String roleArn;

    public String externalId;

    public ObjectTask() {}

    public ObjectTask(ObjectRef ref, TrailKey trailKey, String integrationId, List<String> includedAccounts) {
        this.ref = ref;
        this.trailKey = trailKey;
        this.integrationId = integrationId;
        this.includedAccounts = includedAccounts;
    }

    /** Reads as the integration's role ({@code decision}'s), when it names one. */
    public ObjectTask readAs(String roleArn, String externalId) {
        this.roleArn = roleArn;
        this.externalId = externalId;
        return this;
    }

    /** The role to read as, or null for the job's own credentials. */
    public ReadRole readRole() {
        return ReadRole.of(roleArn, externalId);
    }

    @Override
    public String toString() {
        return "ObjectTask{" + ref + " integration=" + integrationId + "}";
    }
}
