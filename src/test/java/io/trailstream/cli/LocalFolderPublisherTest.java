package io.trailstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailstream.control.ControlView;
import io.trailstream.control.IntegrationStatus;
import io.trailstream.control.message.ControlMessage;
import io.trailstream.control.message.ControlMessageParser;
import io.trailstream.control.message.IntegrationPatch;
import io.trailstream.control.message.ParsedControl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFolderPublisherTest {
    @TempDir
    Path dir;

    @Test
    void fileNamesSortInIssueOrderAndContentRoundTrips() throws IOException {
        // Ids that sort against issue order: the time stamp must decide.
        List<String> ids = new ArrayList<>(List.of("zz", "yy", "xx", "ww"));
        StepClock clock = new StepClock("2026-11-27T09:59:59.500Z");
        ControlMessageBuilder b = new ControlMessageBuilder("alice@ops", clock, () -> ids.remove(0));
        LocalFolderPublisher publisher = new LocalFolderPublisher(dir.resolve("control"));
        List<ControlMessage> sent = List.of(
                b.upsert("acme-prod", new IntegrationPatch().tenantId("acme").bucket("acme-trail")),
                b.suspend("acme-prod"),
                b.resume("acme-prod"),
                b.expireLicence("acme"));
        List<String> written = new ArrayList<>();
        for (ControlMessage m : sent) written.add(publisher.publish(m));
        assertThat(Path.of(written.get(0)).getFileName().toString()).isEqualTo("20261127T095959500-zz.json");
        assertThat(Path.of(written.get(1)).getFileName().toString()).isEqualTo("20261127T100000500-yy.json");

        List<Path> files = LocalFolderPublisher.messagesInOrder(dir.resolve("control"));
        assertThat(files).extracting(Path::toString).containsExactlyElementsOf(written);
        ControlMessageParser parser = new ControlMessageParser();
        for (int i = 0; i < files.size(); i++) {
            ParsedControl p = parser.parse(
                    Files.readAllBytes(files.get(i)),
                    Instant.parse("2026-11-27T10:00:00Z").toEpochMilli());
            assertThat(p.isOk()).as(p.reasonText()).isTrue();
            ControlMessage expected = sent.get(i);
            assertThat(p.message.messageId).isEqualTo(expected.messageId);
            assertThat(p.message.kind).isEqualTo(expected.kind);
            assertThat(p.message.json.strip()).isEqualTo(expected.json);
        }
        try (var list = Files.list(dir.resolve("control"))) {
            assertThat(list.filter(p -> p.getFileName().toString().startsWith(".")))
                    .as("no temp files left")
                    .isEmpty();
        }
    }

    @Test
    void readersSkipTempAndForeignFiles() throws IOException {
        Files.writeString(dir.resolve(".20261127T100000000-a.json.tmp"), "{");
        Files.writeString(dir.resolve(".hidden.json"), "{");
        Files.writeString(dir.resolve("README.txt"), "hello");
        Files.createDirectory(dir.resolve("sub.json"));
        Files.writeString(dir.resolve("20261127T100000000-a.json"), "{}");
        assertThat(LocalFolderPublisher.messagesInOrder(dir))
                .extracting(p -> p.getFileName().toString())
                .containsExactly("20261127T100000000-a.json");
        assertThat(LocalFolderPublisher.messagesInOrder(dir.resolve("missing"))).isEmpty();
    }

    @Test
    void neverOverwritesAMessage() throws IOException {
        ControlMessageBuilder b = new ControlMessageBuilder(
                "a",
                java.time.Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), java.time.ZoneOffset.UTC),
                () -> "same");
        LocalFolderPublisher publisher = new LocalFolderPublisher(dir);
        ControlMessage m = b.suspend("x");
        publisher.publish(m);
        assertThatThrownBy(() -> publisher.publish(m))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("exists");
    }

    @Test
    void folderLookupReplaysMessagesAsTheJobWould() throws IOException {
        StepClock clock = new StepClock("2026-11-27T10:00:00Z");
        ControlMessageBuilder b = new ControlMessageBuilder("alice@ops", clock, clock.ids());
        LocalFolderPublisher publisher = new LocalFolderPublisher(dir);
        publisher.publish(b.upsert("a", new IntegrationPatch().tenantId("acme").bucket("acme-trail")));
        publisher.publish(b.upsert(
                "b",
                new IntegrationPatch().tenantId("acme").bucket("acme-trail").prefix("b")));
        publisher.publish(b.suspend("b"));
        publisher.publish(b.delete("a"));
        Files.writeString(dir.resolve("20261127T110000000-junk.json"), "not json");
        publisher.publish(b.expireLicence("acme"));
        ControlView view = new FolderIntegrationLookup(dir, null).current();
        assertThat(view.integration("a").status).isEqualTo(IntegrationStatus.DELETED);
        assertThat(view.integration("b").status).isEqualTo(IntegrationStatus.SUSPENDED);
        assertThat(view.integration("b").prefix).isEqualTo("b");
        assertThat(view.tenant("acme").licenceExpired).isTrue();
    }
}
