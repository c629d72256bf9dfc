package io.trailstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.PutRecordRequest;

class KinesisStreamRefTest {
    private static final String ARN = "arn:aws:kinesis:eu-west-1:123456789012:stream/trailstream-control";

    @Test
    void anArnAddressesByArnAndTellsTheRegion() {
        KinesisStreamRef ref = KinesisStreamRef.parse(ARN);
        assertThat(ref.isArn()).isTrue();
        assertThat(ref.region(null)).isEqualTo("eu-west-1");
        assertThat(ref.region("eu-west-1")).isEqualTo("eu-west-1");
        PutRecordRequest r = ref.address(PutRecordRequest.builder()).build();
        assertThat(r.streamARN()).isEqualTo(ARN);
        assertThat(r.streamName()).isNull();
        assertThat(KinesisStreamRef.parse("arn:aws-cn:kinesis:cn-north-1:123456789012:stream/c")
                        .region(null))
                .isEqualTo("cn-north-1");
    }

    @Test
    void aNameAddressesByNameAndLeavesTheRegionToTheOption() {
        KinesisStreamRef ref = KinesisStreamRef.parse("trailstream-control");
        assertThat(ref.isArn()).isFalse();
        assertThat(ref.region(null)).isNull();
        assertThat(ref.region("us-east-2")).isEqualTo("us-east-2");
        assertThat(ref.address(PutRecordRequest.builder()).build().streamName()).isEqualTo("trailstream-control");
    }

    @Test
    void errorsNameTheOptionAndValue() {
        assertThatThrownBy(() -> KinesisStreamRef.parse("arn:aws:s3:::bucket"))
                .hasMessageContaining("--kinesis-stream")
                .hasMessageContaining("'arn:aws:s3:::bucket' is not a Kinesis stream ARN");
        assertThatThrownBy(() -> KinesisStreamRef.parse("has space")).hasMessageContaining("'has space'");
        assertThatThrownBy(() -> KinesisStreamRef.parse(ARN).region("us-east-1"))
                .hasMessage(
                        "--region us-east-1 does not match the region of the stream ARN (eu-west-1); leave --region out");
    }
}
