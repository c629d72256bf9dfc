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
    /** The bucket the sample digests were signed for: the folder the samples are copied into is named so. */
    static final String BUCKET = "example-trail-bucket";
    /** The public key the sample digests are signed with (a throwaway key; its private half is gone). */
    private static final String PUBLIC_KEYS = "sample-public-keys.json";

    private BundledSamples() {}

    /**
     * Copies the samples into a folder named as their bucket in a fresh temporary folder, with the public keys that
     * verify their digests beside it ({@link #publicKeys}), and returns the bucket folder.
     */
    static Path extract() {
        try {
            Path parent = Files.createTempDirectory("trailstream-samples-");
            try (InputStream in = BundledSamples.class.getClassLoader().getResourceAsStream(PUBLIC_KEYS)) {
                if (in == null) throw new IOException(PUBLIC_KEYS + " is missing from the jar");
                Files.copy(in, parent.resolve(PUBLIC_KEYS));
            }
            Path target = Files.createDirectories(parent.resolve(BUCKET));
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

    /** The public keys file beside a folder made by {@link #extract()}. */
    static Path publicKeys(Path samples) {
        return samples.getParent().resolve(PUBLIC_KEYS);
    }

    /** Removes a folder made by {@link #extract()} (and the temporary folder around it), once its run is over. */
    static void delete(Path samples) {
        try (java.util.stream.Stream<Path> paths = Files.walk(samples.getParent())) {
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
