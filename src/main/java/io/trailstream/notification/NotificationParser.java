package io.trailstream.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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
    private static final int MAX_REASON_DETAIL = 160;

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
            return parseS3Event(
                    message, sns ? NotificationShapes.SNS_S3_EVENT : NotificationShapes.S3_EVENT, receivedAtMillis);
        }
        if ("s3:TestEvent".equals(text(message, "Event"))) {
            return NotificationResult.ignored(
                    sns ? NotificationShapes.SNS_S3_TEST_EVENT : NotificationShapes.S3_TEST_EVENT,
                    "S3 test event for bucket " + clip(String.valueOf(text(message, "Bucket"))));
        }
        if (message.has("s3Bucket") || message.has("s3ObjectKey")) {
            return parseCloudTrailNotice(message, receivedAtMillis);
        }
        if (message.has("detail-type") && message.has("source")) {
            return parseEventBridge(
                    message,
                    sns ? NotificationShapes.SNS_EVENTBRIDGE : NotificationShapes.EVENTBRIDGE,
                    receivedAtMillis);
        }
        return NotificationResult.deadLetter(
                sns ? NotificationShapes.SNS_UNKNOWN : NotificationShapes.UNKNOWN,
                "no known notification shape (fields " + fieldNames(message) + ")");
    }

    // --- S3 Event Notifications -------------------------------------------------------------------

    private NotificationResult parseS3Event(JsonNode message, String shape, long receivedAtMillis) {
        JsonNode records = message.get("Records");
        if (!records.isArray() || records.isEmpty()) {
            return NotificationResult.deadLetter(shape, "Records is not a non-empty array");
        }
        List<ObjectRef> refs = new ArrayList<>(records.size());
        Set<String> ignoredNames = new LinkedHashSet<>();
        int ignored = 0;
        for (int i = 0; i < records.size(); i++) {
            JsonNode record = records.get(i);
            if (!record.isObject()) {
                return NotificationResult.deadLetter(shape, "record " + i + " is not an object");
            }
            String eventName = text(record, "eventName");
            if (eventName == null) {
                return NotificationResult.deadLetter(shape, "record " + i + " has no eventName");
            }
            if (!isObjectCreated(eventName)) {
                ignored++;
                ignoredNames.add(clip(eventName));
                continue;
            }
            JsonNode s3 = record.path("s3");
            String bucket = text(s3.path("bucket"), "name");
            if (bucket == null || bucket.isBlank()) {
                return NotificationResult.deadLetter(shape, "record " + i + " has no s3.bucket.name");
            }
            JsonNode object = s3.path("object");
            String rawKey = text(object, "key");
            if (rawKey == null || rawKey.isEmpty()) {
                return NotificationResult.deadLetter(shape, "record " + i + " has no s3.object.key");
            }
            String key = S3KeyDecoder.decode(rawKey);
            if (key == null || key.isEmpty()) {
                return NotificationResult.deadLetter(
                        shape, "record " + i + " has a key that is not valid URL encoding: " + clip(rawKey));
            }
            ObjectRef ref = newRef(bucket, key, shape, receivedAtMillis);
            ref.size = size(object.get("size"));
            ref.eTag = ObjectRef.normalizeETag(text(object, "eTag"));
            ref.sequencer = emptyToNull(text(object, "sequencer"));
            ref.versionId = emptyToNull(text(object, "versionId"));
            ref.eventTimeMillis = epochMillis(text(record, "eventTime"));
            refs.add(ref);
        }
        String ignoredReason = ignored == 0
                ? null
                : ignored + (ignored == 1 ? " record" : " records") + " not ObjectCreated: "
                        + String.join(", ", ignoredNames);
        if (refs.isEmpty()) {
            return NotificationResult.ignored(shape, ignoredReason, ignored);
        }
        return NotificationResult.objects(shape, refs, ignored, ignoredReason);
    }

    /** {@code ObjectCreated:*} as AWS names it; {@code s3:ObjectCreated:*} as S3-compatible stores do. */
    private static boolean isObjectCreated(String eventName) {
        return eventName.startsWith("ObjectCreated:") || eventName.startsWith("s3:ObjectCreated:");
    }

    // --- CloudTrail SNS notice ---------------------------------------------------------------------

    private NotificationResult parseCloudTrailNotice(JsonNode message, long receivedAtMillis) {
        String shape = NotificationShapes.CLOUDTRAIL_SNS;
        String bucket = text(message, "s3Bucket");
        if (bucket == null || bucket.isBlank()) {
            return NotificationResult.deadLetter(shape, "CloudTrail notice has no s3Bucket");
        }
        JsonNode keys = message.get("s3ObjectKey");
        List<ObjectRef> refs = new ArrayList<>();
        if (keys != null && keys.isTextual()) {
            if (!keys.asText().isEmpty()) refs.add(newRef(bucket, keys.asText(), shape, receivedAtMillis));
        } else if (keys != null && keys.isArray()) {
            for (int i = 0; i < keys.size(); i++) {
                JsonNode key = keys.get(i);
                if (!key.isTextual() || key.asText().isEmpty()) {
                    return NotificationResult.deadLetter(
                            shape, "CloudTrail notice key " + i + " is not a non-empty string");
                }
                // CloudTrail lists keys as they are: no URL decoding here.
                refs.add(newRef(bucket, key.asText(), shape, receivedAtMillis));
            }
        }
        if (refs.isEmpty()) {
            return NotificationResult.deadLetter(shape, "CloudTrail notice has no s3ObjectKey");
        }
        return NotificationResult.objects(shape, refs);
    }

    // --- EventBridge -------------------------------------------------------------------------------

    private NotificationResult parseEventBridge(JsonNode event, String shape, long receivedAtMillis) {
        String source = text(event, "source");
        if (!"aws.s3".equals(source)) {
            return NotificationResult.deadLetter(
                    shape, "EventBridge event from source " + clip(String.valueOf(source)) + ", not aws.s3");
        }
        String detailType = text(event, "detail-type");
        if (!"Object Created".equals(detailType)) {
            return NotificationResult.ignored(
                    shape, "EventBridge detail-type " + clip(String.valueOf(detailType)) + " is not Object Created");
        }
        JsonNode detail = event.path("detail");
        String bucket = text(detail.path("bucket"), "name");
        if (bucket == null || bucket.isBlank()) {
            return NotificationResult.deadLetter(shape, "EventBridge event has no detail.bucket.name");
        }
        JsonNode object = detail.path("object");
        String rawKey = text(object, "key");
        if (rawKey == null || rawKey.isEmpty()) {
            return NotificationResult.deadLetter(shape, "EventBridge event has no detail.object.key");
        }
        String key = S3KeyDecoder.decode(rawKey);
        if (key == null || key.isEmpty()) {
            return NotificationResult.deadLetter(shape, "EventBridge key is not valid URL encoding: " + clip(rawKey));
        }
        ObjectRef ref = newRef(bucket, key, shape, receivedAtMillis);
        ref.size = size(object.get("size"));
        ref.eTag = ObjectRef.normalizeETag(text(object, "etag"));
        ref.sequencer = emptyToNull(text(object, "sequencer"));
        ref.versionId = emptyToNull(text(object, "version-id"));
        ref.eventTimeMillis = epochMillis(text(event, "time"));
        return NotificationResult.objects(shape, List.of(ref));
    }

    // --- helpers -----------------------------------------------------------------------------------

    private static ObjectRef newRef(String bucket, String key, String shape, long receivedAtMillis) {
        ObjectRef ref = ObjectRef.s3(bucket, key);
        ref.scheme = "s3";
        ref.shape = shape;
        ref.notifiedAtMillis = receivedAtMillis;
        return ref;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static long size(JsonNode node) {
        if (node == null) return -1;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            long v = node.asLong();
            return v >= 0 ? v : -1;
        }
        if (node.isTextual()) {
            try {
                long v = Long.parseLong(node.asText());
                return v >= 0 ? v : -1;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }

    /** Epoch millis of an ISO-8601 instant, or 0 when absent or unreadable (it is metadata, not identity). */
    static long epochMillis(String iso) {
        if (iso == null || iso.isEmpty()) return 0;
        try {
            return Instant.parse(iso).toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
            } catch (DateTimeParseException e2) {
                return 0;
            }
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        while (it.hasNext() && names.size() < 6) names.add(clip(it.next()));
        if (it.hasNext()) names.add("…");
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    private static String jsonError(IOException e) {
        String message = e instanceof JsonProcessingException
                ? ((JsonProcessingException) e).getOriginalMessage()
                : e.getMessage();
        return clip(String.valueOf(message));
    }

    /** Keeps reasons short and printable: payloads can be binary junk. */
    private static String clip(String s) {
        StringBuilder out = new StringBuilder(Math.min(s.length(), MAX_REASON_DETAIL) + 1);
        for (int i = 0; i < s.length(); i++) {
            if (out.length() >= MAX_REASON_DETAIL) {
                out.append('…');
                break;
            }
            char c = s.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return out.toString();
    }
}
