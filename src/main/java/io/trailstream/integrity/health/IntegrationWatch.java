package io.trailstream.integrity.health;

import io.trailstream.control.IntegrationStatus;

/**
 * What the health operator remembers of an integration as a whole: its status (from the control stream), when an
 * object last arrived, since when every read was refused, and whether the job disconnected it (and with which
 * object it probes the access). A Flink POJO in keyed value state.
 */
public class IntegrationWatch {
    public IntegrationStatus status;
    /** The issue time of the state last applied (0 for the config's): an older state coming later is ignored. */
    public long updatedAtMillis;
    /** The id of the control message that set the integration's state last. */
    public String lastMessageId;
    /** When an object of the integration last arrived (processing time), or when the integration became known. */
    public long lastObjectAtMillis;
    /** Since when reads are refused with no read succeeding since; 0 when reads work. */
    public long deniedSinceMillis;
    /** Whether the job asked for this integration to be disconnected and has not reconnected it. */
    public boolean autoDisconnected;
    /** When the job asked to reconnect it (a probe read worked); 0 when it did not. */
    public long reconnectRequestedAtMillis;
    /** The last refused object, probed while auto-disconnected. */
    public String probeScheme;

    public String probeBucket;
    public String probeKey;

    public IntegrationWatch() {}
}
