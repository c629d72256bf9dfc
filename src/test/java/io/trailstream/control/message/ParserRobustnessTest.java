package io.trailstream.control.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailstream.control.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A bad control message must never throw out of the parser (it would restart the job), and must be rejected
 * for the reason it has. Generated inputs come in classes whose outcome is known exactly (truncated, a byte no
 * JSON text may hold, an unknown kind, ...); random byte edits are checked against an independent strict
 * JSON reading of the test's own (invalid JSON is rejected as such, valid JSON never is).
 */
class ParserRobustnessTest {
    private static final int PER_CLASS = 300;
    private static final String WORDS = "abcdefghijklmnopqrstuvwxyz_";

    private final ControlMessageParser parser = new ControlMessageParser();
    private final Random random = new Random(42);
    private final byte[] valid = Json.upsert().toString().getBytes(StandardCharsets.UTF_8);

    @Test
    void mutatedMessagesAreParsedOrRejectedNeverThrown() {
        // One JSON text (RFC 8259): no duplicate names, nothing after the value.
        ObjectMapper strict = new ObjectMapper()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        int ok = 0;
        int rejected = 0;
        int invalidJson = 0;
        for (int round = 0; round < 5000; round++) {
            byte[] b = valid.clone();
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            if (random.nextInt(5) == 0) b = Arrays.copyOf(b, random.nextInt(b.length));
            ParsedControl p = parser.parse(b, Json.NOW);
            String what = new String(b, StandardCharsets.UTF_8);
            assertThat(p.rejection).as(what).isNotEqualTo(RejectReason.INTERNAL_ERROR);
            assertThat(p.message).isNotNull();
            boolean json = isJsonObject(strict, b);
            if (!json) invalidJson++;
            assertThat(p.rejection == RejectReason.INVALID_JSON)
                    .as("rejected as invalid JSON exactly when it is not a JSON object: %s (%s)", what, p.reasonText())
                    .isEqualTo(!json);
            if (p.isOk()) ok++;
            else rejected++;
        }
        assertThat(rejected).isGreaterThan(4000);
        assertThat(invalidJson).as("the edits reach the syntax").isGreaterThan(1000);
        assertThat(ok).as("and the values: some edits leave a valid message").isPositive();
    }

