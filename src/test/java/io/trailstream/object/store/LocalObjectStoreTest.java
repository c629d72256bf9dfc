package io.trailstream.object.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailstream.notification.ObjectRef;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalObjectStoreTest {
    @TempDir
    Path root;

    private final LocalObjectStore store = new LocalObjectStore();

    private ObjectRef ref(String key) {
        return ref(root.toString(), key);
    }

    private static ObjectRef ref(String folder, String key) {
        ObjectRef ref = new ObjectRef();
        ref.scheme = "file";
        ref.bucket = folder;
        ref.key = key;
        return ref;
    }

    private Path write(String key, byte[] bytes) throws IOException {
        Path file = root.resolve(key);
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    private static ObjectFetchException.Reason reasonOf(Throwable e) {
        return ((ObjectFetchException) e).reason();
    }

    @Test
    void opensAFileWithLengthAndETag() throws IOException {
        byte[] json = "{\"Records\":[]}".getBytes(StandardCharsets.UTF_8);
        write("AWSLogs/111122223333/CloudTrail/us-east-1/2025/03/14/a.json", json);

        try (OpenedObject object = store.open(ref("AWSLogs/111122223333/CloudTrail/us-east-1/2025/03/14/a.json"))) {
            assertThat(object.stream().readAllBytes()).isEqualTo(json);
            assertThat(object.contentLength()).isEqualTo(json.length);
            assertThat(object.eTag()).isNotBlank();
            assertThat(object.ref().uri())
                    .isEqualTo("file://" + root + "/AWSLogs/111122223333/CloudTrail/us-east-1/2025/03/14/a.json");
        }
    }

    @Test
    void userMetadataComesFromTheSidecarAsS3ReturnsIt() throws IOException {
        String key = "AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2025/03/14/d.json.gz";
        write(key, new byte[] {1, 2, 3});
        try (OpenedObject object = store.open(ref(key))) {
            assertThat(object.userMetadata()).as("no sidecar, no metadata").isEmpty();
        }
        write(
                key + ".s3meta.json",
                "{\"x-amz-meta-Signature\":\"abcd\",\"signature-algorithm\":\"SHA256withRSA\"}"
                        .getBytes(StandardCharsets.UTF_8));
        try (OpenedObject object = store.open(ref(key))) {
            assertThat(object.stream().readAllBytes()).isEqualTo(new byte[] {1, 2, 3});
            assertThat(object.userMetadata())
                    .containsOnly(
                            java.util.Map.entry("signature", "abcd"),
                            java.util.Map.entry("signature-algorithm", "SHA256withRSA"));
        }
        write(key + ".s3meta.json", "{\"signature\":42}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> store.open(ref(key)))
                .isInstanceOf(ObjectFetchException.class)
                .hasMessageContaining("signature is not a string");
    }

    @Test
    void eTagChangesWhenTheFileChanges() throws IOException {
        Path file = write("x.json", "{}".getBytes(StandardCharsets.UTF_8));
        String first;
        try (OpenedObject object = store.open(ref("x.json"))) {
            first = object.eTag();
        }
        try (OpenedObject object = store.open(ref("x.json"))) {
            assertThat(object.eTag()).as("stable").isEqualTo(first);
        }
        Files.write(file, "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        Files.setLastModifiedTime(
                file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5000));
        try (OpenedObject object = store.open(ref("x.json"))) {
            assertThat(object.eTag()).isNotEqualTo(first);
        }
    }

    @Test
    void gzipFileIsRawUntilDecompressed() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write("{\"Records\":[1]}".getBytes(StandardCharsets.UTF_8));
        }
        write("dir with space/caf\u00e9.json.gz", gz.toByteArray());

        try (OpenedObject object = store.open(ref("dir with space/caf\u00e9.json.gz"))) {
            try (InputStream in = object.decompressedStream()) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .isEqualTo("{\"Records\":[1]}");
            }
            assertThat(object.contentLength()).isEqualTo(gz.size());
        }
    }

    @Test
    void missingFileIsObjectMissing() {
        assertThatThrownBy(() -> store.open(ref("AWSLogs/none.json.gz")))
                .isInstanceOf(ObjectMissingException.class)
                .hasMessageContaining("AWSLogs/none.json.gz");
    }

    @Test
    void missingFolderIsObjectMissing() {
        assertThatThrownBy(() -> store.open(ref(root.resolve("not-there").toString(), "a.json")))
                .isInstanceOf(ObjectMissingException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../outside.json", "a/../../outside.json", "..", "/etc/hostname", "./", "a/.."})
    void keysThatLeaveTheFolderAreRefused(String key) throws IOException {
        Files.write(root.getParent().resolve("outside.json"), "{}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> store.open(ref(key)))
                .isExactlyInstanceOf(ObjectFetchException.class)
                .satisfies(e -> assertThat(reasonOf(e)).isEqualTo(ObjectFetchException.Reason.INVALID_REF));
    }

    @Test
    void dotDotThatStaysInsideIsAllowed() throws IOException {
        write("b.json", "{}".getBytes(StandardCharsets.UTF_8));
        try (OpenedObject object = store.open(ref("a/../b.json"))) {
            assertThat(object.contentLength()).isEqualTo(2);
        }
    }

    @Test
    void symbolicLinkOutOfTheFolderIsRefused(@TempDir Path elsewhere) throws IOException {
        Path secret = Files.write(elsewhere.resolve("secret.json"), "{}".getBytes(StandardCharsets.UTF_8));
        Files.createSymbolicLink(root.resolve("link.json"), secret);

        assertThatThrownBy(() -> store.open(ref("link.json")))
                .satisfies(e -> assertThat(reasonOf(e)).isEqualTo(ObjectFetchException.Reason.INVALID_REF))
                .hasMessageContaining("links out of the folder");
    }

    @Test
    void directoryRelativeFolderAndWrongSchemeAreInvalid() throws IOException {
        Files.createDirectories(root.resolve("dir"));
        ObjectRef s3 = ref("dir");
        s3.scheme = "s3";

        assertThatThrownBy(() -> store.open(ref("dir")))
                .satisfies(e -> assertThat(reasonOf(e)).isEqualTo(ObjectFetchException.Reason.INVALID_REF));
        assertThatThrownBy(() -> store.open(ref("relative/folder", "a.json")))
                .satisfies(e -> assertThat(reasonOf(e)).isEqualTo(ObjectFetchException.Reason.INVALID_REF));
        assertThatThrownBy(() -> store.open(s3))
                .satisfies(e -> assertThat(reasonOf(e)).isEqualTo(ObjectFetchException.Reason.INVALID_REF));
        assertThatThrownBy(() -> store.open(ref("")))
                .satisfies(e -> assertThat(reasonOf(e)).isEqualTo(ObjectFetchException.Reason.INVALID_REF));
    }
}
