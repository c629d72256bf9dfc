package io.trailstream.notification;

/**
 * The names of the notification shapes the parser tells apart. They label metrics, dead letters and
 * {@link ObjectRef#shape}, so they are stable strings rather than an enum that Flink would have to carry.
 */
public final class NotificationShapes {
    /** An S3 Event Notification ({@code Records[].s3}) as S3 sends it to SQS, Lambda or a raw SNS delivery. */
    public static final String S3_EVENT = "s3_event";
    /** An S3 Event Notification inside an SNS envelope. */
    public static final String SNS_S3_EVENT = "sns_s3_event";
    /** CloudTrail's own SNS notice ({@code s3Bucket} + {@code s3ObjectKey[]}), with or without envelope. */
    public static final String CLOUDTRAIL_SNS = "cloudtrail_sns";
    /** An EventBridge {@code Object Created} event from {@code aws.s3}. */
    public static final String EVENTBRIDGE = "eventbridge";
    /** An EventBridge event inside an SNS envelope (an SNS topic as the rule's target). */
    public static final String SNS_EVENTBRIDGE = "sns_eventbridge";
    /** The {@code s3:TestEvent} S3 sends when a notification configuration is saved. */
    public static final String S3_TEST_EVENT = "s3_test_event";
    /** The same test event inside an SNS envelope. */
    public static final String SNS_S3_TEST_EVENT = "sns_s3_test_event";
    /** SNS {@code SubscriptionConfirmation} / {@code UnsubscribeConfirmation}. */
    public static final String SNS_SUBSCRIPTION = "sns_subscription";
    /** An SNS envelope whose message is none of the shapes above. */
    public static final String SNS_UNKNOWN = "sns_unknown";
    /** trailstream's own replay notification ({@code trailstream_replay}), published by {@code trailstream backfill}. */
    public static final String REPLAY = "replay";
    /** Not JSON, or JSON of no known shape. */
    public static final String UNKNOWN = "unknown";

    private NotificationShapes() {}
}
