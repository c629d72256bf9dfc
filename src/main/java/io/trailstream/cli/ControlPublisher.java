package io.trailstream.cli;

import io.trailstream.control.message.ControlMessage;
import java.io.IOException;

/**
 * Where the ops command line sends control messages: the job's control source, a Kinesis stream or a
 * local folder. One message per call, in the order given.
 */
public interface ControlPublisher extends AutoCloseable {
    /**
     * Publishes {@code m} (its {@link ControlMessage#json} is what is sent) and says where it went,
     * e.g. the file written or the shard and sequence number.
     */
    String publish(ControlMessage m) throws IOException;

    @Override
    default void close() throws IOException {}
}
