package io.trailstream.integrity.health;

import io.trailstream.control.IntegrationStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the job's own control requests once the checkpoint that holds the decision completed: the writer hands
 * each checkpoint's requests over as committables (Flink keeps them in its state), the committer publishes them after
 * the checkpoint, retrying later on failure. A decision that a failure rolls back is never published; one published
 * twice (a failure between publishing and the commit's record) is the same message id, which the control applier
 * takes once. The transactional-outbox pattern, with Flink's two-phase sink doing the bookkeeping.
 */
public final class ControlRequestSink implements Sink<ControlRequest>, SupportsCommitter<ControlRequest> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ControlRequestSink.class);

    private final ControlRequestPublisher publisher;

    public ControlRequestSink(ControlRequestPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public SinkWriter<ControlRequest> createWriter(WriterInitContext context) {
        return new Writer();
    }

    @Override
    public Committer<ControlRequest> createCommitter(CommitterInitContext context) {
        return new Publishing(publisher);
    }

    @Override
    public SimpleVersionedSerializer<ControlRequest> getCommittableSerializer() {
        return new Serializer();
    }

    /** Collects the requests of one checkpoint. */
    private static final class Writer implements CommittingSinkWriter<ControlRequest, ControlRequest> {
        private List<ControlRequest> pending = new ArrayList<>();

        @Override
        public void write(ControlRequest request, Context context) {
            pending.add(request);
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public Collection<ControlRequest> prepareCommit() {
            List<ControlRequest> out = pending;
            pending = new ArrayList<>();
            return out;
        }

        @Override
        public void close() {}
    }

    /** Publishes committed requests. */
    private static final class Publishing implements Committer<ControlRequest> {
        private final ControlRequestPublisher publisher;

        Publishing(ControlRequestPublisher publisher) {
            this.publisher = publisher;
        }

        @Override
        public void commit(Collection<CommitRequest<ControlRequest>> requests) {
            for (CommitRequest<ControlRequest> r : requests) {
                ControlRequest c = r.getCommittable();
                try {
                    publisher.publish(c);
                    LOG.info(
                            "Published {} (set {} {}) to {}",
                            c.messageId,
                            c.integrationId,
                            c.status,
                            publisher.describe());
                } catch (IOException | RuntimeException e) {
                    LOG.warn(
                            "Could not publish {} to {} (attempt {}), trying again: {}",
                            c.messageId,
                            publisher.describe(),
                            r.getNumberOfRetries() + 1,
                            e.getMessage());
                    r.retryLater();
                }
            }
        }

        @Override
        public void close() {
            publisher.close();
        }
    }

    /** Version 1: message id, integration id, status, issue time, reason. */
    static final class Serializer implements SimpleVersionedSerializer<ControlRequest> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(ControlRequest r) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeUTF(r.messageId);
                out.writeUTF(r.integrationId);
                out.writeUTF(r.status.name());
                out.writeLong(r.issuedAtMillis);
                out.writeUTF(r.reason == null ? "" : r.reason);
            }
            return bytes.toByteArray();
        }

        @Override
        public ControlRequest deserialize(int version, byte[] serialized) throws IOException {
            if (version != 1) throw new IOException("unknown control request version " + version);
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
                ControlRequest r = new ControlRequest();
                r.messageId = in.readUTF();
                r.integrationId = in.readUTF();
                r.status = IntegrationStatus.valueOf(in.readUTF());
                r.issuedAtMillis = in.readLong();
                r.reason = in.readUTF();
                return r;
            }
        }
    }
}
