package io.trailstream.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * trailstream's own notification, asking for one object again: {@code trailstream backfill} publishes one per
 * object on the notification stream, and the job turns it into an {@link ObjectRef} with
 * {@link ObjectRef#replay} set, so that routing fetches it even though it saw the object before.
 *
 * <p>One class holds both sides of the wire format, so what the command writes is what the parser reads:
 *
 * <pre>{"trailstream_replay":{"version":1,"scheme":"s3","bucket":"acme-cloudtrail","key":"AWSLogs/…json.gz",
 *  "requested_by":"alice@ops","requested_at":"2026-11-28T09:00:00Z","reason":"backfill after resume"}}</pre>
 *
 * {@code version_id}, {@code etag} and {@code sequencer} are optional (the ledger's, so the same version is
 * fetched and remembered); {@code reason} is optional; {@code "dedupe": true} asks for an object the ledger never saw
 * without bypassing the dedupe state (a time-range backfill). Keys are taken as they are (no URL decoding). Unknown
 * fields make it a dead letter, as a typo in a control message does: a replay is asked for on purpose.
 */
public final class ReplayNotification {
    /** The one top-level field of a replay notification. */
    public static final String FIELD = "trailstream_replay";

    public static final int VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of(
            "version",
            "scheme",
            "bucket",
            "key",
            "requested_by",
            "requested_at",
            "reason",
            "version_id",
            "etag",
            "sequencer",
            "dedupe");
    private static final List<String> SCHEMES = List.of("s3", "file");
    private static final int MAX_TEXT = 1024;

    public final String scheme;
    public final String bucket;
    public final String key;
    public final String versionId;
    public final String eTag;
    public final String sequencer;
    public final String requestedBy;
    public final Instant requestedAt;
    public final String reason;
    /**
     * Whether the job's dedupe applies: false for a replay proper (ops ask for an object the job saw, and it must be
     * fetched again), true for an object the ledger has no row of (a time-range backfill found it in the bucket):
     * then a second backfill, or a notification that was only late, ingests it once.
     */
    public final boolean dedupe;

    /**
     * @param versionId, eTag, sequencer may be null
     * @param reason may be null
     */
    public ReplayNotification(
            String scheme,
            String bucket,
            String key,
            String versionId,
            String eTag,
            String sequencer,
            String requestedBy,
            Instant requestedAt,
            String reason) {
        this(scheme, bucket, key, versionId, eTag, sequencer, requestedBy, requestedAt, reason, false);
    }

    /** @param dedupe whether the job's dedupe applies (see {@link #dedupe}) */
    public ReplayNotification(
            String scheme,
            String bucket,
            String key,
            String versionId,
            String eTag,
            String sequencer,
            String requestedBy,
            Instant requestedAt,
            String reason,
            boolean dedupe) {
        this.dedupe = dedupe;
        this.scheme = Objects.requireNonNull(scheme);
        this.bucket = Objects.requireNonNull(bucket);
        this.key = Objects.requireNonNull(key);
        this.versionId = versionId;
        this.eTag = eTag;
        this.sequencer = sequencer;
        this.requestedBy = Objects.requireNonNull(requestedBy);
        this.requestedAt = Objects.requireNonNull(requestedAt);
        this.reason = reason;
    }

    /** The notification as one line of JSON; optional fields that are null are left out. */
    public String toJson() {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("version", VERSION);
        body.put("scheme", scheme);
        body.put("bucket", bucket);
        body.put("key", key);
        if (versionId != null) body.put("version_id", versionId);
        if (eTag != null) body.put("etag", eTag);
        if (sequencer != null) body.put("sequencer", sequencer);
        body.put("requested_by", requestedBy);
        body.put("requested_at", requestedAt.toString());
        if (reason != null) body.put("reason", reason);
        if (dedupe) body.put("dedupe", true);
        ObjectNode root = MAPPER.createObjectNode();
        root.set(FIELD, body);
        return root.toString();
    }

    /** Whether {@code root} (a JSON object) claims to be a replay notification. */
    static boolean isReplay(JsonNode root) {
        return root.has(FIELD);
    }

    /** The object {@code root} asks for again, or a dead letter saying what is wrong with it. */
    static NotificationResult parse(JsonNode root, long receivedAtMillis) {
        String problem = check(root);
        if (problem != null)
            return NotificationResult.deadLetter(NotificationShapes.REPLAY, "replay notification: " + problem);
        JsonNode body = root.get(FIELD);
        ObjectRef ref = new ObjectRef();
        ref.scheme = body.get("scheme").asText();
        ref.bucket = body.get("bucket").asText();
        ref.key = body.get("key").asText();
        ref.versionId = optional(body, "version_id");
        ref.eTag = ObjectRef.normalizeETag(optional(body, "etag"));
        ref.sequencer = optional(body, "sequencer");
        ref.eventTimeMillis = Instant.parse(body.get("requested_at").asText()).toEpochMilli();
        ref.notifiedAtMillis = receivedAtMillis;
        ref.shape = NotificationShapes.REPLAY;
        ref.replay = !body.path("dedupe").asBoolean(false);
        return NotificationResult.objects(NotificationShapes.REPLAY, List.of(ref));
    }

    /** What is wrong with the payload, or null. */
    private static String check(JsonNode root) {
        if (root.size() != 1) return "fields besides " + FIELD + " (" + String.join(", ", names(root)) + ")";
        JsonNode body = root.get(FIELD);
        if (!body.isObject()) return FIELD + " is not an object";
        for (String name : names(body)) {
            if (!FIELDS.contains(name)) return "unknown field " + clip(name);
        }
        JsonNode version = body.get("version");
        if (version == null) return "missing field version";
        if (!version.isIntegralNumber() || !version.canConvertToInt() || version.asInt() != VERSION) {
            return "unsupported version " + clip(version.toString()) + " (expected " + VERSION + ")";
        }
        for (String name : List.of("scheme", "bucket", "key", "requested_by", "requested_at")) {
            JsonNode v = body.get(name);
            if (v == null || v.isNull()) return "missing field " + name;
            if (!v.isTextual() || v.asText().isBlank()) return name + " is not a non-empty string";
            if (v.asText().length() > MAX_TEXT) return name + " is longer than " + MAX_TEXT + " characters";
        }
        String scheme = body.get("scheme").asText();
        if (!SCHEMES.contains(scheme)) return "scheme " + clip(scheme) + " is not one of " + SCHEMES;
        String bucket = body.get("bucket").asText();
        if ("s3".equals(scheme) && bucket.contains("/")) return "bucket " + clip(bucket) + " is not an S3 bucket name";
        if ("file".equals(scheme) && !bucket.startsWith("/"))
            return "bucket " + clip(bucket) + " is not an absolute folder path";
        try {
            Instant.parse(body.get("requested_at").asText());
        } catch (DateTimeParseException e) {
            return "requested_at " + clip(body.get("requested_at").asText())
                    + " is not an ISO-8601 instant such as 2026-11-28T09:00:00Z";
        }
        JsonNode dedupe = body.get("dedupe");
        if (dedupe != null && !dedupe.isBoolean()) return "dedupe is not a boolean";
        for (String name : List.of("reason", "version_id", "etag", "sequencer")) {
            JsonNode v = body.get(name);
            if (v != null && !v.isNull() && !v.isTextual()) return name + " is not a string";
            if (v != null && v.isTextual() && v.asText().length() > MAX_TEXT)
                return name + " is longer than " + MAX_TEXT + " characters";
        }
        return null;
    }

    private static String optional(JsonNode body, String name) {
        JsonNode v = body.get(name);
        return v == null || !v.isTextual() || v.asText().isEmpty() ? null : v.asText();
    }

    private static List<String> names(JsonNode node) {
        List<String> out = new java.util.ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) out.add(clip(it.next()));
        return out;
    }

    private static String clip(String s) {
        String printable = s.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 80 ? printable.substring(0, 80) + "…" : printable;
    }

    @Override
    public String toString() {
        return "replay of " + scheme + "://" + bucket + "/" + key;
    }
}
