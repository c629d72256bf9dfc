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
        if (e instanceof NoSuchKeyException) return new ObjectMissingException(uri, "NoSuchKey", e);
        if (e instanceof NoSuchBucketException) return new ObjectMissingException(uri, "NoSuchBucket", true, e);
        if (e instanceof AwsServiceException) {
            AwsServiceException service = (AwsServiceException) e;
            int status = service.statusCode();
            AwsErrorDetails details = service.awsErrorDetails();
            String code = details == null ? null : details.errorCode();
            String detail = "HTTP " + status + (code == null ? "" : " " + code);
            if (status == 404) return new ObjectMissingException(uri, detail, "NoSuchBucket".equals(code), e);
            if (code != null && DENIED_CODES.contains(code) || status == 403 && !TRANSIENT_CODES.contains(code)) {
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
        AwsServiceException deniedCredentials = deniedCause(e);
        if (deniedCredentials != null) {
            // The credentials could not be had: an AssumeRole (or another credentials call) was refused.
            String code = deniedCredentials.awsErrorDetails() == null
                    ? "AccessDenied"
                    : deniedCredentials.awsErrorDetails().errorCode();
            return new ObjectAccessDeniedException(uri, "credentials refused: " + code, e);
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

    /** A refused AWS call among the causes of a client-side failure (credentials providers wrap STS's answers). */
    private static AwsServiceException deniedCause(Throwable e) {
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof AwsServiceException) {
                AwsServiceException s = (AwsServiceException) t;
                String code =
                        s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode();
                if (s.statusCode() == 403 || code != null && DENIED_CODES.contains(code)) return s;
            }
        }
        return null;
    }

    private static boolean hasIoCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) return true;
            if (t.getCause() == t) break;
        }
        return false;
    }
}
