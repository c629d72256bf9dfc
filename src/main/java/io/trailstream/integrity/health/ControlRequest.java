package io.trailstream.integrity.health;

import io.trailstream.control.IntegrationStatus;

/**
 * A control change the job asks for itself: set an integration's status (auto-disconnect and reconnect). Its id
 * and issue time are fixed when the decision is made and kept in state, so publishing it again after a failure is
 * the same message, which the control applier takes once. A Flink POJO.
 */
public class ControlRequest {
    /** How the ids of the job's own messages begin. */
    public static final String ID_PREFIX = "trailstream-health-";
    /** The author of the job's own messages, as {@code control_audit} shows it. */
    public static final String AUTHOR = "trailstream";

    public String messageId;
    public String integrationId;
    public IntegrationStatus status;
    public long issuedAtMillis;
    /** Why, for logs (the wire format has no reason field; the audit row shows the change). */
    public String reason;

    public ControlRequest() {}

    static ControlRequest of(String integrationId, IntegrationStatus status, String what, long at, String reason) {
        ControlRequest r = new ControlRequest();
        r.messageId = ID_PREFIX + integrationId + "-" + what + "-" + at;
        r.integrationId = integrationId;
        r.status = status;
        r.issuedAtMillis = at;
        r.reason = reason;
        return r;
    }

    /** Whether a control message id is one of the job's own. */
    public static boolean isOwn(String messageId) {
        return messageId != null && messageId.startsWith(ID_PREFIX);
    }

    @Override
    public String toString() {
        return "ControlRequest{" + messageId + " " + integrationId + " -> " + status + "}";
    }
}
