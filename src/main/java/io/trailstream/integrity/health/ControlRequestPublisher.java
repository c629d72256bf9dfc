package io.trailstream.integrity.health;

import io.trailstream.control.message.ControlJson;
import io.trailstream.control.message.ControlKind;
import io.trailstream.control.message.ControlMessage;
import java.io.IOException;
import java.io.Serializable;

/**
 * Where the job puts the control changes it decides itself: on its own control stream (Kinesis, or the embedded
 * run's watched control folder), so they are parsed, ordered, applied once and audited like any ops message. The
 * control stream is the only way back into the control state without a cycle in the job graph. Serializable; a
 * client is made on first use.
 */
public interface ControlRequestPublisher extends Serializable, AutoCloseable {
    /** Publishes {@code request} as its wire message; the same request twice is the same message. */
    void publish(ControlRequest request) throws IOException;

    /** Where requests go, for logs. */
    String describe();

    @Override
    default void close() {}

    /** The wire JSON of {@code r}: a {@code set_status} by author {@code trailstream}. */
    static String wire(ControlRequest r) {
        ControlMessage m = new ControlMessage();
        m.messageId = r.messageId;
        m.issuedAtMillis = r.issuedAtMillis;
        m.author = ControlRequest.AUTHOR;
        m.kind = ControlKind.SET_STATUS;
        m.integrationId = r.integrationId;
        m.status = r.status;
        return ControlJson.toWire(m);
    }
}
