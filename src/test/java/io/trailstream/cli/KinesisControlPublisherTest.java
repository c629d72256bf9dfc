package io.trailstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailstream.control.message.ControlMessage;
import io.trailstream.testing.KinesisEmulator;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** The Kinesis publisher against a real Kinesis API server (kinesis-local): what lands on the stream, and failures. */
class KinesisControlPublisherTest {
    @RegisterExtension
    static final KinesisEmulator KINESIS = KinesisEmulator.shared();

    private final StepClock clock = new StepClock("2026-11-27T10:00:00Z");
    private final ControlMessageBuilder builder = new ControlMessageBuilder("alice@ops", clock, clock.ids());

    @Test
    void putsTheJsonWithTheTargetAsPartitionKeyWhereItSays() throws IOException {
        String arn = KINESIS.createStream("control-by-arn", 2);
        ControlMessage suspend = builder.suspend("acme-prod");
        ControlMessage expire = builder.expireLicence("acme");
        String whereSuspend;
        String whereExpire;
        try (KinesisControlPublisher p =
                new KinesisControlPublisher(KINESIS.client(), KinesisStreamRef.parse(arn), false)) {
            whereSuspend = p.publish(suspend);
            whereExpire = p.publish(expire);
        }

        List<StreamContents.Received> records = StreamContents.read(KINESIS.client(), "control-by-arn");
        assertThat(records).hasSize(2);
        StreamContents.Received first = records.stream()
                .filter(r -> r.partitionKey().equals("acme-prod"))
                .findFirst()
                .orElseThrow();
        StreamContents.Received second = records.stream()
                .filter(r -> r.partitionKey().equals("acme"))
                .findFirst()
                .orElseThrow();
        assertThat(first.data()).isEqualTo(suspend.json);
        assertThat(second.data()).as("licence messages are keyed by tenant").isEqualTo(expire.json);
        assertThat(whereSuspend)
                .isEqualTo("Kinesis stream " + arn + " (shard " + first.shardId() + ", sequence "
                        + first.sequenceNumber() + ")");
        assertThat(whereExpire).contains(second.shardId()).contains(second.sequenceNumber());
    }

    @Test
    void aStreamNameWorksToo() throws IOException {
        KINESIS.createStream("control-by-name", 1);
        ControlMessage m = builder.delete("acme-dev");
        try (KinesisControlPublisher p =
                new KinesisControlPublisher(KINESIS.client(), KinesisStreamRef.parse("control-by-name"), false)) {
            assertThat(p.publish(m))
                    .startsWith("Kinesis stream control-by-name (shard shardId-000000000000, sequence ");
        }
        assertThat(StreamContents.read(KINESIS.client(), "control-by-name"))
                .extracting(StreamContents.Received::data)
                .containsExactly(m.json);
    }

    @Test
    void aMissingStreamIsAnIOExceptionNamingIt() {
        ControlMessage m = builder.suspend("x");
        String arn = KinesisEmulator.streamArn("no-such-stream");
        KinesisControlPublisher p = new KinesisControlPublisher(KINESIS.client(), KinesisStreamRef.parse(arn), false);
        assertThatThrownBy(() -> p.publish(m))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("PutRecord to Kinesis stream " + arn + " failed: ")
                .hasMessageContaining("ResourceNotFoundException: ")
                .hasMessageContaining("not found (request ");
    }

    @Test
    void closesTheClientOnlyWhenItOwnsIt() throws IOException {
        KINESIS.createStream("control-close", 1);
        KinesisStreamRef stream = KinesisStreamRef.parse("control-close");
        KinesisClient kept = apacheClient();
        new KinesisControlPublisher(kept, stream, false).close();
        assertThat(kept.listStreams().streamNames()).as("still usable").contains("control-close");

        KinesisClient owned = apacheClient();
        try (KinesisControlPublisher p = new KinesisControlPublisher(owned, stream, true)) {
            p.publish(builder.suspend("x"));
        }
        assertThatThrownBy(owned::listStreams)
                .as("closed with the publisher")
                .isInstanceOf(IllegalStateException.class);
        kept.close();
    }

    /**
     * A real client to the emulator on the Apache HTTP client, whose connection pool refuses calls once
     * closed, so that closing is observable (a URLConnection-based client keeps working after close).
     */
    private static KinesisClient apacheClient() {
        return KinesisClient.builder()
                .httpClientBuilder(ApacheHttpClient.builder())
                .endpointOverride(KINESIS.endpoint())
                .region(Region.of(KinesisEmulator.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(KinesisEmulator.ACCESS_KEY_ID, KinesisEmulator.SECRET_ACCESS_KEY)))
                .build();
    }
}
