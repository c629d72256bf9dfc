package io.trailstream.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs one command as a separate process, as a user would, and measures it from outside: wall clock from start
 * to exit, and the peak resident memory of the process ({@code VmHWM} in {@code /proc/PID/status}, read until it
 * exits; the launcher {@code exec}s the JVM, so the PID is the JVM's) and its CPU time, the figure that the
 * other load of a shared machine distorts least. Output goes to a log file.
 */
final class ChildProcess {
    final int exitCode;
    final double wallSeconds;
    final long peakRssBytes;
    /** CPU time (user + system) of the process, as last seen before it exited: less noisy than wall time. */
    final double cpuSeconds;

    final Path log;

    private ChildProcess(int exitCode, double wallSeconds, long peakRssBytes, double cpuSeconds, Path log) {
        this.exitCode = exitCode;
        this.wallSeconds = wallSeconds;
        this.peakRssBytes = peakRssBytes;
        this.cpuSeconds = cpuSeconds;
        this.log = log;
    }

    static ChildProcess run(List<String> command, Map<String, String> env, Path log)
            throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process process = builder.start();
        Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
        long peak = 0;
        long cpuNanos = 0;
        while (process.isAlive()) {
            peak = Math.max(peak, highWaterMark(status));
            cpuNanos = Math.max(
                    cpuNanos,
                    process.info().totalCpuDuration().map(d -> d.toNanos()).orElse(0L));
            Thread.sleep(20);
        }
        double wall = (System.nanoTime() - start) / 1e9;
        return new ChildProcess(process.waitFor(), wall, peak, cpuNanos / 1e9, log);
    }

    String output() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** VmHWM in bytes, or 0 once the process is gone. */
    private static long highWaterMark(Path status) {
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException gone) {
            // exited between two reads
        }
        return 0;
    }
}
