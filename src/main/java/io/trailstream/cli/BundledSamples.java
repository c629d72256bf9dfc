package io.trailstream.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The sample trail bucket shipped inside the jar ({@code samples/}), copied to a local folder so the
 * embedded default has something to ingest on a fresh clone.
 */
final class BundledSamples {
    private static final String ROOT = "samples/";

    private BundledSamples() {}

    /** Copies the samples into a fresh temporary folder and returns it. */
    static Path extract() {
        try {
            Path target = Files.createTempDirectory("trailstream-samples-");
            String manifest;
            try (InputStream in = resource("MANIFEST")) {
                manifest = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            for (String line : manifest.split("\n")) {
                String key = line.strip();
                if (key.isEmpty() || key.startsWith("#")) continue;
                Path file = target.resolve(key).normalize();
                if (!file.startsWith(target)) throw new IllegalStateException("bad sample path " + key);
                Files.createDirectories(file.getParent());
                try (InputStream in = resource(key)) {
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the bundled samples", e);
        }
    }

    /** Removes a folder made by {@link #extract()}, once the run that read it is over. */
    static void delete(Path folder) {
        try (java.util.stream.Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = BundledSamples.class.getClassLoader().getResourceAsStream(ROOT + name);
        if (in == null) throw new IOException("bundled sample " + name + " is missing from the jar");
        return in;
    }
}