    @Test
    void everyClassOfBrokenMessageGetsItsReason() {
        Map<RejectReason, Function<Random, byte[]>> classes = new EnumMap<>(RejectReason.class);
        classes.put(RejectReason.INVALID_JSON, this::truncatedOrUnreadableByte);
        classes.put(RejectReason.UNSUPPORTED_VERSION, r -> with(n -> n.put("version", otherThanOne(r))));
        classes.put(RejectReason.UNKNOWN_KIND, r -> with(n -> n.put("kind", word(r))));
        classes.put(
                RejectReason.UNKNOWN_FIELD,
                r -> with(n -> {
                    ObjectNode target = r.nextBoolean() ? n : (ObjectNode) n.get("integration");
                    target.put("x_" + word(r), word(r));
                }));
        classes.put(
                RejectReason.MISSING_FIELD,
                r -> with(n -> n.remove(
                        List.of("version", "message_id", "issued_at", "author", "kind", "integration_id", "integration")
                                .get(r.nextInt(7)))));
        classes.put(
                RejectReason.BAD_ACCOUNT_ID,
                r -> with(n -> ((ObjectNode) n.get("integration"))
                        .putArray("included_accounts")
                        .add("111111111111")
                        .add(badAccountId(r))));
        classes.put(
                RejectReason.FROM_THE_FUTURE,
                r -> with(n -> n.put(
                        "issued_at", WireTime.format(Json.NOW + 5 * 60_000L + 1 + r.nextInt(Integer.MAX_VALUE)))));
        for (Map.Entry<RejectReason, Function<Random, byte[]>> c : classes.entrySet()) {
            for (int i = 0; i < PER_CLASS; i++) {
                byte[] b = c.getValue().apply(random);
                ParsedControl p = parser.parse(b, Json.NOW);
                assertThat(p.rejection)
                        .as("%s: %s (%s)", c.getKey(), new String(b, StandardCharsets.UTF_8), p.reasonText())
                        .isEqualTo(c.getKey());
                assertThat(p.message.json).isEqualTo(new String(b, StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void whitespaceAndFieldOrderChangeNothing() throws Exception {
        ControlMessage original = parser.parse(valid, Json.NOW).message;
        original.json = null;
        for (int i = 0; i < PER_CLASS; i++) {
            String text = reformatted(Json.MAPPER.readTree(valid), random);
            ParsedControl p = parser.parse(text, Json.NOW);
            assertThat(p.isOk()).as("%s: %s", text, p.reasonText()).isTrue();
            p.message.json = null;
            assertThat(p.message).as(text).isEqualTo(original);
        }
    }

    @Test
    void wrongTypesEverywhereAreRejected() {
        String[] fields = {
            "version", "message_id", "issued_at", "author", "kind", "integration_id", "tenant_id", "integration"
        };
        String[] values = {"null", "true", "3.5", "[]", "{}", "\"\"", "-1"};
        ControlMessageParser parser = new ControlMessageParser();
        for (String f : fields) {
            for (String v : values) {
                com.fasterxml.jackson.databind.node.ObjectNode n = Json.upsert();
                try {
                    n.set(f, Json.MAPPER.readTree(v));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                ParsedControl p = parser.parse(n.toString(), Json.NOW);
                if (f.equals("tenant_id") && v.equals("null")) {
                    assertThat(p.isOk())
                            .as("the top-level tenant of an upsert is optional")
                            .isTrue();
                    continue;
                }
                assertThat(p.rejection)
                        .as(f + "=" + v + " " + p.reasonText())
                        .isNotNull()
                        .isNotEqualTo(RejectReason.INTERNAL_ERROR);
            }
        }
    }

    // ---- generators ------------------------------------------------------------------------------

    /** Cut short anywhere, or one byte replaced by a control character or a byte UTF-8 never starts with. */
    private byte[] truncatedOrUnreadableByte(Random r) {
        if (r.nextBoolean()) return Arrays.copyOf(valid, r.nextInt(valid.length));
        byte[] b = valid.clone();
        int[] control = {0x00, 0x01, 0x02, 0x07, 0x08, 0x0B, 0x0C, 0x0E, 0x1B, 0x1F};
        int[] notUtf8 = {0x80, 0x9F, 0xBF, 0xF8, 0xFE, 0xFF};
        int[] pool = r.nextBoolean() ? control : notUtf8;
        b[r.nextInt(b.length)] = (byte) pool[r.nextInt(pool.length)];
        return b;
    }

    private static byte[] with(java.util.function.Consumer<ObjectNode> change) {
        ObjectNode n = Json.upsert();
        change.accept(n);
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static int otherThanOne(Random r) {
        int v = r.nextInt(2001) - 1000;
        return v == 1 ? 2 : v;
    }

    private static String word(Random r) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0, n = 3 + r.nextInt(10); i < n; i++) sb.append(WORDS.charAt(r.nextInt(WORDS.length())));
        return sb.toString();
    }

    /** Digits of any length but 12, or 12 characters that are not all digits. */
    private static String badAccountId(Random r) {
        if (r.nextBoolean()) {
            int length = 1 + r.nextInt(20);
            if (length == 12) length = 13;
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < length; i++) sb.append((char) ('0' + r.nextInt(10)));
            return sb.toString();
        }
        char[] id = "123456789012".toCharArray();
        id[r.nextInt(12)] = WORDS.charAt(r.nextInt(WORDS.length()));
        return new String(id);
    }

    /** The same JSON with its fields in a random order and random insignificant whitespace. */
    private static String reformatted(JsonNode node, Random r) {
        String[] spaces = {"", " ", "\n", "\t", "\r\n  "};
        String s = spaces[r.nextInt(spaces.length)];
        if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) fields.add(it.next());
            Collections.shuffle(fields, r);
            StringBuilder sb = new StringBuilder("{" + s);
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) sb.append(s).append(',').append(s);
                sb.append(quoted(fields.get(i).getKey()))
                        .append(s)
                        .append(':')
                        .append(s)
                        .append(reformatted(fields.get(i).getValue(), r));
            }
            return sb.append(s).append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder sb = new StringBuilder("[" + s);
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) sb.append(',').append(s);
                sb.append(reformatted(node.get(i), r));
            }
            return sb.append(s).append(']').toString();
        }
        return s + node + s;
    }

    private static String quoted(String text) {
        return Json.MAPPER.getNodeFactory().textNode(text).toString();
    }

    private static boolean isJsonObject(ObjectMapper strict, byte[] bytes) {
        try {
            JsonNode node = strict.readTree(bytes);
            return node != null && node.isObject() && !node.isMissingNode();
        } catch (Exception e) {
            return false;
        }
    }
}
