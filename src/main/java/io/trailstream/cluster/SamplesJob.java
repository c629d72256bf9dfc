package io.trailstream.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The job config of {@code trailstream cluster submit --samples}: this checkout's bundled sample trail bucket
 * ({@code src/main/resources/samples}), watched for new files, as one integration, into a warehouse in the cluster
 * folder. Written with absolute paths, as the JobManager and TaskManagers read it from their own working folder.
 */
final class SamplesJob {
    private SamplesJob() {}

    static Path write(Path clusterDir, FlinkDistribution distribution) {
        Path samples = distribution.buildDir().resolveSibling("src/main/resources/samples");
        if (!Files.isDirectory(samples)) {
            throw new IllegalArgumentException("no bundled samples at " + samples + ": --samples needs a checkout");
        }
        Path dir = new ClusterLayout(clusterDir).root();
        String yaml = "# Written by `trailstream cluster submit --samples`.\n"
                + "notifications:\n"
                + "  source: local\n"
                + "  local.path: '" + samples + "'\n"
                + "  local.watch-interval: 5 s\n"
                + "catalog.warehouse: '" + dir.resolve("warehouse") + "'\n"
                + "execution.checkpointing.interval: 10 s\n"
                + "integrations:\n"
                + "  - integration_id: samples\n"
                + "    tenant_id: samples\n"
                + "    display_name: The bundled sample trail bucket\n"
                + "    bucket: '" + samples + "'\n";
        Path file = dir.resolve("samples-job.yaml");
        try {
            Files.createDirectories(dir);
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
