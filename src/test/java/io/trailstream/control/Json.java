package io.trailstream.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailstream.control.message.ControlKind;
import io.trailstream.control.message.ControlMessageParser;
import io.trailstream.control.message.ParsedControl;
import io.trailstream.control.message.WireTime;

/** Test helper: builds control message JSON field by field. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    public static final long NOW = WireTime.parseMillis("2026-11-27T10:00:00Z");

    private Json() {}

    /** A valid envelope of {@code kind} for integration {@code acme-prod} (or tenant {@code acme}), issued a minute before NOW. */
    public static ObjectNode envelope(String kind) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("version", 1);
        n.put("message_id", "m-1");
        n.put("issued_at", "2026-11-27T09:59:00Z");
        n.put("author", "alice@ops");
        n.put("kind", kind);
        ControlKind k = ControlKind.fromWire(kind);
        if (k != null && k.isTenantKind()) n.put("tenant_id", "acme");
        else n.put("integration_id", "acme-prod");
        return n;
    }

    public static ObjectNode upsert() {
        ObjectNode n = envelope("upsert_integration");
        ObjectNode i = n.putObject("integration");
        i.put("tenant_id", "acme");
        i.put("display_name", "ACME production");
        i.put("bucket", "acme-trail");
        i.put("prefix", "org");
        i.put("organization_id", "o-abcdef1234");
        i.putArray("included_accounts").add("222222222222").add("111111111111");
        i.put("status", "active");
        i.put("role_arn", "arn:aws:iam::111111111111:role/trailstream-acme-prod-read");
        i.put("external_id", "acme-lake-7f3a");
        return n;
    }

    public static ParsedControl parse(ObjectNode n) {
        return new ControlMessageParser().parse(n.toString(), NOW);
    }
}
