package io.trailstream.onboarding;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Remembers, per thread, the last AWS call made ({@code S3.PutBucketPolicy}), so that a failed step names the
 * call AWS refused: S3 and STS errors do not name the action, and the person running setup must know which
 * permission is missing.
 */
final class LastCall implements ExecutionInterceptor {
    private static final ThreadLocal<String> LAST = new ThreadLocal<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        LAST.set(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    }

    /** The last call made on this thread, or null. */
    static String get() {
        return LAST.get();
    }
}
