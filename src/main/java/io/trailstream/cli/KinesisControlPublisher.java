package io.trailstream.cli;

import io.trailstream.control.message.ControlMessage;
import java.io.IOException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;

/**
 * Publishes control messages to the job's Kinesis control stream with {@code PutRecord}. The
 * partition key is the integration id (or, for licence messages, the tenant id), so all messages of
 * one target land on one shard in order; across targets the job orders by {@code issued_at}.
 */
public final class KinesisControlPublisher implements ControlPublisher {
    private final KinesisClient client;
    private final KinesisStreamRef stream;
    private final boolean ownsClient;

    /**
     * @param stream the stream, by ARN or name
     * @param ownsClient whether {@link #close()} closes {@code client}
     */
    public KinesisControlPublisher(KinesisClient client, KinesisStreamRef stream, boolean ownsClient) {
        this.client = client;
        this.stream = stream;
        this.ownsClient = ownsClient;
    }

    /** The request that publishes {@code m}. */
    public PutRecordRequest request(ControlMessage m) {
        return stream.address(PutRecordRequest.builder())
                .partitionKey(m.targetId())
                .data(SdkBytes.fromUtf8String(m.json))
                .build();
    }

    @Override
    public String publish(ControlMessage m) throws IOException {
        try {
            PutRecordResponse r = client.putRecord(request(m));
            return "Kinesis stream " + stream + " (shard " + r.shardId() + ", sequence " + r.sequenceNumber() + ")";
        } catch (AwsServiceException e) {
            String why = e.awsErrorDetails() == null
                    ? e.getMessage()
                    : e.awsErrorDetails().errorCode() + ": "
                            + e.awsErrorDetails().errorMessage() + " (request " + e.requestId() + ")";
            throw new IOException("PutRecord to Kinesis stream " + stream + " failed: " + why, e);
        } catch (SdkException e) {
            throw new IOException("PutRecord to Kinesis stream " + stream + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (ownsClient) client.close();
    }
}
