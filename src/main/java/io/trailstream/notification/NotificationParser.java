package io.trailstream.notification;

import static io.trailstream.notification.NotificationFields.clip;
import static io.trailstream.notification.NotificationFields.fieldNames;
import static io.trailstream.notification.NotificationFields.jsonError;
import static io.trailstream.notification.NotificationFields.text;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serializable;

/**
 * Turns any notification an AWS account can put on the stream into object references: S3 Event
 * Notifications (raw or inside SNS), CloudTrail's own SNS notice, EventBridge {@code Object Created}
 * events (raw or inside SNS), trailstream's own replay notifications ({@link ReplayNotification}, never inside
 * SNS), and recognises the housekeeping messages (S3 test events, SNS
 * subscription confirmations) so they are ignored rather than dead-lettered.
 *
 * <p>It never throws: every payload yields a {@link NotificationResult}. Notifications are small, so a
 * Jackson tree is used. Stateless and thread-safe.
 */
public final class NotificationParser implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public NotificationParser() {}

    /**
     * Parses one payload (one Kinesis record, one SQS body).
     *
     * @param receivedAtMillis when trailstream received it; becomes {@link ObjectRef#notifiedAtMillis}
     */
    public NotificationResult parse(byte[] payload, long receivedAtMillis) {
        try {
            return parseOrFail(payload, receivedAtMillis);
        } catch (RuntimeException e) {
            // Belt and braces: a bug here must not fail the job, it must show up as a dead letter.
            return NotificationResult.deadLetter(NotificationShapes.UNKNOWN, "parser error: " + e);
        }
    }

    private NotificationResult parseOrFail(byte[] payload, long receivedAtMillis) {
        if (payload == null || payload.length == 0) {
            return NotificationResult.deadLetter(NotificationShapes.UNKNOWN, "empty payload");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(payload);
        } catch (IOException e) {
            return NotificationResult.deadLetter(NotificationShapes.UNKNOWN, "not JSON: " + jsonError(e));
        }
        if (root == null || root.isMissingNode()) {
            return NotificationResult.deadLetter(NotificationShapes.UNKNOWN, "empty payload");
        }
        if (!root.isObject()) {
            return NotificationResult.deadLetter(
                    NotificationShapes.UNKNOWN, "JSON " + root.getNodeType() + " is not an object");
        }
        if (ReplayNotification.isReplay(root)) {
            return ReplayNotification.parse(root, receivedAtMillis);
        }
        if (isSnsEnvelope(root)) {
            return parseSns(root, receivedAtMillis);
        }
        return parseMessage(root, false, receivedAtMillis);
    }

    private static boolean isSnsEnvelope(JsonNode root) {
        return root.path("Type").isTextual() && (root.has("TopicArn") || root.has("MessageId"));
    }

    private NotificationResult parseSns(JsonNode envelope, long receivedAtMillis) {
        String type = envelope.get("Type").asText();
        switch (type) {
            case "Notification": {
                JsonNode message = envelope.get("Message");
                if (message == null || !message.isTextual()) {
                    return NotificationResult.deadLetter(
                            NotificationShapes.SNS_UNKNOWN, "SNS notification without a Message string");
                }
                JsonNode inner;
                try {
                    inner = MAPPER.readTree(message.asText());
                } catch (IOException e) {
                    return NotificationResult.deadLetter(
                            NotificationShapes.SNS_UNKNOWN, "SNS Message is not JSON: " + jsonError(e));
                }
                if (inner == null || !inner.isObject()) {
                    return NotificationResult.deadLetter(
                            NotificationShapes.SNS_UNKNOWN, "SNS Message is not a JSON object");
                }
                return parseMessage(inner, true, receivedAtMillis);
            }
            case "SubscriptionConfirmation":
            case "UnsubscribeConfirmation":
                return NotificationResult.ignored(NotificationShapes.SNS_SUBSCRIPTION, "SNS " + type);
            default:
                return NotificationResult.deadLetter(
                        NotificationShapes.SNS_UNKNOWN, "unknown SNS message type " + clip(type));
        }
    }

    private NotificationResult parseMessage(JsonNode message, boolean sns, long receivedAtMillis) {
        if (message.has("Records")) {
            return ObjectAnnouncements.s3Event(
                    message, sns ? NotificationShapes.SNS_S3_EVENT : NotificationShapes.S3_EVENT, receivedAtMillis);
        }
        if ("s3:TestEvent".equals(text(message, "Event"))) {
            return NotificationResult.ignored(
                    sns ? NotificationShapes.SNS_S3_TEST_EVENT : NotificationShapes.S3_TEST_EVENT,
                    "S3 test event for bucket " + clip(String.valueOf(text(message, "Bucket"))));
        }
        if (message.has("s3Bucket") || message.has("s3ObjectKey")) {
            return ObjectAnnouncements.cloudTrailNotice(message, receivedAtMillis);
        }
        if (message.has("detail-type") && message.has("source")) {
            return ObjectAnnouncements.eventBridge(
                    message,
                    sns ? NotificationShapes.SNS_EVENTBRIDGE : NotificationShapes.EVENTBRIDGE,
                    receivedAtMillis);
        }
        return NotificationResult.deadLetter(
                sns ? NotificationShapes.SNS_UNKNOWN : NotificationShapes.UNKNOWN,
                "no known notification shape (fields " + fieldNames(message) + ")");
    }
}
