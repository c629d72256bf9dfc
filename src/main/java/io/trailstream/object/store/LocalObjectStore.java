package io.trailstream.object.store;

import io.trailstream.notification.ObjectRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads {@code file} objects: the bucket is an absolute folder, the key a path relative to it. Used for
 * tests, replays of downloaded logs and the local demo. Keys that would leave the folder (through
 * {@code ..}, an absolute path or a symbolic link) are refused.
 */
public final class LocalObjectStore implements ObjectStore {

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
        return new OpenedObject(ref, in, size, eTag);
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
