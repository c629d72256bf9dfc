package io.trailstream.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local warehouse's filesystem sets the permission bits Hadoop asks for, without a chmod process. */
class LocalWarehouseFileSystemTest {

    @Test
    void everyPermissionBitIsMapped() {
        for (short mode = 0; mode < 01000; mode++) {
            String expected = new FsPermission(mode).toString();
            assertThat(PosixFilePermissions.toString(LocalWarehouseFileSystem.posix(new FsPermission(mode))))
                    .as("mode %o", mode)
                    .isEqualTo(expected);
        }
    }

    @Test
    void itSaysItsSchemeAsHadoopsLocalFileSystemDoes() {
        // Iceberg's Flink source asks a table location's filesystem for its scheme (locality); the raw local
        // filesystem does not implement getScheme.
        assertThat(new LocalWarehouseFileSystem().getScheme()).isEqualTo("file");
    }

    @Test
    void filesAndFoldersGetTheirPermissions(@TempDir java.nio.file.Path dir) throws Exception {
        try (LocalWarehouseFileSystem fs = new LocalWarehouseFileSystem()) {
            fs.initialize(dir.toUri(), new Configuration(false));
            Path folder = new Path(dir.toUri().toString(), "a/b");
            assertThat(fs.mkdirs(folder, new FsPermission((short) 0750))).isTrue();
            Path file = new Path(folder, "f.parquet");
            try (OutputStream out =
                    fs.create(file, new FsPermission((short) 0640), false, 4096, (short) 1, 1 << 20, null)) {
                out.write(42);
            }
            java.nio.file.Path local = dir.resolve("a/b/f.parquet");
            assertThat(Files.readAllBytes(local)).containsExactly(42);
            // the process's umask (022 by default) applies to what Hadoop creates, as with chmod
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b"))))
                    .isEqualTo(new FsPermission((short) 0750)
                            .applyUMask(FsPermission.getUMask(fs.getConf()))
                            .toString());
            fs.setPermission(file, new FsPermission((short) 0604));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(local)))
                    .isEqualTo("rw----r--");
            assertThatThrownBy(() -> fs.setPermission(new Path(folder, "missing"), new FsPermission((short) 0600)))
                    .isInstanceOf(FileNotFoundException.class);
        }
    }
}
