package io.trailstream.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.control.apply.ApplyOutcome;
import io.trailstream.control.apply.ApplyResult;
import io.trailstream.control.apply.ControlApplier;
import io.trailstream.control.message.ControlKind;
import io.trailstream.control.message.ControlMessage;
import io.trailstream.control.message.ControlMessageParser;
import io.trailstream.control.message.ParsedControl;
import io.trailstream.control.message.WireTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The examples in docs/control.md are messages the job accepts, one of each kind, and apply in order. */
class ControlDocsTest {
    @Test
    void documentedExamplesParseAndApply() throws Exception {
        Path doc = Path.of(System.getProperty("trailstream.project.dir", "."), "docs", "control.md");
        Matcher m = Pattern.compile("```json\\n(.*?)\\n```", Pattern.DOTALL).matcher(Files.readString(doc));
        List<ControlMessage> messages = new ArrayList<>();
        ControlMessageParser parser = new ControlMessageParser();
        while (m.find()) {
            ParsedControl p = parser.parse(m.group(1), WireTime.parseMillis("2026-11-27T10:10:00Z"));
            assertThat(p.isOk()).as(m.group(1) + " " + p.reasonText()).isTrue();
            messages.add(p.message);
        }
        assertThat(messages).extracting(x -> x.kind).containsExactly(ControlKind.values());
        ControlState state = new ControlState();
        for (ControlMessage msg : messages) {
            ApplyResult r = new ControlApplier().apply(state, msg, WireTime.parseMillis("2026-11-27T10:10:00Z"));
            assertThat(r.outcome).as(r.logLine()).isEqualTo(ApplyOutcome.APPLIED);
        }
    }
}
