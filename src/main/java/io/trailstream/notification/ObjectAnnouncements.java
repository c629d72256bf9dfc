package io.trailstream.notification;

import static io.trailstream.notification.NotificationFields.clip;
import static io.trailstream.notification.NotificationFields.emptyToNull;
import static io.trailstream.notification.NotificationFields.epochMillis;
import static io.trailstream.notification.NotificationFields.newRef;
import static io.trailstream.notification.NotificationFields.size;
import static io.trailstream.notification.NotificationFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the three shapes that announce objects into {@link ObjectRef}s: an S3 Event Notification's
 * {@code Records[]}, CloudTrail's own SNS notice and an EventBridge {@code Object Created} event. Each turns
 * what it cannot use into a dead letter naming the field; {@link NotificationParser} decides which shape a
 * message is and unwraps SNS envelopes.
 */
final class ObjectAnnouncements {
    private ObjectAnnouncements() {}

    // --- S3 Event Notifications -------------------------------------------------------------------

    static NotificationResult s3Event(JsonNode message, String shape, long receivedAtMillis) {
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
            refs.add(announced(
                    bucket, key, shape, receivedAtMillis, object, "eTag", "versionId", text(record, "eventTime")));
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

    static NotificationResult cloudTrailNotice(JsonNode message, long receivedAtMillis) {
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

    static NotificationResult eventBridge(JsonNode event, String shape, long receivedAtMillis) {
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
        return NotificationResult.objects(
                shape,
                List.of(announced(
                        bucket, key, shape, receivedAtMillis, object, "etag", "version-id", text(event, "time"))));
    }

    /**
     * The object an S3 event record or an EventBridge event announces: S3 and EventBridge name the same fields
     * differently ({@code eTag} / {@code etag}, {@code versionId} / {@code version-id}).
     */
    private static ObjectRef announced(
            String bucket,
            String key,
            String shape,
            long receivedAtMillis,
            JsonNode object,
            String eTagField,
            String versionIdField,
            String eventTime) {
        ObjectRef ref = newRef(bucket, key, shape, receivedAtMillis);
        ref.size = size(object.get("size"));
        ref.eTag = ObjectRef.normalizeETag(text(object, eTagField));
        ref.sequencer = emptyToNull(text(object, "sequencer"));
        ref.versionId = emptyToNull(text(object, versionIdField));
        ref.eventTimeMillis = epochMillis(eventTime);
        return ref;
    }
}
