package io.trailstream.iceberg;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * The filesystem of a local warehouse ({@code file:} locations): Hadoop's raw local filesystem, whose
 * {@code setPermission} without Hadoop's native library starts a {@code chmod} process for every file and folder it
 * creates (a hundred in a short run, each a fork of the whole JVM). This one sets the same permission bits through
 * {@code java.nio} where the filesystem is POSIX, and falls back to Hadoop's way elsewhere.
 */
public final class LocalWarehouseFileSystem extends RawLocalFileSystem {

    /** {@code file}, as Hadoop's default local filesystem says (the raw one does not: Iceberg's Flink source asks). */
    @Override
    public String getScheme() {
        return "file";
    }

    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
        java.nio.file.Path file = pathToFile(p).toPath();
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null || permission.getStickyBit()) {
            super.setPermission(p, permission);
            return;
        }
        try {
            view.setPermissions(posix(permission));
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException("File " + p + " does not exist");
        }
    }

    /** The POSIX permission bits of {@code permission}. */
    static Set<PosixFilePermission> posix(FsPermission permission) {
        Set<PosixFilePermission> bits = EnumSet.noneOf(PosixFilePermission.class);
        add(
                bits,
                permission.getUserAction(),
                PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE);
        add(
                bits,
                permission.getGroupAction(),
                PosixFilePermission.GROUP_READ,
                PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_EXECUTE);
        add(
                bits,
                permission.getOtherAction(),
                PosixFilePermission.OTHERS_READ,
                PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_EXECUTE);
        return bits;
    }

    private static void add(
            Set<PosixFilePermission> bits,
            FsAction action,
            PosixFilePermission read,
            PosixFilePermission write,
            PosixFilePermission execute) {
        if (action.implies(FsAction.READ)) bits.add(read);
        if (action.implies(FsAction.WRITE)) bits.add(write);
        if (action.implies(FsAction.EXECUTE)) bits.add(execute);
    }
}
