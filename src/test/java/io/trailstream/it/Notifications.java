package io.trailstream.it;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * The notifications AWS puts on a trail's notification stream, built as AWS writes them: S3 Event
 * Notifications (keys form-encoded), the same inside an SNS envelope, CloudTrail's own SNS notice (keys as
 * they are, several per notice), EventBridge {@code Object Created} events, and the housekeeping messages.
 */
final class Notifications {
    private static final String TOPIC = "arn:aws:sns:us-east-1:111122223333:trail-notifications";
    private static final String TIME = "2026-11-26T10:05:41.123Z";

    private Notifications() {}

    /** An S3 Event Notification for one created object, as S3 sends it to SQS, Lambda or a raw SNS delivery. */
    static String s3Event(String bucket, String key, long size, String eTag, String sequencer) {
        ObjectNode root = TrailData.JSON.createObjectNode();
        ObjectNode record = root.putArray("Records").addObject();
        record.put("eventVersion", "2.1");
        record.put("eventSource", "aws:s3");
        record.put("awsRegion", "us-east-1");
        record.put("eventTime", TIME);
        record.put("eventName", "ObjectCreated:Put");
        record.putObject("userIdentity").put("principalId", "AWS:AROAEXAMPLEROLEID:regionalDeliverySession");
        record.putObject("requestParameters").put("sourceIPAddress", "198.51.100.24");
        ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0");
        s3.put("configurationId", "trailstream-intake");
        ObjectNode b = s3.putObject("bucket");
        b.put("name", bucket);
        b.put("arn", "arn:aws:s3:::" + bucket);
        ObjectNode o = s3.putObject("object");
        o.put("key", encode(key));
        o.put("size", size);
        o.put("eTag", eTag);
        o.put("sequencer", sequencer);
        return TrailData.write(root);
    }

    /** An S3 Event Notification of a deletion: announces nothing to fetch. */
    static String s3Removed(String bucket, String key, String sequencer) {
        ObjectNode root = TrailData.JSON.createObjectNode();
        ObjectNode record = root.putArray("Records").addObject();
        record.put("eventVersion", "2.1");
        record.put("eventSource", "aws:s3");
        record.put("eventTime", TIME);
        record.put("eventName", "ObjectRemoved:Delete");
        ObjectNode s3 = record.putObject("s3");
        s3.putObject("bucket").put("name", bucket);
        ObjectNode o = s3.putObject("object");
        o.put("key", encode(key));
        o.put("sequencer", sequencer);
        return TrailData.write(root);
    }

    /** CloudTrail's notice: bucket and the keys of the files it just delivered, not encoded. */
    static String cloudTrailNotice(String bucket, List<String> keys) {
        ObjectNode message = TrailData.JSON.createObjectNode();
        message.put("s3Bucket", bucket);
        ArrayNode array = message.putArray("s3ObjectKey");
        keys.forEach(array::add);
        return TrailData.write(message);
    }

    /** An EventBridge {@code Object Created} event from {@code aws.s3}. */
    static String eventBridge(String bucket, String key, long size, String eTag, String sequencer) {
        ObjectNode root = TrailData.JSON.createObjectNode();
        root.put("version", "0");
        root.put(
                "id",
                UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString());
        root.put("detail-type", "Object Created");
        root.put("source", "aws.s3");
        root.put("account", "111122223333");
        root.put("time", "2026-11-26T10:05:41Z");
        root.put("region", "us-east-1");
        root.putArray("resources").add("arn:aws:s3:::" + bucket);
        ObjectNode detail = root.putObject("detail");
        detail.put("version", "0");
        detail.putObject("bucket").put("name", bucket);
        ObjectNode o = detail.putObject("object");
        o.put("key", encode(key));
        o.put("size", size);
        o.put("etag", eTag);
        o.put("sequencer", sequencer);
        detail.put("request-id", "N4N7GDK58NMKJ12R");
        detail.put("requester", "cloudtrail.amazonaws.com");
        detail.put("reason", "PutObject");
        return TrailData.write(root);
    }

    /** The {@code s3:TestEvent} S3 sends when a notification configuration is saved. */
    static String s3TestEvent(String bucket) {
        ObjectNode root = TrailData.JSON.createObjectNode();
        root.put("Service", "Amazon S3");
        root.put("Event", "s3:TestEvent");
        root.put("Time", TIME);
        root.put("Bucket", bucket);
        root.put("RequestId", "5582815E1AEA5ADF");
        root.put("HostId", "8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+YstdA6Knx4Ip8EXAMPLE");
        return TrailData.write(root);
    }

    /** {@code message} inside an SNS {@code Notification} envelope (raw message delivery off). */
    static String sns(String message) {
        ObjectNode root = TrailData.JSON.createObjectNode();
        root.put("Type", "Notification");
        root.put(
                "MessageId",
                UUID.nameUUIDFromBytes(message.getBytes(StandardCharsets.UTF_8)).toString());
        root.put("TopicArn", TOPIC);
        root.put("Subject", "Amazon S3 Notification");
        root.put("Message", message);
        root.put("Timestamp", "2026-11-26T10:05:42.301Z");
        root.put("SignatureVersion", "1");
        root.put("Signature", "EXAMPLEpH+DcEwjAPg8O9mY8dReBSwksfg2S7WKQcikcNKWLQjwu6A4VbeS0QHVCkhRS7fUQ=");
        root.put("SigningCertURL", "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0000.pem");
        return TrailData.write(root);
    }

    /** The confirmation SNS sends when the stream is subscribed to a topic. */
    static String snsSubscriptionConfirmation() {
        ObjectNode root = TrailData.JSON.createObjectNode();
        root.put("Type", "SubscriptionConfirmation");
        root.put("MessageId", "165545c9-2a5c-472c-8df2-7ff2be2b3b1b");
        root.put(
                "Token",
                "2336412f37fb687f5d51e6e241d09c805a5a57b30d712f794cc5f6a988666d92768dd60a747ba6f3beb71854e285d6ad02428b09ceece29417f1f02d609c582afbacc99c583a916b9981dd2728f4ae6fdb82efd087cc3b7849e05798d2d2785c03b0879594eeac82c01f235d0e717736");
        root.put("TopicArn", TOPIC);
        root.put("Message", "You have chosen to subscribe to the topic " + TOPIC + ".");
        root.put("Timestamp", "2026-11-26T08:59:02.089Z");
        return TrailData.write(root);
    }

    /** Keys in S3 and EventBridge notifications are form-encoded: a space is {@code +}, slashes stay. */
    static String encode(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }
}
