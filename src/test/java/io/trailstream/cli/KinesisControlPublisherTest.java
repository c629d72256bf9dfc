package io.trailstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailstream.control.ControlMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/**
 * The request the Kinesis publisher makes, against a recording stand-in of the client. Publishing to a
 * real stream is tested against the Kinesis emulator once it exists (not here).
 */
class KinesisControlPublisherTest {
    private final List<PutRecordRequest> sent = new ArrayList<>();
    private boolean closed;
    private final KinesisClient client = new KinesisClient() {
        @Override
        public PutRecordResponse putRecord(PutRecordRequest request) {
            if (request.streamName().equals("missing")) throw ResourceNotFoundException.builder().message("no such stream").build();
            sent.add(request);
            return PutRecordResponse.builder().shardId("shardId-000000000001").sequenceNumber("49").build();
        }

        @Override public String serviceName() { return "kinesis"; }
        @Override public void close() { closed = true; }
    };

    @Test
    void partitionKeyIsTheTargetSoOneIntegrationStaysOnOneShard() throws IOException {
        StepClock clock = new StepClock("2026-11-27T10:00:00Z");
        ControlMessageBuilder b = new ControlMessageBuilder("alice@ops", clock, clock.ids());
        ControlMessage suspend = b.suspend("acme-prod");
        ControlMessage expire = b.expireLicence("acme");
        try (KinesisControlPublisher p = new KinesisControlPublisher(client, "control", true)) {
            assertThat(p.publish(suspend)).isEqualTo("kinesis stream control shard shardId-000000000001 sequence 49");
            p.publish(expire);
        }
        assertThat(closed).isTrue();
        assertThat(sent).extracting(PutRecordRequest::partitionKey).containsExactly("acme-prod", "acme");
        assertThat(sent).extracting(PutRecordRequest::streamName).containsOnly("control");
        assertThat(sent.get(0).data().asUtf8String()).isEqualTo(suspend.json);
    }

    @Test
    void failuresBecomeIOExceptions() {
        StepClock clock = new StepClock("2026-11-27T10:00:00Z");
        ControlMessage m = new ControlMessageBuilder("a", clock, clock.ids()).suspend("x");
        KinesisControlPublisher p = new KinesisControlPublisher(client, "missing", false);
        assertThatThrownBy(() -> p.publish(m)).isInstanceOf(IOException.class).hasMessageContaining("missing")
                .hasMessageContaining("no such stream");
        p.close();
        assertThat(closed).as("not owned").isFalse();
    }
}
