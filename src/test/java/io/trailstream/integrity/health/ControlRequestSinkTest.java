package io.trailstream.integrity.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.control.IntegrationStatus;
import io.trailstream.control.message.ControlKind;
import io.trailstream.control.message.ControlMessageParser;
import io.trailstream.control.message.ParsedControl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's own control requests: kept in Flink's committables by a versioned serializer, written as messages the
 * control parser accepts (author {@code trailstream}), and into a control folder once however often published.
 */
class ControlRequestSinkTest {
    private final ControlRequest request =
            ControlRequest.of("acme", IntegrationStatus.DISCONNECTED, "disconnect", 1_764_000_000_000L, "refused");

    @Test
    void aRequestSurvivesItsSerializer() throws Exception {
        ControlRequestSink.Serializer s = new ControlRequestSink.Serializer();
        ControlRequest back = s.deserialize(s.getVersion(), s.serialize(request));
        assertThat(back).usingRecursiveComparison().isEqualTo(request);
    }

    @Test
    void itIsAMessageTheJobAccepts() {
        ParsedControl p =
                new ControlMessageParser().parse(ControlRequestPublisher.wire(request), request.issuedAtMillis);
        assertThat(p.isOk()).as(p.detail).isTrue();
        assertThat(p.message.kind).isEqualTo(ControlKind.SET_STATUS);
        assertThat(p.message.status).isEqualTo(IntegrationStatus.DISCONNECTED);
        assertThat(p.message.author).isEqualTo("trailstream");
        assertThat(p.message.messageId).isEqualTo("trailstream-health-acme-disconnect-1764000000000");
    }

    @Test
    void theFolderGetsOneFilePerRequest(@TempDir Path dir) throws Exception {
        FolderControlRequests folder = new FolderControlRequests(dir);
        folder.publish(request);
        folder.publish(request);
        List<Path> files;
        try (var list = Files.list(dir)) {
            files = list.toList();
        }
        assertThat(files)
                .singleElement()
                .satisfies(f -> assertThat(f.getFileName().toString())
                        .isEqualTo("20251124T160000000-trailstream-health-acme-disconnect-1764000000000.json"));
    }
}
