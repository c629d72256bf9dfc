package io.trailstream.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Lenient reading of notification fields, and reasons kept short and printable: notifications are
 * metadata about an object, so an unreadable size or time is absent rather than fatal, and a payload of
 * binary junk still yields a readable dead-letter reason.
 */
final class NotificationFields {
    private static final int MAX_REASON_DETAIL = 160;

    private NotificationFields() {}

    static ObjectRef newRef(String bucket, String key, String shape, long receivedAtMillis) {
        ObjectRef ref = ObjectRef.s3(bucket, key);
        ref.scheme = "s3";
        ref.shape = shape;
        ref.notifiedAtMillis = receivedAtMillis;
        return ref;
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    static long size(JsonNode node) {
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

    static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    static String fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        while (it.hasNext() && names.size() < 6) names.add(clip(it.next()));
        if (it.hasNext()) names.add("…");
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    static String jsonError(IOException e) {
        String message = e instanceof JsonProcessingException
                ? ((JsonProcessingException) e).getOriginalMessage()
                : e.getMessage();
        return clip(String.valueOf(message));
    }

    /** Keeps reasons short and printable: payloads can be binary junk. */
    static String clip(String s) {
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
