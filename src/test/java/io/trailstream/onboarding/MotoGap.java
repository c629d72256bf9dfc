package io.trailstream.onboarding;

/**
 * Where moto 5.2.5 differs from AWS in what the onboarding tests see (../shared/AWS-ONBOARDING.md), named once
 * so each test that meets a gap says which one.
 */
final class MotoGap {
    /**
     * GetBucketNotificationConfiguration never returns {@code EventBridgeConfiguration}, although moto stores the
     * flag and delivers S3 events to EventBridge: after apply, plan still proposes this step and verify still
     * calls it broken; the tests show the flag in effect by delivery to an SQS probe rule instead.
     */
    static final String EVENTBRIDGE_FLAG_STEP = "bucket-eventbridge";

    private MotoGap() {}
}
