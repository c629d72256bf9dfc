package io.trailstream.object.store;

import io.trailstream.object.store.ObjectFetchException.Reason;
import java.io.IOException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Maps what the S3 SDK throws to the failure kinds the pipeline acts on: missing, denied, throttled,
 * transient (retried) or failed. Kept apart from the store so the mapping is tested on its own.
 */
final class S3ErrorClassifier {
    private static final Set<String> THROTTLING_CODES = Set.of(
            "SlowDown",
            "Throttling",
            "ThrottlingException",
            "ThrottledException",
            "RequestThrottled",
            "RequestLimitExceeded",
            "TooManyRequestsException",
            "RequestThrottledException",
            "BandwidthLimitExceeded");
    private static final Set<String> TRANSIENT_CODES = Set.of(
            "InternalError",
            "ServiceUnavailable",
            "RequestTimeout",
            "RequestTimeoutException",
            "ExpiredToken",
            "RequestExpired",
            "RequestTimeTooSkewed",
            "OperationAborted");
    private static final Set<String> DENIED_CODES = Set.of(
            "AccessDenied",
            "AllAccessDisabled",
            "InvalidAccessKeyId",
            "SignatureDoesNotMatch",
            "AccountProblem",
            "InvalidToken",
            "InvalidSecurity");

    private S3ErrorClassifier() {}

    static ObjectFetchException classify(Throwable e, String uri, int attempt) {
        // An AssumeRole refused while resolving credentials arrives wrapped (as the cause of a client exception).
        for (Throwable t = e.getCause(); !(e instanceof AwsServiceException) && t != null; t = t.getCause()) {
            if (t instanceof AwsServiceException) return credentialsFailure((AwsServiceException) t, e, uri, attempt);
            if (t.getCause() == t) break;
        }
        if (e instanceof NoSuchKeyException) return new ObjectMissingException(uri, "NoSuchKey", e);
        if (e instanceof NoSuchBucketException) return new ObjectMissingException(uri, "NoSuchBucket", true, e);
        if (e instanceof AwsServiceException) {
            AwsServiceException service = (AwsServiceException) e;
            int status = service.statusCode();
            AwsErrorDetails details = service.awsErrorDetails();
            String code = details == null ? null : details.errorCode();
            String detail = "HTTP " + status + (code == null ? "" : " " + code);
            if (status == 404) return new ObjectMissingException(uri, detail, "NoSuchBucket".equals(code), e);
            // Set.of(...).contains(null) throws: a 403 without an error code (an STS refusal as some servers send
            // it) is denied all the same.
            if (code != null && DENIED_CODES.contains(code)
                    || status == 403 && (code == null || !TRANSIENT_CODES.contains(code))) {
                return new ObjectAccessDeniedException(uri, detail, e);
            }
            if (service.isThrottlingException()
                    || status == 429
                    || status == 503
                    || code != null && THROTTLING_CODES.contains(code)) {
                return new ObjectFetchException(Reason.THROTTLED, uri, detail, attempt, e);
            }
            if (status >= 500 || status == 408 || code != null && TRANSIENT_CODES.contains(code)) {
                return new ObjectFetchException(Reason.TRANSIENT, uri, detail, attempt, e);
            }
            return new ObjectFetchException(Reason.FAILED, uri, detail, attempt, e);
        }
        if (e instanceof ApiCallAttemptTimeoutException || e instanceof ApiCallTimeoutException) {
            return new ObjectFetchException(Reason.TRANSIENT, uri, "timeout: " + e.getMessage(), attempt, e);
        }
        if (e instanceof SdkClientException && hasIoCause(e)) {
            return new ObjectFetchException(Reason.TRANSIENT, uri, "I/O error: " + e.getMessage(), attempt, e);
        }
        if (e instanceof IOException) {
            return new ObjectFetchException(Reason.TRANSIENT, uri, "I/O error: " + e.getMessage(), attempt, e);
        }
        return new ObjectFetchException(Reason.FAILED, uri, String.valueOf(e), attempt, e);
    }

    /**
     * A failure of the call that gets the credentials (AssumeRole), classified as that call's answer; a refusal
     * says so, since it is the read role that is refused, not the object.
     */
    private static ObjectFetchException credentialsFailure(
            AwsServiceException cause, Throwable e, String uri, int attempt) {
        ObjectFetchException classified = classify(cause, uri, attempt);
        if (!(classified instanceof ObjectAccessDeniedException)) return classified;
        AwsErrorDetails details = cause.awsErrorDetails();
        String code = details == null || details.errorCode() == null ? "AccessDenied" : details.errorCode();
        return new ObjectAccessDeniedException(uri, "credentials refused: " + code, e);
    }

    private static boolean hasIoCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) return true;
            if (t.getCause() == t) break;
        }
        return false;
    }
}
