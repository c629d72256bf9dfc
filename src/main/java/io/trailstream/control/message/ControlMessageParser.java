package io.trailstream.control.message;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailstream.control.apply.ControlApplier;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the bytes of one control message into a validated {@link ControlMessage} or a rejection with
 * a reason. It never throws: a bad control message must end in {@code control_audit}, not in a job
 * restart. It checks the message alone; rules that need the state are {@link ControlApplier}'s.
 */
public class ControlMessageParser implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final int DEFAULT_MAX_BYTES = 256 * 1024;
    public static final long DEFAULT_MAX_FUTURE_SKEW_MILLIS = 5 * 60 * 1000L;
    /** How much of an oversized message the audit keeps. */
    static final int KEPT_OF_OVERSIZED = 4096;

    static final List<String> COMMON_FIELDS =
            List.of("version", "message_id", "issued_at", "author", "kind", "integration_id", "tenant_id");
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final int maxBytes;
    private final long maxFutureSkewMillis;

    /** 256 KiB at most, issued at most 5 minutes ahead of the receiver's clock. */
    public ControlMessageParser() {
        this(DEFAULT_MAX_BYTES, DEFAULT_MAX_FUTURE_SKEW_MILLIS);
    }

    public ControlMessageParser(int maxBytes, long maxFutureSkewMillis) {
        this.maxBytes = maxBytes;
        this.maxFutureSkewMillis = maxFutureSkewMillis;
    }

    public ParsedControl parse(String text, long nowMillis) {
        return parse(text == null ? null : text.getBytes(StandardCharsets.UTF_8), nowMillis);
    }

    /** Parses and validates {@code bytes}, received at {@code nowMillis}. */
    public ParsedControl parse(byte[] bytes, long nowMillis) {
        ControlMessage m = new ControlMessage();
        m.version = 0;
        try {
            if (bytes == null || bytes.length == 0)
                throw new ControlRejectException(RejectReason.INVALID_JSON, "empty message");
            if (bytes.length > maxBytes) {
                String head = new String(bytes, 0, Math.min(bytes.length, KEPT_OF_OVERSIZED), StandardCharsets.UTF_8);
                m.json = head + "…[cut: " + bytes.length + " bytes in all]";
                throw new ControlRejectException(
                        RejectReason.TOO_LARGE,
                        "message has " + bytes.length + " bytes; at most " + maxBytes + " are accepted");
            }
            m.json = new String(bytes, StandardCharsets.UTF_8);
            JsonNode root = readTree(bytes);
            readLeniently(root, m);
            readStrictly(root, m, nowMillis);
            return ParsedControl.ok(m);
        } catch (ControlRejectException e) {
            return ParsedControl.rejected(m, e.reason(), e.detail());
        } catch (RuntimeException e) {
            return ParsedControl.rejected(m, RejectReason.INTERNAL_ERROR, e.toString());
        }
    }

    private static JsonNode readTree(byte[] bytes) throws ControlRejectException {
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new ControlRejectException(RejectReason.INVALID_JSON, e.getOriginalMessage());
        } catch (IOException e) {
            throw new ControlRejectException(RejectReason.INVALID_JSON, String.valueOf(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new ControlRejectException(RejectReason.INVALID_JSON, "a control message is a JSON object");
        }
        return root;
    }

    /** Whatever identifies the message, read without judging it, so a rejection can still name it. */
    private static void readLeniently(JsonNode root, ControlMessage m) {
        m.messageId = textOrNull(root, "message_id");
        m.author = textOrNull(root, "author");
        m.integrationId = textOrNull(root, "integration_id");
        m.tenantId = textOrNull(root, "tenant_id");
        m.kind = ControlKind.fromWire(textOrNull(root, "kind"));
        if (root.path("version").isInt()) m.version = root.get("version").asInt();
        try {
            m.issuedAtMillis = WireTime.parseMillis(textOrNull(root, "issued_at"));
        } catch (RuntimeException ignored) {
            m.issuedAtMillis = 0;
        }
    }

    private static String textOrNull(JsonNode root, String field) {
        JsonNode v = root.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    private void readStrictly(JsonNode root, ControlMessage m, long nowMillis) throws ControlRejectException {
        JsonFields f = new JsonFields(root, "");
        JsonNode version = root.get("version");
        if (version == null || version.isNull()) throw f.missing("version");
        if (!version.isInt() || version.asInt() != ControlMessage.CURRENT_VERSION) {
            throw new ControlRejectException(
                    RejectReason.UNSUPPORTED_VERSION,
                    "version " + version + " is not supported; this job reads version "
                            + ControlMessage.CURRENT_VERSION);
        }
        String kindName = f.requiredString("kind");
        ControlKind kind = ControlKind.fromWire(kindName);
        if (kind == null) {
            throw new ControlRejectException(
                    RejectReason.UNKNOWN_KIND,
                    "kind '" + JsonFields.clip(kindName) + "' is not one of " + ControlKind.allWireNames());
        }
        List<String> allowed = new ArrayList<>(COMMON_FIELDS);
        if (kind.isTenantKind()) allowed.remove("integration_id");
        allowed.addAll(kind.requiredFields());
        allowed.addAll(kind.optionalFields());
        f.rejectUnknown(allowed, "kind " + kind.wireName());
        for (String required : kind.requiredFields()) {
            if (!f.has(required)) throw f.missing(required);
        }
        m.messageId = f.requiredIdentifier("message_id");
        m.author = f.requiredString("author");
        if (!ControlValidation.isText(m.author, ControlValidation.MAX_TEXT))
            throw f.bad("author", m.author, "text of at most 256 characters");
        if (!f.has("issued_at")) throw f.missing("issued_at");
        m.issuedAtMillis = f.optionalInstant("issued_at");
        if (m.issuedAtMillis == 0) throw f.missing("issued_at");
        if (m.issuedAtMillis > nowMillis + maxFutureSkewMillis) {
            throw new ControlRejectException(
                    RejectReason.FROM_THE_FUTURE,
                    "issued_at " + WireTime.format(m.issuedAtMillis) + " is more than " + maxFutureSkewMillis / 1000
                            + " s after the receiver's clock " + WireTime.format(nowMillis));
        }
        if (kind.isTenantKind()) {
            m.tenantId = f.requiredIdentifier("tenant_id");
        } else {
            m.integrationId = f.requiredIdentifier("integration_id");
            m.tenantId =
                    f.has("tenant_id") && !root.get("tenant_id").isNull() ? f.requiredIdentifier("tenant_id") : null;
        }
        m.kind = kind;
        KindFields.read(kind, root, m);
    }
}
