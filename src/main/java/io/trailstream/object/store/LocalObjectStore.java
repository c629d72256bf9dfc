package io.trailstream.object.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailstream.notification.LocalBucketSource;
import io.trailstream.notification.ObjectRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads {@code file} objects: the bucket is an absolute folder, the key a path relative to it. Used for
 * tests, replays of downloaded logs and the local demo. Keys that would leave the folder (through
 * {@code ..}, an absolute path or a symbolic link) are refused. An object's S3 user metadata may be given in a
 * sidecar {@code KEY.s3meta.json}.
 */
public final class LocalObjectStore implements ObjectStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AMZ_META = "x-amz-meta-";

    /** A local folder has no credentials: an integration's role does not apply to it. */
    @Override
    public OpenedObject open(ObjectRef ref, io.trailstream.aws.ReadRole role) throws IOException {
        return open(ref);
    }

    @Override
    public OpenedObject open(ObjectRef ref) throws IOException {
        String uri = ref.uri();
        if (!"file".equals(ref.scheme)) {
            throw new ObjectFetchException(ObjectFetchException.Reason.INVALID_REF, uri, "not a file object", 1, null);
        }
        Path file = resolve(ref, uri);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new ObjectMissingException(uri, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new ObjectAccessDeniedException(uri, "file not readable", e);
        }
        if (!attributes.isRegularFile()) {
            throw new ObjectFetchException(ObjectFetchException.Reason.INVALID_REF, uri, "not a regular file", 1, null);
        }
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new ObjectMissingException(uri, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new ObjectAccessDeniedException(uri, "file not readable", e);
        }
        long size = attributes.size();
        // Not a content hash: size and modification time, enough to tell two versions of a file apart.
        String eTag = Long.toHexString(size) + "-"
                + Long.toHexString(attributes.lastModifiedTime().toMillis());
        Map<String, String> metadata;
        try {
            metadata = sidecar(file, uri);
        } catch (IOException e) {
            in.close();
            throw e;
        }
        return new OpenedObject(ref, in, size, eTag, metadata);
    }

    /**
     * The object's user metadata from {@code FILE.s3meta.json}, when there is one: names lower case and without
     * {@code x-amz-meta-}, as the S3 SDK returns them. A sidecar that is not a JSON object of strings fails the
     * read, naming the sidecar, rather than hiding a signature.
     */
    private static Map<String, String> sidecar(Path file, String uri) throws IOException {
        Path sidecar = file.resolveSibling(file.getFileName() + LocalBucketSource.METADATA_SIDECAR_SUFFIX);
        if (!Files.isRegularFile(sidecar)) return Map.of();
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(sidecar));
        } catch (IOException e) {
            throw new ObjectFetchException(
                    ObjectFetchException.Reason.FAILED, uri, "metadata sidecar " + sidecar + " is not JSON", 1, e);
        }
        if (root == null || !root.isObject()) {
            throw new ObjectFetchException(
                    ObjectFetchException.Reason.FAILED,
                    uri,
                    "metadata sidecar " + sidecar + " is not a JSON object",
                    1,
                    null);
        }
        Map<String, String> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new ObjectFetchException(
                        ObjectFetchException.Reason.FAILED,
                        uri,
                        "metadata sidecar " + sidecar + ": " + e.getKey() + " is not a string",
                        1,
                        null);
            }
            String name = e.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith(AMZ_META)) name = name.substring(AMZ_META.length());
            out.put(name, e.getValue().textValue());
        }
        return out;
    }

    private static Path resolve(ObjectRef ref, String uri) throws IOException {
        if (ref.bucket == null || ref.key == null || ref.key.isEmpty()) {
            throw new ObjectFetchException(ObjectFetchException.Reason.INVALID_REF, uri, "no folder or key", 1, null);
        }
        Path root;
        Path file;
        try {
            root = Path.of(ref.bucket).normalize();
            if (!root.isAbsolute()) {
                throw new ObjectFetchException(
                        ObjectFetchException.Reason.INVALID_REF, uri, "folder is not an absolute path", 1, null);
            }
            Path relative = Path.of(ref.key);
            if (relative.isAbsolute() || ref.key.startsWith("/")) {
                throw new ObjectFetchException(
                        ObjectFetchException.Reason.INVALID_REF, uri, "key is an absolute path", 1, null);
            }
            file = root.resolve(relative).normalize();
        } catch (InvalidPathException e) {
            throw new ObjectFetchException(ObjectFetchException.Reason.INVALID_REF, uri, "not a valid path", 1, e);
        }
        if (!file.startsWith(root) || file.equals(root)) {
            throw new ObjectFetchException(
                    ObjectFetchException.Reason.INVALID_REF, uri, "key leaves the folder", 1, null);
        }
        if (Files.exists(file)) {
            Path realRoot = root.toRealPath();
            if (!file.toRealPath().startsWith(realRoot)) {
                throw new ObjectFetchException(
                        ObjectFetchException.Reason.INVALID_REF, uri, "key links out of the folder", 1, null);
            }
        }
        return file;
    }
}
