package io.trailstream.integrity.health;

import io.trailstream.aws.AwsClientSettings;
import io.trailstream.aws.AwsClients;
import java.io.IOException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordRequest;

/**
 * Publishes the job's own control requests to its Kinesis control stream with {@code PutRecord}, partitioned by
 * integration id as the ops command line does, with the control source's client settings.
 */
public final class KinesisControlRequests implements ControlRequestPublisher {
    private static final long serialVersionUID = 1L;

    private final AwsClientSettings settings;
    private final String streamArn;
    private final String streamName;
    private transient KinesisClient client;

    /** @param streamArn the stream's ARN, or null to address it by {@code streamName} */
    public KinesisControlRequests(AwsClientSettings settings, String streamArn, String streamName) {
        this.settings = settings;
        this.streamArn = streamArn;
        this.streamName = streamName;
    }

    @Override
    public void publish(ControlRequest request) throws IOException {
        if (client == null) client = AwsClients.kinesis(settings);
        PutRecordRequest.Builder put = PutRecordRequest.builder()
                .partitionKey(request.integrationId)
                .data(SdkBytes.fromUtf8String(ControlRequestPublisher.wire(request)));
        if (streamArn != null) put.streamARN(streamArn);
        else put.streamName(streamName);
        try {
            client.putRecord(put.build());
        } catch (SdkException e) {
            throw new IOException(
                    "PutRecord of " + request.messageId + " to " + describe() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "Kinesis control stream " + (streamArn != null ? streamArn : streamName);
    }

    @Override
    public void close() {
        if (client != null) client.close();
        client = null;
    }
}
