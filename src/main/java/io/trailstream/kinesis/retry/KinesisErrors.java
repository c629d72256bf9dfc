package io.trailstream.kinesis.retry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.KmsThrottlingException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/**
 * Sorts Kinesis call failures into what the source does about them: throttling is waited out
 * without limit, transient failures are retried a bounded number of times, and everything else
 * (missing stream, access denied, bad request) fails the job at once with the SDK's message.
 */
public final class KinesisErrors {

    private KinesisErrors() {}

    /** Kinesis asked us to slow down (per-shard read limit, control-plane limit, KMS). */
    public static boolean isThrottling(Throwable error) {
        Throwable t = unwrap(error);
        return t instanceof ProvisionedThroughputExceededException
                || t instanceof LimitExceededException
                || t instanceof KmsThrottlingException
                || (t instanceof AwsServiceException && ((AwsServiceException) t).isThrottlingException());
    }

    /** A failure that may well pass on retry: network trouble, timeouts, 5xx answers. */
    public static boolean isTransient(Throwable error) {
        Throwable t = unwrap(error);
        if (t instanceof AwsServiceException) {
            return ((AwsServiceException) t).statusCode() >= 500;
        }
        return t instanceof SdkClientException || t instanceof IOException || t instanceof UncheckedIOException;
    }

    /** Throttling or transient: worth another try after a backoff. */
    public static boolean isRetryable(Throwable error) {
        return isThrottling(error) || isTransient(error);
    }

    /** The shard iterator is older than five minutes (e.g. after long backpressure). */
    public static boolean isExpiredIterator(Throwable error) {
        return unwrap(error) instanceof ExpiredIteratorException;
    }

    /** The shard or stream does not exist (any more). */
    public static boolean isResourceNotFound(Throwable error) {
        return unwrap(error) instanceof ResourceNotFoundException;
    }

    /** The failure itself, without the wrappers of futures. */
    public static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
