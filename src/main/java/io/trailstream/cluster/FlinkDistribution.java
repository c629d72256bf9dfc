package io.trailstream.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a Flink distribution would hold, taken from the Maven build as flink-dist is not served here: the
 * class path of {@code lib/} ({@code target/flink-classpath.txt} and {@code target/flink-classpath-shared.txt},
 * written by {@code mvn package}), the {@code plugins/} folder ({@code target/flink-plugins/}: S3 file system,
 * Prometheus reporter) and the job jar ({@code target/trailstream.jar}).
 */
public final class FlinkDistribution {
    private static final String[] CLASSPATH_FILES = {"flink-classpath.txt", "flink-classpath-shared.txt"};

    private final Path buildDir;

    /** @param buildDir Maven's {@code target/} folder after {@code mvn package} */
    public FlinkDistribution(Path buildDir) {
        this.buildDir = buildDir.toAbsolutePath().normalize();
    }

    /**
     * The build folder of the running code: the folder holding {@code trailstream.jar} (the launcher) or
     * {@code classes/} (tests), which is Maven's {@code target/} either way.
     */
    public static FlinkDistribution ofRunningBuild() {
        try {
            Path code = Path.of(FlinkDistribution.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return new FlinkDistribution(code.getParent());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the build folder of trailstream", e);
        }
    }

    public Path buildDir() {
        return buildDir;
    }

    /** The jars of a distribution's {@code lib/}; fails naming the command to run when the build has not made them. */
    public List<Path> classpath() {
        List<Path> jars = new ArrayList<>();
        for (String name : CLASSPATH_FILES) {
            Path file = buildDir.resolve(name);
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException(file + " is missing: run 'mvn -B package -DskipTests' first");
            }
            try {
                for (String entry :
                        Files.readString(file, StandardCharsets.UTF_8).trim().split(":")) {
                    if (!entry.isBlank()) jars.add(Path.of(entry));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return jars;
    }

    /** The plugins folder: one subfolder per plugin, as {@code FLINK_PLUGINS_DIR} expects. */
    public Path pluginsDir() {
        return requireExisting(buildDir.resolve("flink-plugins"));
    }

    /** The shaded job jar a user submits. */
    public Path jobJar() {
        return requireExisting(buildDir.resolve("trailstream.jar"));
    }

    private static Path requireExisting(Path path) {
        if (!Files.exists(path)) {
            throw new IllegalStateException(path + " is missing: run 'mvn -B package -DskipTests' first");
        }
        return path;
    }
}
