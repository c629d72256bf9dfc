package io.trailstream.control.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.control.Json;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A bad control message must never throw out of the parser (it would restart the job). */
class ParserRobustnessTest {
    @Test
    void mutatedMessagesAreParsedOrRejectedNeverThrown() {
        ControlMessageParser parser = new ControlMessageParser();
        byte[] valid = Json.upsert().toString().getBytes(StandardCharsets.UTF_8);
        Random random = new Random(42);
        int ok = 0;
        int rejected = 0;
        for (int round = 0; round < 5000; round++) {
            byte[] b = valid.clone();
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            if (random.nextInt(5) == 0) b = java.util.Arrays.copyOf(b, random.nextInt(b.length));
            ParsedControl p = parser.parse(b, Json.NOW);
            assertThat(p.rejection).as(new String(b, StandardCharsets.UTF_8)).isNotEqualTo(RejectReason.INTERNAL_ERROR);
            assertThat(p.message).isNotNull();
            if (p.isOk()) ok++;
            else rejected++;
        }
        assertThat(rejected).isGreaterThan(4000);
        assertThat(ok + rejected).isEqualTo(5000);
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
}
