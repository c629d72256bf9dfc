package io.trailstream.kinesis.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.model.AccessDeniedException;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

class KinesisErrorsTest {

    @Test
    void throttlingIsRecognised() {
        assertThat(KinesisErrors.isThrottling(ProvisionedThroughputExceededException.builder()
                        .statusCode(400)
                        .build()))
                .isTrue();
        assertThat(KinesisErrors.isThrottling(
                        LimitExceededException.builder().statusCode(400).build()))
                .isTrue();
        assertThat(KinesisErrors.isThrottling(KinesisException.builder()
                        .statusCode(400)
                        .awsErrorDetails(AwsErrorDetails.builder()
                                .errorCode("ThrottlingException")
                                .build())
                        .build()))
                .isTrue();
        assertThat(KinesisErrors.isThrottling(new CompletionException(ProvisionedThroughputExceededException.builder()
                        .statusCode(400)
                        .build())))
                .isTrue();
        assertThat(KinesisErrors.isThrottling(
                        InvalidArgumentException.builder().statusCode(400).build()))
                .isFalse();
    }

    @Test
    void transientFailuresAreNetworkTimeoutsAnd5xx() {
        assertThat(KinesisErrors.isTransient(SdkClientException.create("refused", new ConnectException())))
                .isTrue();
        assertThat(KinesisErrors.isTransient(ApiCallAttemptTimeoutException.create(1000)))
                .isTrue();
        assertThat(KinesisErrors.isTransient(
                        KinesisException.builder().statusCode(503).build()))
                .isTrue();
        assertThat(KinesisErrors.isTransient(
                        KinesisException.builder().statusCode(500).build()))
                .isTrue();
    }

    @Test
    void permanentFailuresAreNotRetried() {
        assertThat(KinesisErrors.isRetryable(
                        ResourceNotFoundException.builder().statusCode(400).build()))
                .isFalse();
        assertThat(KinesisErrors.isRetryable(
                        AccessDeniedException.builder().statusCode(400).build()))
                .isFalse();
        assertThat(KinesisErrors.isRetryable(
                        InvalidArgumentException.builder().statusCode(400).build()))
                .isFalse();
        assertThat(KinesisErrors.isResourceNotFound(
                        ResourceNotFoundException.builder().build()))
                .isTrue();
        assertThat(KinesisErrors.isExpiredIterator(
                        ExpiredIteratorException.builder().build()))
                .isTrue();
    }
}
