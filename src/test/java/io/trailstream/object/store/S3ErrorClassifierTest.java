package io.trailstream.object.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.object.store.ObjectFetchException.Reason;
import java.io.IOException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The SDK's own exception types, built as the SDK builds them from S3's error responses. */
class S3ErrorClassifierTest {
    private static final String URI = "s3://trail-logs/AWSLogs/x.json.gz";

    private static S3Exception s3Error(int status, String code) {
        return (S3Exception) S3Exception.builder()
                .statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage("test")
                        .build())
                .message(code)
                .build();
    }

    private static ObjectFetchException classify(Throwable e) {
        return S3ErrorClassifier.classify(e, URI, 2);
    }

    @Test
    void notFound() {
        assertThat(classify(NoSuchKeyException.builder().statusCode(404).build()))
                .isInstanceOf(ObjectMissingException.class);
        assertThat(classify(NoSuchBucketException.builder().statusCode(404).build()))
                .isInstanceOf(ObjectMissingException.class)
                .hasMessageContaining("NoSuchBucket");
        // A HEAD-style 404 without a body has no error code.
        assertThat(classify(S3Exception.builder().statusCode(404).build())).isInstanceOf(ObjectMissingException.class);
    }

    @Test
    void accessDenied() {
        assertThat(classify(s3Error(403, "AccessDenied")))
                .isInstanceOf(ObjectAccessDeniedException.class)
                .hasMessage("ACCESS_DENIED " + URI + ": HTTP 403 AccessDenied");
        assertThat(classify(s3Error(403, "InvalidAccessKeyId")).reason()).isEqualTo(Reason.ACCESS_DENIED);
        assertThat(classify(s3Error(403, "SignatureDoesNotMatch")).reason()).isEqualTo(Reason.ACCESS_DENIED);
        // A 403 without an error code (an STS refusal some servers send without a parsable body) is denied too.
        assertThat(classify(S3Exception.builder().statusCode(403).build()).reason())
                .isEqualTo(Reason.ACCESS_DENIED);
    }

    @Test
    void anAssumeRoleRefusedWhileResolvingCredentialsIsAccessDenied() {
        var refused = software.amazon.awssdk.services.sts.model.StsException.builder()
                .statusCode(403)
                .awsErrorDetails(software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
                        .errorCode("AccessDenied")
                        .build())
                .build();
        var wrapped =
                software.amazon.awssdk.core.exception.SdkClientException.create("Unable to load credentials", refused);
        assertThat(classify(wrapped)).isInstanceOf(ObjectAccessDeniedException.class);
        assertThat(classify(refused)).isInstanceOf(ObjectAccessDeniedException.class);
    }

    @Test
    void anAssumeRoleRefusedInsideTheCredentialsIsAccessDenied() {
        // What an STS credentials provider throws when AssumeRole is refused: the STS error wrapped by the SDK.
        S3Exception sts = (S3Exception) S3Exception.builder()
                .statusCode(403)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode("AccessDenied")
                        .serviceName("Sts")
                        .build())
                .build();
        ObjectFetchException e = classify(SdkClientException.builder()
                .message("Unable to load credentials")
                .cause(sts)
                .build());
        assertThat(e).isInstanceOf(ObjectAccessDeniedException.class);
        assertThat(e.detail()).isEqualTo("credentials refused: AccessDenied");
        assertThat(((ObjectMissingException) classify(
                                NoSuchBucketException.builder().statusCode(404).build()))
                        .bucketMissing())
                .isTrue();
        assertThat(((ObjectMissingException) classify(
                                NoSuchKeyException.builder().statusCode(404).build()))
                        .bucketMissing())
                .isFalse();
    }

    @Test
    void throttled() {
        assertThat(classify(s3Error(503, "SlowDown")).reason()).isEqualTo(Reason.THROTTLED);
        assertThat(classify(s3Error(429, "TooManyRequests")).reason()).isEqualTo(Reason.THROTTLED);
        assertThat(classify(s3Error(400, "RequestLimitExceeded")).reason()).isEqualTo(Reason.THROTTLED);
        assertThat(classify(s3Error(503, "SlowDown")).attempts()).isEqualTo(2);
    }

    @Test
    void transientServerAndNetworkErrors() {
        assertThat(classify(s3Error(500, "InternalError")).reason()).isEqualTo(Reason.TRANSIENT);
        assertThat(classify(s3Error(400, "RequestTimeout")).reason()).isEqualTo(Reason.TRANSIENT);
        assertThat(classify(s3Error(400, "ExpiredToken")).reason())
                .as("credentials refresh")
                .isEqualTo(Reason.TRANSIENT);
        assertThat(classify(s3Error(403, "RequestTimeTooSkewed")).reason()).isEqualTo(Reason.TRANSIENT);
        assertThat(classify(SdkClientException.create(
                                "Unable to execute HTTP request", new SocketTimeoutException("Read timed out")))
                        .reason())
                .isEqualTo(Reason.TRANSIENT);
        assertThat(classify(ApiCallAttemptTimeoutException.create(1000)).reason())
                .isEqualTo(Reason.TRANSIENT);
        assertThat(classify(new IOException("reset")).reason()).isEqualTo(Reason.TRANSIENT);
    }

    @Test
    void everythingElseFails() {
        assertThat(classify(s3Error(400, "InvalidObjectState")).reason())
                .as("archived object")
                .isEqualTo(Reason.FAILED);
        assertThat(classify(s3Error(301, "PermanentRedirect")).reason()).isEqualTo(Reason.FAILED);
        assertThat(classify(SdkClientException.create("Unable to load credentials from any of the providers"))
                        .reason())
                .isEqualTo(Reason.FAILED);
        assertThat(classify(new IllegalStateException("bug")).reason()).isEqualTo(Reason.FAILED);
    }
}
