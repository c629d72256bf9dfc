package io.trailstream.onboarding;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * Policy documents as JSON values: parsing what AWS returns (IAM URL-encodes them), writing what we send, and
 * comparing the two by meaning rather than by layout (AWS may turn a one-element list into a string).
 */
public final class PolicyJson {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private PolicyJson() {}

    public static JsonNode parse(String document) {
        if (document == null) return null;
        String text = document.strip().startsWith("%") ? URLDecoder.decode(document, StandardCharsets.UTF_8) : document;
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON policy document: " + e.getOriginalMessage());
        }
    }

    public static String write(JsonNode document) {
        try {
            return MAPPER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** Whether two documents (or statements) mean the same, one-element lists and their element taken as equal. */
    public static boolean same(JsonNode a, JsonNode b) {
        return a != null && b != null && normalize(a).equals(normalize(b));
    }

    static JsonNode normalize(JsonNode n) {
        if (n.isArray()) {
            if (n.size() == 1) return normalize(n.get(0));
            ArrayNode out = array();
            n.forEach(e -> out.add(normalize(e)));
            return out;
        }
        if (n.isObject()) {
            ObjectNode out = object();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.set(e.getKey(), normalize(e.getValue()));
            }
            return out;
        }
        return n;
    }
}
